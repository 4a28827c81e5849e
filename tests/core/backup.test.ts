import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type KbCore } from '../../src/core';
import { cleanTemporaryFiles, listBackups, rotateBackups } from '../../src/core/backup/backup';
import { RETENTION_RECORD } from '../../src/core/backup/retention';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/core/db/migrations';
import { openDatabase, sessionMarker } from '../../src/core/db/open';
import type { BackupInfo } from '../../src/shared/api';
import { damageTable } from './damage';
import { err, expertHelene, ghana, ok, tempDir } from './helpers';
import { rosterInput } from './roster-helpers';

const root = path.resolve(__dirname, '../..');
const appVersion = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;
const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A knowledge base in its own folder, closed by each test (several tests reopen the same file). */
function fileCore(dir = tempDir()): { core: KbCore; dbPath: string; dir: string } {
  const dbPath = path.join(dir, 'kb.sqlite');
  return { core: createCore({ dbPath }), dbPath, dir };
}

const actionCodes = async (core: KbCore) => ok(await core.listActions({ pageSize: 100 })).items.map((a) => a.code).sort();

describe('verified backups', () => {
  it('a manual backup is a self-contained, verified copy with a manifest that matches it', async () => {
    const { core, dbPath, dir } = fileCore();
    ok(await core.createAction({ data: ghana }));
    ok(await core.createExpert({ data: expertHelene }));
    const b = ok(await core.createBackup({}));
    core.close();

    expect(path.dirname(b.path)).toBe(path.join(dir, 'backups'));
    expect(b).toMatchObject({ reason: 'manual', schemaVersion: SCHEMA_VERSION, appVersion, source: 'kb.sqlite', present: true, counts: { actions: 1, experts: 1, lessons: 0, deployments: 0 } });
    expect(b.sha256).toBe(sha256(b.path));
    expect(b.bytes).toBe(fs.statSync(b.path).size);
    const manifest = JSON.parse(fs.readFileSync(`${b.path}.json`, 'utf8'));
    expect(manifest).toMatchObject({ format: 'mieux-kb-backup', file: path.basename(b.path), sha256: b.sha256, createdAt: b.createdAt });
    // Only the backup and its manifest: no temporary file, no -wal beside it.
    expect(fs.readdirSync(path.dirname(b.path)).sort()).toEqual([path.basename(b.path), `${path.basename(b.path)}.json`]);
    const copy = new Database(b.path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('SELECT code FROM actions').pluck().all()).toEqual(['Ghana III']);
    copy.close();
    expect(fs.existsSync(dbPath)).toBe(true);
  });

  it('backs up into a chosen folder', async () => {
    const { core } = fileCore();
    const elsewhere = path.join(tempDir(), 'usb stick');
    const b = ok(await core.createBackup({ dir: elsewhere }));
    core.close();
    expect(path.dirname(b.path)).toBe(elsewhere);
    expect(listBackups(elsewhere).map((x) => x.file)).toEqual([b.file]);
  });

  it('takes a backup before an import that writes (holding the data from before it), none for a dry run', async () => {
    const { core, dir } = fileCore();
    ok(await core.createAction({ data: ghana }));
    const doc = { format: 'mieux-kb', version: 1, actions: [{ ...ghana, code: 'Ghana IV', titleEn: 'Ghana IV' }] };
    ok(await core.importExchange({ document: doc, dryRun: true }));
    expect(ok(await core.listBackups({})).backups).toEqual([]);
    ok(await core.importExchange({ document: doc }));
    const [b] = ok(await core.listBackups({})).backups;
    core.close();
    expect(b).toMatchObject({ reason: 'pre-import', counts: { actions: 1 } });
    expect(path.dirname(b!.path)).toBe(path.join(dir, 'backups'));
  });

  it('takes one before a roster import that writes, too', async () => {
    const { core } = fileCore();
    ok(await core.createExpert({ data: expertHelene }));
    const roster = rosterInput('team.csv', 'First name,Last name,Email\nAnna,Schmidt,a.schmidt@example.de\n');
    ok(await core.previewRosterImport(roster));
    expect(ok(await core.listBackups({})).backups).toEqual([]);
    expect(ok(await core.applyRosterImport(roster)).experts.created).toBe(1);
    const backups = ok(await core.listBackups({})).backups;
    core.close();
    expect(backups.map((b) => [b.reason, b.counts.experts])).toEqual([['pre-import', 1]]);
  });

  it('names that backup in the apply report, and restoring it undoes the import; none for a preview or an empty knowledge base', async () => {
    const { core } = fileCore();
    const first = rosterInput('first.csv', 'First name,Last name,Email\nAnna,Schmidt,a.schmidt@example.de\n');
    expect(ok(await core.applyRosterImport(first)).backup).toBeNull();
    const second = rosterInput('second.csv', 'First name,Last name,Email\nJan,Novák,jan.novak@example.cz\n');
    expect(ok(await core.previewRosterImport(second)).backup).toBeUndefined();
    const report = ok(await core.applyRosterImport(second));
    expect(report.backup).toMatchObject({ reason: 'pre-import', counts: { experts: 1 } });
    expect(ok(await core.listExperts({})).total).toBe(2);
    ok(await core.restoreBackup({ file: report.backup!.path }));
    expect(ok(await core.listExperts({})).items.map((e) => e.familyName)).toEqual(['Schmidt']);
    core.close();
  });

  it('takes a verified backup before migrating an existing database, at its old schema', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'kb.sqlite');
    const old = openDatabase(dbPath, MIGRATIONS.filter((m) => m.version <= 20)).db;
    old.prepare("INSERT INTO actions (id, code, title_en, language, status, domain, created_at, updated_at) VALUES ('a1', 'Ghana III', 'T', 'en', 'completed', 'IMT', 'x', 'x')").run();
    old.close();
    const core = createCore({ dbPath });
    const health = ok(await core.getDatabaseHealth({}));
    core.close();
    expect(health.preMigrationBackup).toMatchObject({ reason: 'pre-migration', schemaVersion: 20, counts: { actions: 1 } });
    const copy = new Database(health.preMigrationBackup!.path, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(20);
    copy.close();
    // A brand-new file has nothing to lose: no backup.
    const fresh = fileCore();
    expect(ok(await fresh.core.getDatabaseHealth({})).preMigrationBackup).toBeNull();
    expect(ok(await fresh.core.listBackups({})).backups).toEqual([]);
    fresh.core.close();
  });

  it('makes the daily backup when the last one is 24 hours old, not before', async () => {
    const { core, dir } = fileCore();
    const first = ok(await core.backupIfDue({}));
    expect(first.created).toMatchObject({ reason: 'daily' });
    expect(ok(await core.backupIfDue({})).created).toBeNull();
    const manifest = `${first.created!.path}.json`;
    const m = JSON.parse(fs.readFileSync(manifest, 'utf8'));
    fs.writeFileSync(manifest, JSON.stringify({ ...m, createdAt: new Date(Date.now() - 25 * 3600_000).toISOString() }));
    expect(ok(await core.backupIfDue({})).created).toMatchObject({ reason: 'daily' });
    expect(listBackups(path.join(dir, 'backups')).filter((b) => b.reason === 'daily')).toHaveLength(2);
    // A number given by the caller: the older one goes.
    expect(ok(await core.backupIfDue({ keepDaily: 1 }))).toEqual({ created: null, deleted: [first.created!.path] });
    core.close();
    expect(listBackups(path.join(dir, 'backups')).filter((b) => b.reason === 'daily')).toHaveLength(1);
  });
});

/** Backups with chosen ages (days since 1 January 2026), made for real and back-dated in their manifests. */
async function aged(core: KbCore, reasons: BackupInfo['reason'][]): Promise<BackupInfo[]> {
  const made: BackupInfo[] = [];
  for (const [i, reason] of reasons.entries()) {
    const b = ok(await core.createBackup({}));
    const file = `${b.path}.json`;
    const createdAt = new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), reason, createdAt }));
    made.push({ ...b, reason, createdAt });
  }
  return made;
}

describe('rotation', () => {
  it('keeps the newest N daily and M pre-migration/pre-import backups, never a manual one nor a file without a manifest', async () => {
    const { core, dir } = fileCore();
    const made = await aged(core, ['daily', 'daily', 'daily', 'manual', 'pre-import', 'pre-import', 'pre-migration', 'pre-migration', 'daily']);
    core.close();
    const folder = path.join(dir, 'backups');
    const stranger = path.join(folder, 'my-own-copy.sqlite');
    fs.writeFileSync(stranger, 'not ours');
    // A manifest that tries to point outside the folder is not a manifest rotation trusts.
    const outside = path.join(dir, 'precious.sqlite');
    fs.writeFileSync(outside, 'precious');
    fs.writeFileSync(path.join(folder, 'evil.sqlite.json'), JSON.stringify({ ...JSON.parse(fs.readFileSync(`${made[0]!.path}.json`, 'utf8')), file: '../precious.sqlite' }));

    const deleted = rotateBackups(folder, { keepDaily: 2, keepSafety: 1 });
    const kept = listBackups(folder).map((b) => b.path);
    expect(deleted.sort()).toEqual([made[0]!.path, made[1]!.path, made[4]!.path, made[6]!.path].sort());
    expect(kept.sort()).toEqual([made[2]!.path, made[3]!.path, made[5]!.path, made[7]!.path, made[8]!.path].sort());
    for (const d of deleted) expect(fs.existsSync(d) || fs.existsSync(`${d}.json`)).toBe(false);
    expect(fs.readFileSync(stranger, 'utf8')).toBe('not ours');
    expect(fs.readFileSync(outside, 'utf8')).toBe('precious');
  });

  it('removes temporary files of a backup whose process died, and leaves a running one alone', () => {
    const folder = tempDir();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const deadTmp = path.join(folder, `.kb-x-daily.sqlite.${dead}.tmp`);
    const liveTmp = path.join(folder, `.kb-y-daily.sqlite.${process.pid}.tmp`);
    fs.writeFileSync(deadTmp, 'half a backup');
    fs.writeFileSync(`${deadTmp}-journal`, 'its journal');
    fs.writeFileSync(liveTmp, 'in progress');
    expect(cleanTemporaryFiles(folder).sort()).toEqual([path.basename(deadTmp), `${path.basename(deadTmp)}-journal`].sort());
    expect(fs.readdirSync(folder)).toEqual([path.basename(liveTmp)]);
    expect(listBackups(folder)).toEqual([]);
  });
});

describe('the retention setting', () => {
  const present = (b: BackupInfo) => fs.existsSync(b.path) && fs.existsSync(`${b.path}.json`);

  it('is stored in the database, survives reopening, and is what rotation keeps; numbers given to backupIfDue still win', async () => {
    const { core, dbPath, dir } = fileCore();
    expect(ok(await core.getBackupSettings({}))).toEqual({ keepDaily: 7, keepSafety: 5, defaults: { keepDaily: 7, keepSafety: 5 } });
    ok(await core.createAction({ data: ghana }));
    const [d1, d2, d3, i1, i2, i3] = await aged(core, ['daily', 'daily', 'daily', 'pre-import', 'pre-import', 'pre-import']);
    expect(ok(await core.setBackupSettings({ keepDaily: 2, keepSafety: 1 }))).toEqual({ keepDaily: 2, keepSafety: 1, defaults: { keepDaily: 7, keepSafety: 5 } });
    const [entry] = ok(await core.getHistory({ entity: 'settings', id: RETENTION_RECORD }));
    expect(entry).toMatchObject({ action: 'set', fields: ['keepDaily', 'keepSafety'], detail: { keepDaily: 2, keepSafety: 1 } });
    core.close();

    const reopened = createCore({ dbPath });
    expect(ok(await reopened.getBackupSettings({}))).toMatchObject({ keepDaily: 2, keepSafety: 1 });
    // The last daily backup is months old: a new one is made, then the stored numbers rotate.
    const due = ok(await reopened.backupIfDue({}));
    expect(due.created).toMatchObject({ reason: 'daily' });
    expect(due.deleted.sort()).toEqual([d1!.path, d2!.path, i1!.path, i2!.path].sort());
    expect([d1, d2, i1, i2].map((b) => present(b!))).toEqual([false, false, false, false]);
    expect([d3!, i3!, due.created!].map(present)).toEqual([true, true, true]);

    // An import that writes takes its backup and rotates by the stored number too: only it is left of its kind.
    ok(await reopened.importExchange({ document: { format: 'mieux-kb', version: 1, actions: [{ ...ghana, code: 'Ghana IV' }] } }));
    const preImport = listBackups(path.join(dir, 'backups')).filter((b) => b.reason === 'pre-import');
    expect(preImport).toHaveLength(1);
    expect(preImport[0]!.path).not.toBe(i3!.path);
    expect(present(i3!)).toBe(false);

    expect(ok(await reopened.backupIfDue({ keepDaily: 1 })).deleted).toEqual([d3!.path]);
    expect(ok(await reopened.getBackupSettings({})).keepDaily).toBe(2);
    reopened.close();
  });

  it('refuses numbers outside the bounds of backupIfDue, naming the field, and keeps the stored ones', async () => {
    const { core } = fileCore();
    ok(await core.setBackupSettings({ keepDaily: 10, keepSafety: 3 }));
    const refused = [
      [{ keepDaily: 0, keepSafety: 3 }, 'keepDaily'],
      [{ keepDaily: 367, keepSafety: 3 }, 'keepDaily'],
      [{ keepDaily: 2.5, keepSafety: 3 }, 'keepDaily'],
      [{ keepDaily: 10, keepSafety: 101 }, 'keepSafety'],
      [{ keepDaily: 10, keepSafety: '4' }, 'keepSafety'],
      [{ keepDaily: 10 }, 'keepSafety'],
    ] as const;
    for (const [input, field] of refused) {
      const e = err(await core.call('setBackupSettings', input));
      expect(e.code).toBe('INVALID');
      expect(e.message.startsWith(`${field}: `)).toBe(true);
      expect(e.issues!.map((i) => i.path)).toEqual([field]);
    }
    expect(err(await core.backupIfDue({ keepDaily: 367 })).message).toMatch(/^keepDaily: /);
    expect(ok(await core.getBackupSettings({}))).toMatchObject({ keepDaily: 10, keepSafety: 3 });
    // Saving the same numbers again is not a change: one entry only.
    ok(await core.setBackupSettings({ keepDaily: 10, keepSafety: 3 }));
    expect(ok(await core.getHistory({ entity: 'settings', id: RETENTION_RECORD }))).toHaveLength(1);
    core.close();
  });

  it('cannot be changed on a damaged database, and can still be read there', async () => {
    const { core, dbPath } = fileCore();
    ok(await core.createLesson({ data: { title: 'A lesson', polarity: 'success' } }));
    ok(await core.setBackupSettings({ keepDaily: 3, keepSafety: 2 }));
    core.close();
    damageTable(dbPath, 'lessons');
    const damaged = createCore({ dbPath });
    expect(err(await damaged.setBackupSettings({ keepDaily: 9, keepSafety: 9 })).code).toBe('DB_CORRUPT');
    expect(ok(await damaged.getBackupSettings({}))).toMatchObject({ keepDaily: 3, keepSafety: 2 });
    damaged.close();
  });
});

describe('restore', () => {
  it('puts a backup in place, keeps the replaced database aside, and the same core keeps working', async () => {
    const { core, dbPath } = fileCore();
    const events: string[] = [];
    core.on((e) => events.push(e.type === 'changed' ? e.entity : e.type));
    ok(await core.createAction({ data: ghana }));
    const b = ok(await core.createBackup({}));
    ok(await core.createAction({ data: { ...ghana, code: 'Added after the backup' } }));

    const r = ok(await core.restoreBackup({ file: b.path }));
    expect(r).toMatchObject({ restoredFrom: b.path, schemaVersion: SCHEMA_VERSION, counts: { actions: 1 } });
    expect(await actionCodes(core)).toEqual(['Ghana III']);
    expect(events).toContain('all');
    ok(await core.createAction({ data: { ...ghana, code: 'After the restore' } }));
    expect(await actionCodes(core)).toEqual(['After the restore', 'Ghana III']);
    core.close();

    const aside = new Database(r.movedAside!, { readonly: true });
    expect(aside.prepare('SELECT code FROM actions ORDER BY code').pluck().all()).toEqual(['Added after the backup', 'Ghana III']);
    aside.close();
    expect(path.dirname(r.movedAside!)).toBe(path.dirname(dbPath));
  });

  it('refuses a backup changed after it was made, and leaves the database as it was', async () => {
    const { core } = fileCore();
    ok(await core.createAction({ data: ghana }));
    const b = ok(await core.createBackup({}));
    ok(await core.createAction({ data: { ...ghana, code: 'Kept' } }));
    const bytes = fs.readFileSync(b.path);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    fs.writeFileSync(b.path, bytes);
    expect(err(await core.restoreBackup({ file: b.path })).message).toMatch(/checksum/);
    expect(await actionCodes(core)).toEqual(['Ghana III', 'Kept']);
    expect(err(await core.restoreBackup({ file: path.join(tempDir(), 'nothing.sqlite') })).code).toBe('NOT_FOUND');
    core.close();
  });
});

describe('startup check', () => {
  it('a clean close leaves no session marker; a session that never closed makes the next start run the full integrity_check', async () => {
    const dir = tempDir();
    const dbPath = path.join(dir, 'kb.sqlite');
    const first = createCore({ dbPath });
    expect(fs.existsSync(sessionMarker(dbPath))).toBe(true);
    first.close();
    expect(fs.existsSync(sessionMarker(dbPath))).toBe(false);

    const second = createCore({ dbPath });
    expect(ok(await second.getDatabaseHealth({}))).toMatchObject({ state: 'ok', uncleanShutdown: false, check: 'quick_check', problems: [] });
    second.close();
    // Another process with the database open (the app, while the CLI runs) is not a crash…
    fs.writeFileSync(sessionMarker(dbPath, process.ppid), 'a live session');
    const beside = createCore({ dbPath });
    expect(ok(await beside.getDatabaseHealth({}))).toMatchObject({ uncleanShutdown: false, check: 'quick_check' });
    beside.close();
    expect(fs.existsSync(sessionMarker(dbPath, process.ppid))).toBe(true);
    // …a marker whose process is gone is (the crash tests kill real processes).
    const gone = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
    fs.writeFileSync(sessionMarker(dbPath, gone), 'left by a crash');
    const third = createCore({ dbPath });
    expect(ok(await third.getDatabaseHealth({}))).toMatchObject({ state: 'ok', uncleanShutdown: true, check: 'integrity_check' });
    third.close();
    expect(fs.existsSync(sessionMarker(dbPath, gone))).toBe(false);
    const fourth = createCore({ dbPath });
    expect(ok(await fourth.getDatabaseHealth({}))).toMatchObject({ uncleanShutdown: false });
    fourth.close();
  });
});

describe('the daily backup asked for twice at once', () => {
  it('is written once: the second call waits for the first', async () => {
    const core = createCore({ dbPath: path.join(tempDir(), 'kb.sqlite') });
    ok(await core.createAction({ data: ghana }));
    const [a, b, c] = await Promise.all([core.backupIfDue({}), core.backupIfDue({}), core.backupIfDue({})]);
    expect([a, b, c].map((r) => ok(r).created?.path)).toEqual([ok(a).created!.path, ok(a).created!.path, ok(a).created!.path]);
    expect(ok(await core.listBackups({})).backups.filter((x) => x.reason === 'daily')).toHaveLength(1);
    expect(ok(await core.backupIfDue({})).created).toBeNull();
    core.close();
  });
});
