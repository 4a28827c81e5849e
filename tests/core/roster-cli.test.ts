import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, tempDir } from './helpers';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const kb = (args: string[]) => {
  const r = spawnSync(tsx, [path.join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('kb import / export of rosters', () => {
  it('imports a French Excel CSV with the suggested mapping, prints the report, exports and re-imports unchanged', () => {
    const db = path.join(tempDir(), 'cli.sqlite');
    const file = fixture('import', 'extra-columns.csv');
    const dry = kb(['import', file, '--dry-run', '--json', '--db', db]);
    expect(dry.code).toBe(0);
    const report = JSON.parse(dry.stdout);
    expect(report).toMatchObject({
      dryRun: true,
      experts: { created: 2, updated: 0, unchanged: 0, rejected: 0 },
      droppedColumns: ['Date de naissance', 'Numéro de passeport'],
      rejections: [],
      file: { encoding: 'utf-8', delimiter: ';' },
    });
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['actions', 'lessons', 'experts', 'deployments', 'rejections', 'droppedColumns']));
    expect(report.rows).toBeUndefined();

    const bad = JSON.parse(kb(['import', fixture('import', 'bad-emails.csv'), '--json', '--db', db]).stdout);
    expect(bad.rejections[0]).toEqual({
      line: 3,
      path: 'E-mail',
      code: 'bad_email',
      reason: '"no.at.example.org" is not a valid e-mail address',
      messageKey: 'badEmail',
      params: { value: 'no.at.example.org' },
    });

    const human = kb(['import', file, '--db', db]);
    expect(human.stdout).toContain('Not imported: Date de naissance, Numéro de passeport');
    expect(human.stdout).toMatch(/Experts\s+2 created/);

    const out = path.join(tempDir(), 'experts.csv');
    expect(kb(['export', out, '--type', 'experts', '--db', db])).toMatchObject({ code: 0, stdout: `Exported 6 experts to ${out} (csv).\n` });
    expect(fs.readFileSync(out).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const again = JSON.parse(kb(['import', out, '--json', '--db', db]).stdout);
    expect(again.experts).toEqual({ created: 0, updated: 0, unchanged: 6, rejected: 0 });
  });

  it('export --type share writes a sharing bundle that import merges on another knowledge base, once', () => {
    const a = path.join(tempDir(), 'a.sqlite');
    const b = path.join(tempDir(), 'b.sqlite');
    expect(kb(['init', '--demo', '--db', a]).code).toBe(0);
    const bundle = path.join(tempDir(), 'share.mieux-kb.json');
    expect(kb(['export', bundle, '--type', 'share', '--db', a]).stdout).toMatch(/^Exported a sharing bundle of \d+ records to /);
    const doc = JSON.parse(fs.readFileSync(bundle, 'utf8'));
    expect(doc.sync.origin).toMatch(/^[0-9a-f-]{36}$/);
    const first = JSON.parse(kb(['import', bundle, '--json', '--db', b]).stdout);
    expect(first.actions.created).toBe(doc.actions.length);
    expect(first.sync).toMatchObject({ conflicts: [], kept: 0 });
    const again = JSON.parse(kb(['import', bundle, '--json', '--db', b]).stdout);
    expect(again.actions).toEqual({ created: 0, updated: 0, unchanged: doc.actions.length, rejected: 0 });
  });

  it('takes the sheet, the date order and overrides; refuses unknown values in one line', () => {
    const db = path.join(tempDir(), 'cli.sqlite');
    const sheet = JSON.parse(kb(['import', fixture('import', 'multi-sheet.xlsx'), '--sheet', 'Experts', '--dry-run', '--json', '--db', db]).stdout);
    expect(sheet).toMatchObject({ file: { sheet: 'Experts', sheets: ['Read me', 'Experts'] }, experts: { created: 2 } });
    const mdy = JSON.parse(kb(['import', fixture('import', 'mdy-dates.csv'), '--date-order', 'mdy', '--dry-run', '--json', '--db', db]).stdout);
    expect(mdy.experts).toMatchObject({ created: 2, rejected: 1 });
    const forced = JSON.parse(kb(['import', fixture('import', 'cp1252-tab-no-bom.txt'), '--encoding', 'cp1252', '--delimiter', 'tab', '--dry-run', '--json', '--db', db]).stdout);
    expect(forced.file).toMatchObject({ encoding: 'windows-1252', delimiter: '\t' });
    const wrong = kb(['import', fixture('import', 'mdy-dates.csv'), '--encoding', 'ebcdic', '--db', db]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^error: --encoding must be one of/);
  });
});
