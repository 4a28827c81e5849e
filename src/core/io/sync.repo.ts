// SQL for sharing state (tombstones, last exchanged versions, this knowledge base's id), and only SQL.
import { randomUUID } from 'node:crypto';
import type { Tombstone } from '../../shared/schemas';
import type { Db } from '../db/open';
import { stmt } from '../db/sql';

/** The latest deletion time of a record is the one kept (it may have been deleted on two machines). */
export function recordTombstone(db: Db, type: Tombstone['type'], id: string, deletedAt: string): void {
  stmt(
    db,
    `INSERT INTO tombstones (id, type, deleted_at) VALUES (?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET deleted_at = max(deleted_at, excluded.deleted_at)`,
  ).run(id, type, deletedAt);
}

export function tombstoneOf(db: Db, id: string): string | undefined {
  return stmt(db, 'SELECT deleted_at FROM tombstones WHERE id = ?').pluck().get(id) as string | undefined;
}

export function allTombstones(db: Db): Tombstone[] {
  return stmt(db, 'SELECT type, id, deleted_at AS deletedAt FROM tombstones ORDER BY deleted_at, id').all() as Tombstone[];
}

/** A record created again under the same id is alive: its tombstone goes. */
export function clearTombstone(db: Db, id: string): void {
  stmt(db, 'DELETE FROM tombstones WHERE id = ?').run(id);
}

export function exchangedVersion(db: Db, id: string): string | undefined {
  return stmt(db, 'SELECT exchanged_updated_at FROM sync_state WHERE id = ?').pluck().get(id) as string | undefined;
}

export function markExchanged(db: Db, id: string, updatedAt: string): void {
  stmt(
    db,
    `INSERT INTO sync_state (id, exchanged_updated_at) VALUES (?, ?)
     ON CONFLICT(id) DO UPDATE SET exchanged_updated_at = max(exchanged_updated_at, excluded.exchanged_updated_at)`,
  ).run(id, updatedAt);
}

/** This knowledge base's id, made on first use: the `origin` of the bundles it writes. */
export function originId(db: Db): string {
  const existing = stmt(db, "SELECT value FROM kb_meta WHERE key = 'origin'").pluck().get() as string | undefined;
  if (existing) return existing;
  const id = randomUUID();
  stmt(db, "INSERT INTO kb_meta (key, value) VALUES ('origin', ?)").run(id);
  return id;
}
