// Small helpers every repository uses: one prepared statement per SQL text per connection, and
// ordered child lists (countries, topics…) written and read the same way for every entity.
import type { Statement } from 'better-sqlite3';
import type { Db } from './open';

const cache = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) m.set(sql, (s = db.prepare(sql)));
  return s;
}

/** A child list table: (owner column, position, value columns…). Names are code constants, never user input. */
export interface ChildList {
  table: string;
  owner: string;
  columns: readonly string[];
}

export function writeChildren(db: Db, list: ChildList, ownerId: string, rows: readonly (readonly unknown[])[]): void {
  stmt(db, `DELETE FROM ${list.table} WHERE ${list.owner} = ?`).run(ownerId);
  const cols = [list.owner, 'position', ...list.columns];
  const ins = stmt(db, `INSERT INTO ${list.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  rows.forEach((r, i) => ins.run(ownerId, i, ...r));
}

export function readChildren<T = unknown[]>(db: Db, list: ChildList, ownerId: string): T[] {
  return stmt(db, `SELECT ${list.columns.join(', ')} FROM ${list.table} WHERE ${list.owner} = ? ORDER BY position`)
    .raw()
    .all(ownerId) as T[];
}

/** Single-column child list as plain values. */
export function readValues(db: Db, list: ChildList, ownerId: string): string[] {
  return readChildren<[string]>(db, list, ownerId).map((r) => r[0]);
}

export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

/** Builds a WHERE clause from parts; every value goes through a parameter. */
export class Where {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  /**
   * `col IN (…)` for a non-empty list; nothing for an absent or empty one. `uses` is how many
   * times the clause places the list (each place binds the values again).
   */
  in(sqlWithList: (ph: string) => string, values: readonly unknown[] | undefined, uses = 1): this {
    if (values && values.length > 0) {
      this.add(sqlWithList(placeholders(values.length)), ...Array.from({ length: uses }, () => values).flat());
    }
    return this;
  }

  addIf(condition: boolean, sql: string, ...params: unknown[]): this {
    return condition ? this.add(sql, ...params) : this;
  }

  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}

/** Every id of an entity table, in a stable order (table and column names are code constants). */
export function allIds(db: Db, table: 'actions' | 'lessons' | 'experts' | 'deployments', orderBy: string): string[] {
  return stmt(db, `SELECT id FROM ${table} ORDER BY ${orderBy}, id`).pluck().all() as string[];
}
