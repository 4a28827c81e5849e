// Crashes for real: a child process (tests/core/crash/child.ts) opens the knowledge base and is
// killed with SIGKILL at a random moment of an import, a migration or a backup. Afterwards the
// database must open, pass integrity_check, and show each write whole or not at all.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { listBackups, verifyBackupFile } from '../../src/core/backup/backup';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/core/db/migrations';
import { openDatabase, sessionMarker } from '../../src/core/db/open';
import { ok, tempDir } from './helpers';

const root = path.resolve(__dirname, '../..');
const child = path.join(__dirname, 'crash', 'child.ts');

interface Run {
  /** The child finished before the kill. */
  completed: boolean;
  /** Milliseconds from "go" to "done" (completed runs only). */
  took: number;
  pid: number;
}

/** Runs the child; once it says "go", kills it with SIGKILL after `killAfter` ms (never, if null). */
function runChild(args: string[], killAfter: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    // One process: node with tsx's loader. The tsx launcher would run the script in a grandchild,
    // and a SIGKILL to the launcher would leave the real writer running.
    const p = spawn(process.execPath, ['--import', 'tsx', child, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let goAt = 0;
    let timer: NodeJS.Timeout | undefined;
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!goAt && out.includes('go\n')) {
        goAt = Date.now();
        if (killAfter !== null) timer = setTimeout(() => p.kill('SIGKILL'), killAfter);
      }
    });
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      const completed = out.includes('done\n');
      if (!completed && signal !== 'SIGKILL') reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ completed, took: completed ? Date.now() - goAt : 0, pid: p.pid! });
    });
  });
}

const IMPORT_ACTIONS = 200;
const IMPORT_DEPLOYMENTS = 9_800;

/** A 10,000-row import whose every row carries the run's tag. */
function importDocument(tag: string) {
  return {
    format: 'mieux-kb',
    version: 1,
    actions: Array.from({ length: IMPORT_ACTIONS }, (_, i) => ({ code: `${tag}-A${i}`, titleEn: `Crash test ${tag} ${i}`, domain: 'IMT', status: 'completed', countries: ['GH'] })),
    deployments: Array.from({ length: IMPORT_DEPLOYMENTS }, (_, i) => ({
      id: randomUUID(),
      expert: 'crash@example.eu',
      action: 'Base',
      role: 'expert',
      activityType: 'workshop',
      startDate: '2020',
      location: `${tag}-D${i}`,
    })),
  };
}

const base = {
  format: 'mieux-kb',
  version: 1,
  actions: [{ code: 'Base', titleEn: 'Base Action', domain: 'IMT', status: 'completed', countries: ['GH'] }],
  experts: [{ givenName: 'Crash', familyName: 'Test', email: 'crash@example.eu', sector: 'academia' }],
};

const deadTemporaryFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.tmp(-journal|-wal|-shm)?$/.test(f)) : []);

/** One lane of import runs (two lanes run side by side, one per core), each run on a fresh copy of a small knowledge base. */
async function importLane(lane: string, runs: number): Promise<{ killed: number; completed: number }> {
  const dir = tempDir();
  const template = path.join(dir, 'template.sqlite');
  const setup = createCore({ dbPath: template });
  ok(await setup.importExchange({ document: base }));
  setup.close();
  const dbPath = path.join(dir, 'kb.sqlite');

  let duration = 0;
  let completed = 0;
  let killed = 0;
  for (let run = 0; run < runs; run++) {
    const tag = `${lane}${run}`;
    const file = path.join(dir, `${tag}.json`);
    fs.writeFileSync(file, JSON.stringify(importDocument(tag)));
    fs.copyFileSync(template, dbPath);
    // The first run is not killed: it measures how long an import takes here, so the kills land inside one.
    const r = await runChild(['import', dbPath, file], run === 0 ? null : Math.floor(Math.random() * duration * 1.1));
    // A run that finished before its kill is a better measure: the first one may have shared the
    // cores with other test files, and kills aimed past the end of later runs prove nothing.
    if (r.completed) duration = run === 0 ? r.took : Math.min(duration, r.took);
    if (r.completed) completed++;
    else killed++;

    // A kill before the startup check's verdict comes before the session (and any write) began.
    const sessionBegan = fs.existsSync(sessionMarker(dbPath, r.pid));
    const core = createCore({ dbPath });
    const health = ok(await core.getDatabaseHealth({}));
    expect(health.state).toBe('ok');
    if (!r.completed && sessionBegan) expect(health).toMatchObject({ uncleanShutdown: true, check: 'integrity_check' });
    expect(ok(await core.checkDatabase({})).problems).toEqual([]);
    core.close();

    const db = new Database(dbPath, { readonly: true });
    const count = (sql: string) => db.prepare(sql).pluck().get(`${tag}-%`) as number;
    const actions = count('SELECT count(*) FROM actions WHERE code LIKE ?');
    const deployments = count('SELECT count(*) FROM deployments WHERE location LIKE ?');
    const audited = count("SELECT count(*) FROM audit_log WHERE entity = 'action' AND record_id IN (SELECT id FROM actions WHERE code LIKE ?)");
    // All or nothing: the whole import with its audit entries, or no trace of it.
    const whole = { actions: IMPORT_ACTIONS, deployments: IMPORT_DEPLOYMENTS, audited: IMPORT_ACTIONS };
    const none = { actions: 0, deployments: 0, audited: 0 };
    expect({ actions, deployments, audited }).toEqual(r.completed ? whole : expect.toBeOneOf([whole, none]));
    // What was there before the import is untouched.
    expect(db.prepare("SELECT count(*) FROM actions WHERE code = 'Base'").pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM experts').pluck().get()).toBe(1);
    db.close();
    fs.rmSync(file);
  }
  // A killed pre-import backup leaves a temporary file: it is never listed, and the next backup removes it.
  const backups = path.join(dir, 'backups');
  expect(listBackups(backups).every((b) => b.present && !b.file.endsWith('.tmp'))).toBe(true);
  const core = createCore({ dbPath });
  ok(await core.createBackup({}));
  core.close();
  expect(deadTemporaryFiles(backups)).toEqual([]);
  return { killed, completed };
}

describe('kill -9', () => {
  it('at random points of a 10,000-row import (20 runs): the database opens, passes integrity_check, and each import is all or nothing', async () => {
    const lanes = await Promise.all([importLane('R', 10), importLane('S', 10)]);
    const killed = lanes.reduce((n, l) => n + l.killed, 0);
    // Most runs must really die part-way, or the test proves nothing.
    expect(killed).toBeGreaterThanOrEqual(12);
  }, 180_000);

  it('during the migration at open (with its pre-migration backup): the schema is the old one or the new one, never between', async () => {
    const dir = tempDir();
    const template = path.join(dir, 'schema20.sqlite');
    const old = openDatabase(template, MIGRATIONS.filter((m) => m.version <= 20)).db;
    const ins = old.prepare("INSERT INTO actions (id, code, title_en, language, status, domain, summary, created_at, updated_at) VALUES (?, ?, 'T', 'en', 'completed', 'IMT', ?, 'x', 'x')");
    old.transaction(() => {
      for (let i = 0; i < 1500; i++) ins.run(randomUUID(), `Old ${i}`, createHash('sha256').update(String(i)).digest('hex').repeat(8));
    })();
    old.pragma('wal_checkpoint(TRUNCATE)');
    old.close();
    fs.rmSync(sessionMarker(template), { force: true });

    const dbPath = path.join(dir, 'kb.sqlite');
    fs.copyFileSync(template, dbPath);
    const first = await runChild(['open', dbPath], null);
    const duration = first.took;
    const seen = new Set<number>();
    for (let run = 0; run < 4; run++) {
      fs.rmSync(path.join(dir, 'backups'), { recursive: true, force: true });
      for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, sessionMarker(dbPath)]) fs.rmSync(f, { force: true });
      fs.copyFileSync(template, dbPath);
      await runChild(['open', dbPath], Math.floor((run / 3) * duration * 1.2));

      const raw = new Database(dbPath, { readonly: true });
      const version = raw.pragma('user_version', { simple: true }) as number;
      const hasAudit = raw.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'audit_log'").pluck().get();
      expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
      raw.close();
      seen.add(version);
      expect([20, SCHEMA_VERSION]).toContain(version);
      expect(hasAudit).toBe(version === 20 ? 0 : 1);

      // The next open finishes the job; a half-written backup is ignored and cleaned.
      const core = createCore({ dbPath });
      expect(ok(await core.checkDatabase({}))).toMatchObject({ ok: true, schemaVersion: SCHEMA_VERSION });
      expect(ok(await core.listActions({})).total).toBe(1500);
      for (const b of ok(await core.listBackups({})).backups) expect(() => verifyBackupFile(b.path)).not.toThrow();
      ok(await core.createBackup({}));
      core.close();
      expect(deadTemporaryFiles(path.join(dir, 'backups'))).toEqual([]);
    }
    expect(seen.has(20)).toBe(true);
  }, 120_000);

  it('during a backup: the database is intact, only whole verified backups are listed, the leftovers are cleaned', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'kb.sqlite');
    const setup = createCore({ dbPath });
    ok(await setup.importExchange({ document: base }));
    ok(await setup.importExchange({ document: importDocument('B') }));
    setup.close();
    const first = await runChild(['backup', dbPath], null);
    let killedMidway = 0;
    for (let run = 0; run < 4; run++) {
      const r = await runChild(['backup', dbPath], Math.floor(Math.random() * first.took));
      if (!r.completed) killedMidway++;
      const backups = listBackups(path.join(dir, 'backups'));
      for (const b of backups) {
        expect(b.present).toBe(true);
        expect(createHash('sha256').update(fs.readFileSync(b.path)).digest('hex')).toBe(b.sha256);
      }
    }
    expect(killedMidway).toBeGreaterThan(0);
    const core = createCore({ dbPath });
    expect(ok(await core.checkDatabase({})).ok).toBe(true);
    expect(ok(await core.listDeployments({ pageSize: 1 })).total).toBe(IMPORT_DEPLOYMENTS);
    ok(await core.createBackup({}));
    core.close();
    expect(deadTemporaryFiles(path.join(dir, 'backups'))).toEqual([]);
  }, 120_000);
});
