// Opening a knowledge base: pragmas first (secure_delete from the very first write, so an erased
// value leaves no copy in free pages), then the startup check, then a verified backup and all
// pending migrations in one transaction. A database that fails its check is opened read-only:
// nothing is ever written to a damaged file.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../shared/api';
import { createBackupSync, integrityProblems, processAlive } from '../backup/backup';
import { KbFailure } from '../util/errors';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';

export type Db = Database.Database;

export interface StartupCheck {
  damaged: boolean;
  uncleanShutdown: boolean;
  check: 'integrity_check' | 'quick_check' | 'none';
  problems: string[];
  checkedAt: string;
  preMigrationBackup: BackupInfo | null;
}

export interface OpenResult {
  db: Db;
  created: boolean;
  migratedFrom: number;
  startup: StartupCheck;
}

/**
 * One file per process that has the database open, removed by its clean close. A marker whose
 * process is gone means a session crashed, and the next open runs the full integrity_check instead
 * of quick_check. Per process, so a CLI command run while the app is open cannot clear the app's.
 */
export const sessionMarker = (dbPath: string, pid = process.pid) => `${path.resolve(dbPath)}.in-use-${pid}`;

function crashedSessionMarkers(dbPath: string): string[] {
  const abs = path.resolve(dbPath);
  const prefix = `${path.basename(abs)}.in-use-`;
  return fs
    .readdirSync(path.dirname(abs))
    .filter((f) => f.startsWith(prefix) && /^\d+$/.test(f.slice(prefix.length)) && !processAlive(Number(f.slice(prefix.length))))
    .map((f) => path.join(path.dirname(abs), f));
}

export function openDatabase(dbPath: string, migrations: readonly Migration[] = MIGRATIONS): OpenResult {
  const inMemory = dbPath === ':memory:';
  const created = inMemory || !fs.existsSync(dbPath);
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  const crashed = created ? [] : crashedSessionMarkers(dbPath);
  const uncleanShutdown = crashed.length > 0;
  const check: StartupCheck['check'] = created ? 'none' : uncleanShutdown ? 'integrity_check' : 'quick_check';
  let db: Db;
  try {
    db = new Database(dbPath);
  } catch (e) {
    throw new KbFailure('DB_CORRUPT', `Cannot open the database at ${dbPath}: ${(e as Error).message}`);
  }
  let problems: string[] = [];
  try {
    refuseTooNew(db, migrations);
    if (check !== 'none') problems = checkProblems(db, check);
    if (problems.length === 0) {
      db.pragma('secure_delete = ON');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      if (!inMemory) db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      const current = db.pragma('user_version', { simple: true }) as number;
      const pending = migrations.some((m) => m.version > current);
      // A verified copy of the old schema before changing it; a new file has nothing to lose.
      const preMigrationBackup = !created && current > 0 && pending ? createBackupSync(db, dbPath, 'pre-migration') : null;
      const migratedFrom = migrate(db, migrations);
      if (!inMemory) {
        fs.writeFileSync(sessionMarker(dbPath), `${new Date().toISOString()}\n`);
        // Checked and clean: the crashed sessions' markers have done their job.
        for (const m of crashed) fs.rmSync(m, { force: true });
      }
      return { db, created, migratedFrom, startup: { damaged: false, uncleanShutdown, check, problems, checkedAt: new Date().toISOString(), preMigrationBackup } };
    }
  } catch (e) {
    db.close();
    if (e instanceof KbFailure) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw new KbFailure('DB_CORRUPT', `The file at ${dbPath} is not a readable knowledge base: ${(e as Error).message}`);
    if (code !== 'SQLITE_CORRUPT') throw e;
    problems = [(e as Error).message];
  }
  if (db.open) db.close();
  return openDamaged(dbPath, { damaged: true, uncleanShutdown, check, problems, checkedAt: new Date().toISOString(), preMigrationBackup: null });
}

/** Read-only, no migration, no marker: what can be read stays readable, nothing can be written. */
function openDamaged(dbPath: string, startup: StartupCheck): OpenResult {
  let db: Db;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new KbFailure('DB_CORRUPT', `Cannot open the damaged database at ${dbPath}: ${(e as Error).message}`);
  }
  let migratedFrom = 0;
  try {
    migratedFrom = db.pragma('user_version', { simple: true }) as number;
  } catch {
    // The header itself cannot be read: the version stays unknown (0); reads will report DB_CORRUPT.
  }
  return { db, created: false, migratedFrom, startup };
}

function checkProblems(db: Db, check: 'integrity_check' | 'quick_check'): string[] {
  try {
    return integrityProblems(db, check);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_CORRUPT') return [(e as Error).message];
    throw e;
  }
}

function refuseTooNew(db: Db, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new KbFailure(
      'DB_TOO_NEW',
      `This knowledge base was written by a newer version of the app (schema ${current}; this app knows up to ${latest}). Update the app to open it.`,
    );
  }
}

/** Runs every pending migration and the user_version bump in one transaction; never migrates down. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  refuseTooNew(db, migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
  return current;
}

/** A clean close: the WAL folded into the file and emptied, then the session marker removed. */
export function closeDatabase(db: Db, dbPath: string): void {
  if (!db.open) return;
  if (!db.readonly) db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  if (dbPath !== ':memory:' && !db.readonly) fs.rmSync(sessionMarker(dbPath), { force: true });
}

export { SCHEMA_VERSION };
