// Settings kept in the database itself (the `meta` table, key → text): they travel with the
// knowledge base, so the app, the CLI and serve mode opening the same file use the same ones.
import type { Db } from './open';
import { stmt } from './sql';

export function readSetting(db: Db, key: string): string | undefined {
  return stmt(db, 'SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined;
}

/** null removes the setting (back to its default). */
export function writeSetting(db: Db, key: string, value: string | null): void {
  if (value === null) stmt(db, 'DELETE FROM meta WHERE key = ?').run(key);
  else stmt(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}
