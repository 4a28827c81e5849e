// Verified backups. A backup is a consistent snapshot taken through SQLite (the backup API, or
// VACUUM INTO where the caller cannot wait), written under a temporary name, reopened and checked
// with integrity_check, then renamed into place with a manifest beside it. A copy of a live WAL
// file is never a backup: it can miss committed rows. Rotation only ever deletes files that one
// of its own manifests names, so nothing a user put in the folder can be lost.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { BACKUP_REASONS, type BackupInfo, type BackupReason, type BackupRetention } from '../../shared/api';
import type { Db } from '../db/open';
import { SCHEMA_VERSION } from '../db/migrations';
import { KbFailure } from '../util/errors';

const ENTITY_TABLES = ['actions', 'lessons', 'experts', 'deployments'] as const;
const MANIFEST_FORMAT = 'mieux-kb-backup';

const Manifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(1),
  // A bare file name in the same folder: a manifest can never point rotation elsewhere.
  file: z.string().regex(/^[^/\\]+\.sqlite$/),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().nonnegative(),
  schemaVersion: z.number().int(),
  appVersion: z.string(),
  reason: z.enum(BACKUP_REASONS),
  createdAt: z.string(),
  counts: z.record(z.string(), z.number().int()),
  source: z.string(),
});
export type BackupManifest = z.infer<typeof Manifest>;

/** How many automatic backups rotation keeps until a user sets other numbers; manual ones are never deleted. */
export const DEFAULT_RETENTION: Readonly<BackupRetention> = { keepDaily: 7, keepSafety: 5 };

export function defaultBackupDir(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'backups');
}

export function appVersion(): string {
  // Walk up from here: the same code runs from src/ (tsx), out/main/ (built) and app.asar (packaged).
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'mieux-kb' && pkg.version) return pkg.version;
  }
  return 'unknown';
}

interface Target {
  dir: string;
  file: string;
  final: string;
  tmp: string;
  createdAt: string;
}

function target(dbPath: string, dir: string | undefined, reason: BackupReason): Target {
  const folder = path.resolve(dir ?? defaultBackupDir(dbPath));
  fs.mkdirSync(folder, { recursive: true });
  cleanTemporaryFiles(folder);
  const createdAt = new Date().toISOString();
  const stem = path.basename(dbPath).replace(/\.sqlite$/i, '');
  const stamp = createdAt.replace(/[:.]/g, '-');
  let file = `${stem}-${stamp}-${reason}.sqlite`;
  for (let n = 2; fs.existsSync(path.join(folder, file)); n++) file = `${stem}-${stamp}-${reason}-${n}.sqlite`;
  // The pid in the temporary name says whose it is: only a dead process's leftovers are removed.
  return { dir: folder, file, final: path.join(folder, file), tmp: path.join(folder, `.${file}.${process.pid}.tmp`), createdAt };
}

/** A backup through the SQLite backup API; other work on the connection may go on meanwhile. */
export async function createBackup(db: Db, dbPath: string, reason: BackupReason, dir?: string): Promise<BackupInfo> {
  const t = target(dbPath, dir, reason);
  try {
    await db.backup(t.tmp);
    return finish(t, dbPath, reason);
  } catch (e) {
    removeTemp(t.tmp);
    throw e;
  }
}

/**
 * The same, synchronously (VACUUM INTO: one consistent read transaction), for the one place that
 * cannot wait: just before migrations, while the database is being opened.
 */
export function createBackupSync(db: Db, dbPath: string, reason: BackupReason, dir?: string): BackupInfo {
  const t = target(dbPath, dir, reason);
  try {
    db.prepare('VACUUM INTO ?').run(t.tmp);
    return finish(t, dbPath, reason);
  } catch (e) {
    removeTemp(t.tmp);
    throw e;
  }
}

function finish(t: Target, dbPath: string, reason: BackupReason): BackupInfo {
  const { schemaVersion, counts } = checkSnapshot(t.tmp);
  fsyncFile(t.tmp);
  const sha256 = sha256File(t.tmp);
  const bytes = fs.statSync(t.tmp).size;
  fs.renameSync(t.tmp, t.final);
  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT,
    version: 1,
    file: t.file,
    sha256,
    bytes,
    schemaVersion,
    appVersion: appVersion(),
    reason,
    createdAt: t.createdAt,
    counts,
    source: path.basename(dbPath),
  };
  const manifestTmp = `${t.final}.json.${process.pid}.tmp`;
  fs.writeFileSync(manifestTmp, JSON.stringify(manifest, null, 2) + '\n');
  fsyncFile(manifestTmp);
  fs.renameSync(manifestTmp, `${t.final}.json`);
  fsyncDir(t.dir);
  return info(t.dir, manifest);
}

/**
 * Reopens a snapshot on its own: it must pass integrity_check. It is switched to a rollback
 * journal so the backup is one self-contained file (no -wal beside it).
 */
function checkSnapshot(file: string): { schemaVersion: number; counts: Record<string, number> } {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const problems = integrityProblems(db, 'integrity_check');
    if (problems.length) throw new KbFailure('INTERNAL', `The backup failed its integrity check: ${problems.slice(0, 3).join('; ')}`);
    return { schemaVersion: db.pragma('user_version', { simple: true }) as number, counts: countRows(db) };
  } finally {
    db.close();
  }
}

export function integrityProblems(db: Db, check: 'integrity_check' | 'quick_check'): string[] {
  return problemsIn(db.pragma(check) as Record<string, string>[]);
}

/** The rows of an integrity_check or quick_check, less the lone "ok" of a sound database. */
export function problemsIn(rows: Record<string, string>[]): string[] {
  return rows.map((r) => Object.values(r)[0]!).filter((s) => s !== 'ok');
}

export function countRows(db: Db): Record<string, number> {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  return Object.fromEntries(ENTITY_TABLES.filter((t) => tables.has(t)).map((t) => [t, db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number]));
}

function info(dir: string, m: BackupManifest): BackupInfo {
  const file = path.join(dir, m.file);
  return { ...m, path: file, present: fs.existsSync(file) };
}

/** The backups a folder's manifests describe, newest first. Other files are not ours: ignored. */
export function listBackups(dir: string): BackupInfo[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sqlite.json'))
    .flatMap((f) => {
      const m = readManifest(path.join(dir, f));
      return m && `${m.file}.json` === f ? [info(dir, m)] : [];
    })
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

function readManifest(file: string): BackupManifest | undefined {
  try {
    const parsed = Manifest.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the newest `keepDaily` daily backups and the newest `keepSafety` of each of pre-migration
 * and pre-import; never touches manual backups or anything without a manifest. Returns what it deleted.
 */
export function rotateBackups(dir: string, keep: BackupRetention): string[] {
  const all = listBackups(dir);
  const limits: Partial<Record<BackupReason, number>> = { daily: keep.keepDaily, 'pre-migration': keep.keepSafety, 'pre-import': keep.keepSafety };
  const deleted: string[] = [];
  for (const [reason, limit] of Object.entries(limits)) {
    for (const b of all.filter((x) => x.reason === reason).slice(limit)) {
      fs.rmSync(b.path, { force: true });
      fs.rmSync(`${b.path}.json`, { force: true });
      deleted.push(b.path);
    }
  }
  return deleted;
}

/** Temporary files of backups whose process died (a crash, a kill) are removed; a live one's are left. */
export function cleanTemporaryFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const removed: string[] = [];
  for (const f of fs.readdirSync(dir)) {
    const m = /\.(\d+)\.tmp(-journal|-wal|-shm)?$/.exec(f);
    if (!m || processAlive(Number(m[1]))) continue;
    fs.rmSync(path.join(dir, f), { force: true });
    removed.push(f);
  }
  return removed;
}

export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface VerifiedBackup {
  file: string;
  schemaVersion: number;
  counts: Record<string, number>;
  manifest: BackupManifest | null;
}

/** A file fit to restore: its checksum matches its manifest (when it has one), integrity_check passes, the schema is not newer than this app's. */
export function verifyBackupFile(file: string): VerifiedBackup {
  const abs = path.resolve(file);
  if (!fs.existsSync(abs)) throw new KbFailure('NOT_FOUND', `No backup at ${abs}`);
  const manifest = readManifest(`${abs}.json`) ?? null;
  if (manifest && sha256File(abs) !== manifest.sha256) {
    throw new KbFailure('INVALID', `${path.basename(abs)} does not match its manifest's checksum: the file was changed or damaged after the backup`);
  }
  let db: Db;
  try {
    db = new Database(abs, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new KbFailure('INVALID', `${path.basename(abs)} is not a knowledge base: ${(e as Error).message}`);
  }
  try {
    const problems = integrityProblems(db, 'integrity_check');
    if (problems.length) throw new KbFailure('INVALID', `${path.basename(abs)} fails the integrity check: ${problems.slice(0, 3).join('; ')}`);
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion > SCHEMA_VERSION) throw new KbFailure('DB_TOO_NEW', `${path.basename(abs)} was written by a newer version of the app (schema ${schemaVersion})`);
    if (schemaVersion === 0) throw new KbFailure('INVALID', `${path.basename(abs)} is an empty database, not a knowledge base`);
    return { file: abs, schemaVersion, counts: countRows(db), manifest };
  } catch (e) {
    if (e instanceof KbFailure) throw e;
    throw new KbFailure('INVALID', `${path.basename(abs)} cannot be read: ${(e as Error).message}`);
  } finally {
    db.close();
  }
}

export interface RestoreOutcome {
  restoredFrom: string;
  /** Where the database that was replaced now is (never deleted). */
  movedAside: string | null;
}

/**
 * Puts a verified backup in place of a CLOSED database: the current file (with its -wal and
 * -shm) is renamed aside, the backup is copied under a temporary name, flushed, then renamed in.
 */
export function restoreFile(dbPath: string, backupFile: string): RestoreOutcome {
  const verified = verifyBackupFile(backupFile);
  const abs = path.resolve(dbPath);
  let movedAside: string | null = null;
  if (fs.existsSync(abs)) {
    movedAside = `${abs}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(abs, movedAside);
    for (const suffix of ['-wal', '-shm']) if (fs.existsSync(abs + suffix)) fs.renameSync(abs + suffix, movedAside + suffix);
  }
  const tmp = `${abs}.restoring.${process.pid}.tmp`;
  try {
    fs.copyFileSync(verified.file, tmp);
    fsyncFile(tmp);
    fs.renameSync(tmp, abs);
  } catch (e) {
    // Nothing half-done stays: the database that was there goes back in place.
    fs.rmSync(tmp, { force: true });
    if (movedAside) {
      fs.renameSync(movedAside, abs);
      for (const suffix of ['-wal', '-shm']) if (fs.existsSync(movedAside + suffix)) fs.renameSync(movedAside + suffix, abs + suffix);
    }
    throw e;
  }
  fsyncDir(path.dirname(abs));
  return { restoredFrom: verified.file, movedAside };
}

function removeTemp(tmp: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(tmp + suffix, { force: true });
}

function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename durable; Windows cannot open a folder for fsync, where NTFS journals renames anyway. */
function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
