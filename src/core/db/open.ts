// Opening a knowledge base: pragmas first (secure_delete from the very first write, so an erased
// value leaves no copy in free pages), then the startup check, then a verified backup and all
// pending migrations in one transaction. A database that fails its check is opened read-only:
// nothing is ever written to a damaged file. When nothing has to wait for the check, the caller
// may have it run in a worker thread instead, and then must hold every write until its verdict.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo } from '../../shared/api';
import { createBackupSync, integrityProblems, problemsIn, processAlive } from '../backup/backup';
import { KbFailure } from '../util/errors';
import { checkInWorker, type CheckAnswer, type CheckKind } from './check-worker';
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
  /** While `pendingCheck` runs, this only says which check it is: `damaged` and `problems` come with its verdict. */
  startup: StartupCheck;
  /** The startup check still running in a worker thread; null when it ran before openDatabase returned. */
  pendingCheck: PendingCheck | null;
}

export interface PendingCheck {
  /**
   * The check's result. When clean, the session markers are already updated and `db` may be
   * written; when damaged, `db` must never be written: the caller closes it (closeDatabase leaves
   * the file as it is) and reads on through openDamaged. Rejects when stopped before the verdict.
   */
  readonly verdict: Promise<StartupCheck>;
  /** Ends the check (the database is being closed): the verdict rejects. */
  stop(): void;
}

export interface OpenOptions {
  /**
   * Run the startup check in a worker thread when nothing has to wait for it: not a new file, no
   * pending migration (a check precedes every migration), already in WAL mode (switching writes the
   * file). Otherwise, and by default, it runs before openDatabase returns.
   */
  backgroundCheck?: boolean;
  /** Whether the opener writes as soon as it has the file (a search rebuild a migration left): the check then comes first. */
  writesAtOnce?: (db: Db) => boolean;
  /** Tests only: the background check starts once this resolves; a rejection acts as a worker that failed. */
  checkGate?: Promise<unknown>;
}

/** Connections whose startup check has not passed, yet or at all: closing one must not write to its file. */
const unverified = new WeakSet<Db>();

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

export function openDatabase(dbPath: string, migrations: readonly Migration[] = MIGRATIONS, options: OpenOptions = {}): OpenResult {
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
    const current = db.pragma('user_version', { simple: true }) as number;
    const pending = migrations.some((m) => m.version > current);
    if (options.backgroundCheck && check !== 'none' && !pending && db.pragma('journal_mode', { simple: true }) === 'wal' && !options.writesAtOnce?.(db)) {
      connectionPragmas(db);
      const startup: StartupCheck = { damaged: false, uncleanShutdown, check, problems, checkedAt: '', preMigrationBackup: null };
      return { db, created, migratedFrom: current, startup, pendingCheck: checkInBackground(db, dbPath, check, startup, crashed, options.checkGate) };
    }
    if (check !== 'none') problems = checkProblems(db, check);
    if (problems.length === 0) {
      connectionPragmas(db);
      if (!inMemory) db.pragma('journal_mode = WAL');
      // A verified copy of the old schema before changing it; a new file has nothing to lose.
      const preMigrationBackup = !created && current > 0 && pending ? createBackupSync(db, dbPath, 'pre-migration') : null;
      const migratedFrom = migrate(db, migrations);
      if (!inMemory) markSession(dbPath, crashed);
      return {
        db,
        created,
        migratedFrom,
        startup: { damaged: false, uncleanShutdown, check, problems, checkedAt: new Date().toISOString(), preMigrationBackup },
        pendingCheck: null,
      };
    }
  } catch (e) {
    closeWithoutCheckpoint(db, dbPath);
    if (e instanceof KbFailure) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'SQLITE_NOTADB') throw new KbFailure('DB_CORRUPT', `The file at ${dbPath} is not a readable knowledge base: ${(e as Error).message}`);
    if (code !== 'SQLITE_CORRUPT') throw e;
    problems = [(e as Error).message];
  }
  if (db.open) closeWithoutCheckpoint(db, dbPath);
  return openDamaged(dbPath, { damaged: true, uncleanShutdown, check, problems, checkedAt: new Date().toISOString(), preMigrationBackup: null });
}

/** Settings of this connection only: none of them writes to the file. */
function connectionPragmas(db: Db): void {
  db.pragma('secure_delete = ON');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
}

/** Checked and clean: this session's marker is written, and the crashed sessions' markers have done their job. */
function markSession(dbPath: string, crashed: readonly string[]): void {
  fs.writeFileSync(sessionMarker(dbPath), `${new Date().toISOString()}\n`);
  for (const m of crashed) fs.rmSync(m, { force: true });
}

function checkInBackground(
  db: Db,
  dbPath: string,
  kind: CheckKind,
  startup: StartupCheck,
  crashed: readonly string[],
  gate: Promise<unknown> | undefined,
): PendingCheck {
  unverified.add(db);
  // Until the verdict SQLite itself refuses every write on this connection: a method that writes
  // without waiting for the check fails rather than writing to a file that may be damaged.
  db.pragma('query_only = ON');
  const job = checkInWorker(dbPath, kind, gate);
  let stopped = false;
  const verdict = job.answer.then((answer): StartupCheck => {
    if (stopped) throw new KbFailure('INTERNAL', 'The knowledge base was closed before its startup check finished.');
    // Without an answer from the worker (it could not load the driver, say) the check runs here:
    // the thread waits for it, but no write goes unchecked.
    const problems = (answer && answerProblems(answer)) ?? checkProblems(db, kind);
    const checkedAt = new Date().toISOString();
    if (problems.length) return { ...startup, damaged: true, problems, checkedAt };
    markSession(dbPath, crashed);
    unverified.delete(db);
    db.pragma('query_only = OFF');
    return { ...startup, checkedAt };
  });
  return {
    verdict,
    stop: () => {
      stopped = true;
      job.stop();
    },
  };
}

/** Null for an error that says nothing about the file (it could not be opened in the worker, say). */
function answerProblems(answer: CheckAnswer): string[] | null {
  if ('rows' in answer) return problemsIn(answer.rows);
  const { code, message } = answer.error;
  return code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' ? [message] : null;
}

/**
 * Closing the last connection to a WAL database checkpoints the log into the file; for a file not
 * known to be sound that would be a write. A read-only connection holding the file meanwhile keeps
 * SQLite from it, so the log stays for the next open (SQLite reads it as before).
 */
function closeWithoutCheckpoint(db: Db, dbPath: string): void {
  let guard: Db | undefined;
  try {
    if (dbPath !== ':memory:') {
      guard = new Database(dbPath, { readonly: true, fileMustExist: true });
      guard.pragma('user_version');
    }
  } catch {
    // No guard when the file cannot even be opened read-only: the connection is closed all the same.
  }
  db.close();
  guard?.close();
}

/** Read-only, no migration, no marker: what can be read stays readable, nothing can be written. */
export function openDamaged(dbPath: string, startup: StartupCheck): OpenResult {
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
  return { db, created: false, migratedFrom, startup, pendingCheck: null };
}

function checkProblems(db: Db, check: CheckKind): string[] {
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
  // Not checked clean: no checkpoint, and no marker of this session was ever written.
  if (unverified.has(db)) return closeWithoutCheckpoint(db, dbPath);
  if (!db.readonly) db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  if (dbPath !== ':memory:' && !db.readonly) fs.rmSync(sessionMarker(dbPath), { force: true });
}

export { SCHEMA_VERSION };
