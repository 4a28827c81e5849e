// The startup check in the background: a file that needs no migration answers reads at once while
// quick_check (or integrity_check after a crash) runs in a worker thread; writes wait for the
// verdict, and a damaged file is never written to. The check is held back with `startupCheckGate`
// so each test acts while it is under way, without relying on timing.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { closeDatabase, openDatabase, sessionMarker } from '../../src/core/db/open';
import type { KbEvent } from '../../src/shared/api';
import { damageTable } from './damage';
import { err, ghana, ok, tempDir } from './helpers';

/** A knowledge base with one Action and one lesson, closed cleanly. */
async function closedFile(dir = tempDir()): Promise<string> {
  const dbPath = path.join(dir, 'kb.sqlite');
  const core = createCore({ dbPath });
  ok(await core.createAction({ data: ghana }));
  ok(await core.createLesson({ data: { title: 'A lesson', polarity: 'success' } }));
  core.close();
  return dbPath;
}

function gate() {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** A process id that no longer runs: its session marker reads as a crash. */
const deadPid = () => Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);

/** The files a session that crashed leaves: a committed change still in the write-ahead log, and its marker. */
async function crashedFile(): Promise<{ dbPath: string; marker: string }> {
  const source = await closedFile();
  const live = new Database(source);
  live.pragma('wal_autocheckpoint = 0');
  live.prepare("UPDATE actions SET summary = 'Changed by the session that crashed'").run();
  const dbPath = path.join(tempDir(), 'kb.sqlite');
  fs.copyFileSync(source, dbPath);
  fs.copyFileSync(`${source}-wal`, `${dbPath}-wal`);
  live.close();
  const marker = sessionMarker(dbPath, deadPid());
  fs.writeFileSync(marker, 'left by a crash');
  return { dbPath, marker };
}

const bytesOf = (dbPath: string) => ({ file: fs.readFileSync(dbPath), log: fs.readFileSync(`${dbPath}-wal`) });
const unchanged = (dbPath: string, before: ReturnType<typeof bytesOf>) => {
  const now = bytesOf(dbPath);
  return now.file.equals(before.file) && now.log.equals(before.log);
};

describe('the startup check in the background', () => {
  it('answers reads before the check has run; a write issued meanwhile waits for the verdict, then succeeds', async () => {
    const dbPath = await closedFile();
    const check = gate();
    const core = createCore({ dbPath, startupCheckGate: check.promise });

    expect(ok(await core.listActions({})).total).toBe(1);
    expect(ok(await core.search({ query: 'Ghana', limit: 10 })).total).toBe(1);
    let settled = false;
    const write = core.createAction({ data: { ...ghana, code: 'Written during the check' } }).finally(() => (settled = true));
    const health = core.getDatabaseHealth({});
    // Reads still answer, the write has not run, and no session marker exists before a clean check.
    expect(ok(await core.listActions({})).total).toBe(1);
    expect(settled).toBe(false);
    expect(fs.existsSync(sessionMarker(dbPath))).toBe(false);

    check.open();
    expect(ok(await write).code).toBe('Written during the check');
    expect(ok(await health)).toMatchObject({ state: 'ok', check: 'quick_check', uncleanShutdown: false, problems: [] });
    expect(fs.existsSync(sessionMarker(dbPath))).toBe(true);
    expect(ok(await core.listActions({})).total).toBe(2);
    core.close();
    expect(fs.existsSync(sessionMarker(dbPath))).toBe(false);
  });

  it('on a damaged file refuses a write issued right after opening, writes nothing, and ends read-only with the damage reported', async () => {
    const dbPath = await closedFile();
    damageTable(dbPath, 'lessons');
    const bytes = fs.readFileSync(dbPath);

    const core = createCore({ dbPath });
    const events: KbEvent[] = [];
    core.on((e) => events.push(e));
    const write = core.createAction({ data: { ...ghana, code: 'Never written' } });
    expect(err(await write)).toMatchObject({ code: 'DB_CORRUPT', message: expect.stringMatching(/read-only/) });
    const health = ok(await core.getDatabaseHealth({}));
    expect(health).toMatchObject({ state: 'damaged', check: 'quick_check', uncleanShutdown: false });
    expect(health.problems.length).toBeGreaterThan(0);
    // The UI learns of it like of any change it did not make.
    expect(events).toContainEqual({ type: 'changed', entity: 'all', ids: [] });
    expect(err(await core.setAuditActor({ name: 'Someone' })).code).toBe('DB_CORRUPT');
    expect(ok(await core.listActions({})).items.map((a) => a.code)).toEqual(['Ghana III']);
    core.close();

    expect(fs.readFileSync(dbPath).equals(bytes)).toBe(true);
    expect(fs.existsSync(sessionMarker(dbPath))).toBe(false);
  });

  it('holds a sharing bundle export, which records what was exchanged, until the verdict', async () => {
    const dbPath = await closedFile();
    // Damage the export does not read: only the check can stop it from writing.
    damageTable(dbPath, 'audit_log');
    const before = { file: fs.readFileSync(dbPath), log: fs.existsSync(`${dbPath}-wal`) ? fs.readFileSync(`${dbPath}-wal`) : Buffer.alloc(0) };
    const core = createCore({ dbPath });
    expect(err(await core.exportBundle({})).code).toBe('DB_CORRUPT');
    core.close();
    expect(fs.readFileSync(dbPath).equals(before.file)).toBe(true);
    expect((fs.existsSync(`${dbPath}-wal`) ? fs.readFileSync(`${dbPath}-wal`) : Buffer.alloc(0)).equals(before.log)).toBe(true);
  });

  it('after a crash, integrity_check finds the damage and the log the crashed session left is not checkpointed into the file', async () => {
    const { dbPath, marker } = await crashedFile();
    damageTable(dbPath, 'lessons');
    const before = bytesOf(dbPath);

    const core = createCore({ dbPath });
    expect(err(await core.createAction({ data: { ...ghana, code: 'Never written' } })).code).toBe('DB_CORRUPT');
    expect(ok(await core.getDatabaseHealth({}))).toMatchObject({ state: 'damaged', check: 'integrity_check', uncleanShutdown: true });
    expect(ok(await core.getAction({ id: ok(await core.listActions({})).items[0]!.id })).summary).toBe('Changed by the session that crashed');
    core.close();

    expect(unchanged(dbPath, before)).toBe(true);
    // Not checked clean, so the crash is still on record for the next start.
    expect(fs.existsSync(marker)).toBe(true);
  });

  it('closes without waiting for a check under way: the waiting calls fail, nothing is written, the next start checks again', async () => {
    const { dbPath, marker } = await crashedFile();
    const before = bytesOf(dbPath);
    const core = createCore({ dbPath, startupCheckGate: gate().promise });
    const write = core.createAction({ data: { ...ghana, code: 'Never written' } });
    const health = core.getDatabaseHealth({});
    expect(ok(await core.listActions({})).total).toBe(1);
    core.close();
    expect(err(await write)).toMatchObject({ code: 'INTERNAL', message: expect.stringMatching(/closed before its startup check finished/) });
    expect(err(await health).code).toBe('INTERNAL');
    // Not even the crashed session's log is folded into the file: it was never checked.
    expect(unchanged(dbPath, before)).toBe(true);
    expect(fs.existsSync(sessionMarker(dbPath))).toBe(false);

    // Closed at once, while the worker starts or checks: the same, with no thread left behind.
    createCore({ dbPath }).close();
    expect(unchanged(dbPath, before)).toBe(true);

    const next = createCore({ dbPath });
    expect(ok(await next.getDatabaseHealth({}))).toMatchObject({ state: 'ok', uncleanShutdown: true, check: 'integrity_check' });
    expect(fs.existsSync(marker)).toBe(false);
    next.close();
  });

  it('runs the check in this thread when the worker cannot, so no write goes unchecked', async () => {
    const dbPath = await closedFile();
    damageTable(dbPath, 'lessons');
    const core = createCore({ dbPath, startupCheckGate: Promise.reject(new Error('no worker here')) });
    expect(err(await core.createAction({ data: ghana })).code).toBe('DB_CORRUPT');
    expect(ok(await core.getDatabaseHealth({}))).toMatchObject({ state: 'damaged', check: 'quick_check' });
    core.close();

    const clean = await closedFile();
    const healthy = createCore({ dbPath: clean, startupCheckGate: Promise.reject(new Error('no worker here')) });
    expect(ok(await healthy.createAction({ data: { ...ghana, code: 'Checked here' } })).code).toBe('Checked here');
    healthy.close();
  });

  it('the connection itself refuses writes until the verdict, whatever method tries', async () => {
    const dbPath = await closedFile();
    const check = gate();
    const opened = openDatabase(dbPath, MIGRATIONS, { backgroundCheck: true, checkGate: check.promise });
    const write = () => opened.db.prepare("UPDATE actions SET summary = 'Before the verdict'").run();
    expect(write).toThrow(/readonly|query_only/i);
    check.open();
    await opened.pendingCheck!.verdict;
    expect(write().changes).toBe(1);
    closeDatabase(opened.db, dbPath);
  });

  it('keeps the check before opening when the file is new or a migration is pending', async () => {
    // The gates are never opened: only a check that ran before createCore returned lets these calls answer.
    const created = createCore({ dbPath: path.join(tempDir(), 'kb.sqlite'), startupCheckGate: gate().promise });
    expect(fs.existsSync(sessionMarker(created.dbPath))).toBe(true);
    // With nothing to wait for, a write runs within the call, as before (the search benchmark relies on it).
    void created.createAction({ data: ghana });
    expect(ok(await created.listActions({})).total).toBe(1);
    created.close();

    const dbPath = path.join(tempDir(), 'kb.sqlite');
    const old = openDatabase(dbPath, MIGRATIONS.filter((m) => m.version <= 20));
    closeDatabase(old.db, dbPath);
    const migrated = createCore({ dbPath, startupCheckGate: gate().promise });
    expect(ok(await migrated.getDatabaseHealth({}))).toMatchObject({ state: 'ok', check: 'quick_check', preMigrationBackup: { reason: 'pre-migration' } });
    expect(ok(await migrated.createAction({ data: { ...ghana, code: 'After the migration' } })).code).toBe('After the migration');
    migrated.close();
  });
});
