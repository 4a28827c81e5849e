// Damage on purpose, for the recovery tests of the core, the renderer and the browser. Imports no
// test runner, so Vitest and Playwright specs can both use it.
import Database from 'better-sqlite3';
import fs from 'node:fs';

/** Overwrites the b-tree pages of one table with garbage, as a failing disk or a bad sector would. */
export function damageTable(dbPath: string, table: string): void {
  const db = new Database(dbPath, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  const root = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').pluck().get(table) as number;
  db.close();
  const fd = fs.openSync(dbPath, 'r+');
  fs.writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (root - 1) * pageSize);
  fs.closeSync(fd);
}
