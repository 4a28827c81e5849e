// Restoring a backup on a CLOSED database (the CLI calls it directly; createCore closes its
// connection first). Erasures made since the backup are carried over: the current ledger is read
// before the swap and applied to the restored data, so a restore never brings an erased person back.
import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { RestoreResult } from '../../shared/api';
import type { ErasureEntry } from '../../shared/schemas';
import { closeDatabase, openDatabase } from '../db/open';
import { addToLedger, applyLedger, purgeFreedData, readLedger } from '../privacy/privacy';
import { KbFailure } from '../util/errors';
import { countRows, restoreFile, verifyBackupFile } from './backup';

export function restoreDatabase(dbPath: string, file: string): RestoreResult {
  verifyBackupFile(file);
  const ledger = ledgerOf(dbPath);
  const outcome = restoreFile(dbPath, file);
  const { db, startup } = openDatabase(dbPath);
  try {
    if (startup.damaged) throw new KbFailure('DB_CORRUPT', `The restored database fails its check: ${startup.problems.join('; ')}`);
    const erasuresReapplied = db.transaction(() => {
      addToLedger(db, ...ledger);
      return applyLedger(db, new Date().toISOString().slice(0, 10));
    })();
    if (erasuresReapplied) purgeFreedData(db);
    return { ...outcome, schemaVersion: db.pragma('user_version', { simple: true }) as number, counts: countRows(db), erasuresReapplied };
  } finally {
    closeDatabase(db, dbPath);
  }
}

/** The erasure ledger of the database about to be replaced; nothing when it is missing, too old or unreadable. */
function ledgerOf(dbPath: string): ErasureEntry[] {
  if (!fs.existsSync(dbPath)) return [];
  let db: Database.Database | undefined;
  try {
    db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'erasures'").get();
    return has ? readLedger(db) : [];
  } catch {
    // A damaged current database is the usual reason to restore: what cannot be read cannot be carried.
    return [];
  } finally {
    db?.close();
  }
}
