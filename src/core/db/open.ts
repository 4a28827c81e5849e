// Opening a knowledge base: pragmas first (secure_delete from the very first write, so an erased
// value leaves no copy in free pages), then all pending migrations in one transaction.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { KbFailure } from '../util/errors';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenResult {
  db: Db;
  created: boolean;
  migratedFrom: number;
}

export function openDatabase(dbPath: string, migrations: readonly Migration[] = MIGRATIONS): OpenResult {
  const inMemory = dbPath === ':memory:';
  const created = inMemory || !fs.existsSync(dbPath);
  if (!inMemory) fs.mkdirSync(path.dirname(path.resolve(dbPath)), { recursive: true });
  let db: Db;
  try {
    db = new Database(dbPath);
  } catch (e) {
    throw new KbFailure('DB_CORRUPT', `Cannot open the database at ${dbPath}: ${(e as Error).message}`);
  }
  try {
    db.pragma('secure_delete = ON');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    if (!inMemory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const migratedFrom = migrate(db, migrations);
    return { db, created, migratedFrom };
  } catch (e) {
    db.close();
    if (e instanceof KbFailure) throw e;
    if ((e as { code?: string }).code === 'SQLITE_NOTADB' || (e as { code?: string }).code === 'SQLITE_CORRUPT') {
      throw new KbFailure('DB_CORRUPT', `The file at ${dbPath} is not a readable knowledge base: ${(e as Error).message}`);
    }
    throw e;
  }
}

/** Runs every pending migration and the user_version bump in one transaction; never migrates down. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (current > latest) {
    throw new KbFailure(
      'DB_TOO_NEW',
      `This knowledge base was written by a newer version of the app (schema ${current}; this app knows up to ${latest}). Update the app to open it.`,
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) m.up(db);
    db.pragma(`user_version = ${latest}`);
  })();
  return current;
}

export { SCHEMA_VERSION };
