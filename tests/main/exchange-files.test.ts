// File ▸ Import… and File ▸ Export… against a real core and real files; the native dialogs are
// replaced by a script of the user's answers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type KbCore } from '../../src/core';
import { exportFileName, exportToFile, importFromFile, type DialogPort } from '../../src/main/exchange-files';

const fixture = path.resolve(__dirname, '../fixtures/exchange/small.mieux-kb.json');

let dir: string;
let core: KbCore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-files-'));
  core = createCore({ dbPath: path.join(dir, 'kb.sqlite') });
});
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function dialogs(answers: { open?: string; save?: string; confirm?: boolean }) {
  const shown: { kind: string; message: string; detail: string }[] = [];
  const port: DialogPort = {
    openFile: async () => answers.open,
    saveFile: async (name) => answers.save && path.join(answers.save, name),
    confirm: async (message, detail) => (shown.push({ kind: 'confirm', message, detail }), answers.confirm ?? false),
    inform: async (message, detail) => void shown.push({ kind: 'info', message, detail }),
    fail: async (message, detail) => void shown.push({ kind: 'error', message, detail }),
  };
  return { port, shown };
}

const count = async () => {
  const s = await core.getStats({});
  if (!s.ok) throw new Error(s.error.message);
  return s.value.actions + s.value.lessons + s.value.experts + s.value.deployments;
};

describe('import and export through the File menu', () => {
  it('shows what an import would change, and changes nothing when the user cancels', async () => {
    const { port, shown } = dialogs({ open: fixture, confirm: false });
    expect(await importFromFile(core, port)).toBeUndefined();
    expect(shown).toHaveLength(1);
    expect(shown[0]!.kind).toBe('confirm');
    expect(shown[0]!.detail).toMatch(/Actions: [1-9]\d* new/);
    expect(await count()).toBe(0);
  });

  it('imports after confirmation, then exports a file that imports back unchanged', async () => {
    const { port, shown } = dialogs({ open: fixture, confirm: true, save: dir });
    const report = await importFromFile(core, port);
    expect(report?.actions.created).toBeGreaterThan(0);
    expect(shown.map((s) => s.kind)).toEqual(['confirm', 'info']);
    const imported = await count();
    expect(imported).toBeGreaterThan(0);

    const file = await exportToFile(core, port, new Date('2026-03-04T10:00:00Z'));
    expect(file).toBe(path.join(dir, 'mieux-kb-export-2026-03-04.mieux-kb.json'));
    const other = createCore({ dbPath: path.join(dir, 'other.sqlite') });
    try {
      const again = dialogs({ open: file, confirm: true });
      expect((await importFromFile(other, again.port))?.actions.created).toBe(report!.actions.created);
    } finally {
      other.close();
    }
  });

  it('explains a file that is not JSON or not an exchange file, and imports nothing', async () => {
    const notJson = path.join(dir, 'notes.txt');
    fs.writeFileSync(notJson, 'Minutes of the steering committee');
    const wrong = path.join(dir, 'wrong.json');
    fs.writeFileSync(wrong, JSON.stringify({ hello: 'world' }));
    for (const file of [notJson, wrong, path.join(dir, 'missing.json')]) {
      const { port, shown } = dialogs({ open: file, confirm: true });
      expect(await importFromFile(core, port)).toBeUndefined();
      const last = shown.at(-1)!;
      expect(last.kind, file).toBe('error');
      expect(last.message).toBe('This file cannot be imported.');
    }
    expect(await count()).toBe(0);
  });

  it('does nothing when the user closes the dialog', async () => {
    const { port, shown } = dialogs({});
    expect(await importFromFile(core, port)).toBeUndefined();
    expect(await exportToFile(core, port, new Date())).toBeUndefined();
    expect(shown).toEqual([]);
  });

  it('reports a folder it cannot write to', async () => {
    const { port, shown } = dialogs({ save: path.join(dir, 'no', 'such', 'folder') });
    expect(await exportToFile(core, port, new Date())).toBeUndefined();
    expect(shown.at(-1)).toMatchObject({ kind: 'error', message: 'The export could not be saved.' });
  });

  it('names exports by date', () => expect(exportFileName(new Date('2026-11-29T23:00:00Z'))).toBe('mieux-kb-export-2026-11-29.mieux-kb.json'));
});
