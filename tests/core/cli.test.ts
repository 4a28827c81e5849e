import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { fixture, ok, tempDir } from './helpers';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

/** Runs the CLI as a user does, in its own process. */
function kb(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(tsx, [path.join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the kb command line', () => {
  it('init, import --json, stats --json, search --json, export and check on one file', () => {
    const db = path.join(tempDir(), 'cli.sqlite');
    expect(kb(['init', '--db', db])).toMatchObject({ code: 0, stdout: `Knowledge base ready at ${db}.\n` });

    const dry = kb(['import', fixture('exchange', 'small.mieux-kb.json'), '--dry-run', '--json', '--db', db]);
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, actions: { created: 3 } });

    const imp = kb(['import', fixture('exchange', 'small.mieux-kb.json'), '--json', '--db', db]);
    expect(imp.code).toBe(0);
    const report = JSON.parse(imp.stdout);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['actions', 'lessons', 'experts', 'deployments', 'rejections']));
    expect(report.actions).toEqual({ created: 3, updated: 0, unchanged: 0, rejected: 0 });

    const stats = JSON.parse(kb(['stats', '--json', '--db', db]).stdout);
    expect(stats).toMatchObject({ actions: 3, lessons: 2, experts: 2, deployments: 2, expertsDeployed: 2, memberStates: 2, countries: 2 });

    const search = kb(['search', 'diaspora', '--type', 'action', '--limit', '5', '--json', '--db', db]);
    expect(search.code).toBe(0);
    const result = JSON.parse(search.stdout);
    expect(result).toMatchObject({ query: 'diaspora', total: 2, suggestion: null });
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['query', 'total', 'hits', 'facets', 'suggestion']));
    expect(result.hits[0]).toMatchObject({ type: 'action', code: expect.stringMatching(/Ghana IV|Côte/), title: expect.any(String), snippet: expect.any(String), score: expect.any(Number) });
    expect(result.hits.every((h: { type: string }) => h.type === 'action')).toBe(true);

    const human = kb(['search', 'réfugiés', '--db', db]);
    expect(human.stdout).toMatch(/^1 result for "réfugiés"/);
    expect(human.stdout).toContain("[lesson] Les réfugiés ont besoin d'un interlocuteur unique");

    const out = path.join(tempDir(), 'out.mieux-kb.json');
    expect(kb(['export', out, '--db', db]).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toMatchObject({ format: 'mieux-kb', version: 1 });
    expect(kb(['check', '--db', db])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^OK: .*integrity check \(schema version \d+\)/) });
  });

  it('backups prints how many backups rotation keeps, as set in the knowledge base', async () => {
    const db = path.join(tempDir(), 'kb.sqlite');
    const core = createCore({ dbPath: db });
    ok(await core.setBackupSettings({ keepDaily: 12, keepSafety: 3 }));
    core.close();
    const human = kb(['backups', '--db', db]);
    expect(human).toMatchObject({ code: 0, stdout: `No backups in ${path.join(path.dirname(db), 'backups')}.\nRotation keeps 12 daily backups and 3 of each of pre-migration and pre-import; manual backups are never deleted.\n` });
    expect(JSON.parse(kb(['backups', '--json', '--db', db]).stdout)).toMatchObject({ backups: [], retention: { keepDaily: 12, keepSafety: 3, defaults: { keepDaily: 7, keepSafety: 5 } } });
  });

  it('uses MIEUX_KB_DB when no --db is given', () => {
    const db = path.join(tempDir(), 'env.sqlite');
    expect(kb(['init'], { MIEUX_KB_DB: db }).code).toBe(0);
    expect(fs.existsSync(db)).toBe(true);
    expect(JSON.parse(kb(['stats', '--json'], { MIEUX_KB_DB: db }).stdout).actions).toBe(0);
  });

  it('fails with a one-line error and a non-zero exit code', () => {
    const dir = tempDir();
    const missing = kb(['stats', '--db', path.join(dir, 'nothing.sqlite')]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/^error: No knowledge base at .*nothing\.sqlite\. Create one with: kb init/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(fs.existsSync(path.join(dir, 'nothing.sqlite'))).toBe(false);

    const db = path.join(dir, 'kb.sqlite');
    kb(['init', '--db', db]);
    const notJson = path.join(dir, 'bad.json');
    fs.writeFileSync(notJson, '{ nope');
    expect(kb(['import', notJson, '--db', db])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: .*bad\.json is not valid JSON/) });
    const wrong = path.join(dir, 'wrong.json');
    fs.writeFileSync(wrong, JSON.stringify({ format: 'other', version: 1 }));
    expect(kb(['import', wrong, '--db', db])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: format: /) });
    expect(kb(['frobnicate', '--db', db])).toMatchObject({ code: 1, stderr: expect.stringMatching(/Unknown command "frobnicate"/) });
    expect(kb(['search', 'x', '--limit', 'lots', '--db', db]).stderr).toMatch(/--limit/);
    expect(kb(['stats', '--bogus', '--db', db])).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: .*bogus/) });

    const newer = path.join(dir, 'newer.sqlite');
    kb(['init', '--db', newer]);
    const raw = new Database(newer);
    raw.pragma('user_version = 9999');
    raw.close();
    expect(kb(['check', '--db', newer])).toMatchObject({ code: 1, stderr: expect.stringMatching(/newer version of the app/) });
  });
});
