// File ▸ Back up now, File ▸ Restore… and the daily backup against a real core and real files;
// the native dialogs are replaced by a script of the user's answers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type KbCore } from '../../src/core';
import { backupNow, restoreFromBackup, scheduleDailyBackup, type BackupDialogs } from '../../src/main/backup-flows';

let dir: string;
let core: KbCore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-backup-menu-'));
  core = createCore({ dbPath: path.join(dir, 'kb.sqlite') });
});
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function dialogs(answers: { choose?: (dir: string) => string | undefined; confirm?: boolean }) {
  const shown: { kind: string; message: string; detail: string }[] = [];
  const port: BackupDialogs = {
    chooseBackup: async (d) => answers.choose?.(d),
    confirmRestore: async (message, detail) => (shown.push({ kind: 'confirm', message, detail }), answers.confirm ?? false),
    inform: async (message, detail) => void shown.push({ kind: 'info', message, detail }),
    fail: async (message, detail) => void shown.push({ kind: 'error', message, detail }),
  };
  return { port, shown };
}

const actionCodes = async () => {
  const r = await core.listActions({ sort: 'code' });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.items.map((a) => a.code);
};
const addAction = async (code: string) => {
  const r = await core.createAction({ data: { code, titleEn: code, domain: 'MD' } });
  if (!r.ok) throw new Error(r.error.message);
};

describe('backups from the File menu', () => {
  it('Back up now writes a verified backup and says where', async () => {
    await addAction('Ghana IV');
    const { port, shown } = dialogs({});
    const backup = await backupNow(core, port);
    expect(backup && fs.existsSync(backup.path)).toBe(true);
    expect(shown).toEqual([{ kind: 'info', message: 'Backup done.', detail: expect.stringContaining(backup!.path) }]);
  });

  it('Restore… asks first, changes nothing on Cancel, and brings the backup back on Restore', async () => {
    await addAction('Ghana IV');
    const backup = (await backupNow(core, dialogs({}).port))!;
    await addAction('Mexico IV');
    const cancelled = dialogs({ choose: () => backup.path, confirm: false });
    expect(await restoreFromBackup(core, cancelled.port)).toBeUndefined();
    expect(cancelled.shown[0]).toMatchObject({ kind: 'confirm', detail: expect.stringMatching(/moved aside, never deleted/) });
    expect(await actionCodes()).toEqual(['Ghana IV', 'Mexico IV']);

    const chosenIn: string[] = [];
    const confirmed = dialogs({ choose: (d) => (chosenIn.push(d), backup.path), confirm: true });
    expect(await restoreFromBackup(core, confirmed.port)).toBe(backup.path);
    expect(chosenIn[0]).toBe(path.dirname(backup.path));
    expect(await actionCodes()).toEqual(['Ghana IV']);
    expect(confirmed.shown.at(-1)).toMatchObject({ kind: 'info', message: 'Backup restored.', detail: expect.stringMatching(/previous knowledge base is kept/) });
  });

  it('a file that is not a backup is refused with a message, and the data stays', async () => {
    await addAction('Ghana IV');
    const bogus = path.join(dir, 'not-a-backup.sqlite');
    fs.writeFileSync(bogus, 'hello');
    const { port, shown } = dialogs({ choose: () => bogus, confirm: true });
    expect(await restoreFromBackup(core, port)).toBeUndefined();
    expect(shown.at(-1)).toMatchObject({ kind: 'error', message: 'The restore failed; the knowledge base is unchanged.' });
    expect(await actionCodes()).toEqual(['Ghana IV']);
  });

  it('the daily backup is taken at start and not again within the day', async () => {
    await addAction('Ghana IV');
    const errors: string[] = [];
    const stop = scheduleDailyBackup(core, (m) => errors.push(m), 20);
    await new Promise((r) => setTimeout(r, 120));
    stop();
    const list = await core.listBackups({});
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.backups.filter((b) => b.reason === 'daily')).toHaveLength(1);
    expect(errors).toEqual([]);
  });
});
