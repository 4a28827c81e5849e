import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKSTOP_PAGES, checkpointWhenIdle, IDLE_CHECKPOINT_MS } from '../../src/core/db/checkpoint';
import { ghana, newCore, ok, tempDir } from './helpers';

/** What a copy of the database file alone (without its WAL) holds: what has been checkpointed. */
function rowsInMainFile(file: string, table = 't'): number {
  const copy = path.join(tempDir(), 'copy.sqlite');
  fs.copyFileSync(file, copy);
  const db = new Database(copy, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM sqlite_schema WHERE name = ?').pluck().get(table) === 0 ? 0 : (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number);
  } finally {
    db.close();
  }
}

/** A WAL database with an empty table t, everything so far folded into the file. */
function walDatabase() {
  const file = path.join(tempDir(), 'kb.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (x INTEGER)');
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { file, db };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('checkpoints wait for a pause in writing', () => {
  it('leaves a save in the WAL, then folds it into the file once writes pause', async () => {
    const { file, db } = walDatabase();
    const scheduler = checkpointWhenIdle(db, 50);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);

    db.prepare('INSERT INTO t VALUES (1)').run();
    scheduler.wrote();
    await pause(20);
    db.prepare('INSERT INTO t VALUES (2)').run();
    scheduler.wrote();
    // The second write restarted the wait: nothing has reached the file yet.
    await pause(35);
    expect(rowsInMainFile(file)).toBe(0);

    await pause(100);
    expect(rowsInMainFile(file)).toBe(2);
    scheduler.stop();
    db.close();
  });

  it('runs nothing after stop, so closing never races a checkpoint', async () => {
    const { file, db } = walDatabase();
    const scheduler = checkpointWhenIdle(db, 20);
    db.prepare('INSERT INTO t VALUES (1)').run();
    scheduler.wrote();
    scheduler.stop();
    await pause(60);
    expect(rowsInMainFile(file)).toBe(0);
    db.close();
  });

  it('the core folds its saves into the file after a pause, not inside the save', async () => {
    const core = newCore();
    ok(await core.createAction({ data: ghana }));
    expect(rowsInMainFile(core.dbPath, 'actions')).toBe(0);
    await pause(IDLE_CHECKPOINT_MS + 300);
    expect(rowsInMainFile(core.dbPath, 'actions')).toBe(1);
  });
});
