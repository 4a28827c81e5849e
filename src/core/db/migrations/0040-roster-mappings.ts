// The column mapping a user confirmed for a roster layout, remembered by its header row: the same
// monthly export from the same spreadsheet maps itself the next time.
import type { Database } from 'better-sqlite3';

export const migration0040 = {
  version: 40,
  name: 'roster-mappings',
  up(db: Database): void {
    db.exec(`
CREATE TABLE roster_mappings (
  -- folded header texts in column order, joined by U+001F
  header_key TEXT PRIMARY KEY,
  -- JSON array: one expert field name or null per column
  mapping TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
`);
  },
};
