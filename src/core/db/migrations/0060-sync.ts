// Sharing between colleagues: this knowledge base's own id (a bundle's origin), the deletions that
// travel as tombstones, and per record the last version exchanged in a bundle (in or out), which
// tells "changed here since" from "changed there since" — both is a conflict for the user.
import type { Database } from 'better-sqlite3';

export const migration0060 = {
  version: 60,
  name: 'sync',
  up(db: Database): void {
    db.exec(`
CREATE TABLE kb_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE tombstones (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL CHECK (type IN ('action', 'lesson', 'expert', 'deployment')),
  deleted_at TEXT NOT NULL
) STRICT;
CREATE TABLE sync_state (
  id TEXT PRIMARY KEY,
  -- the updatedAt both sides had after the last bundle that carried this record
  exchanged_updated_at TEXT NOT NULL
) STRICT;
`);
  },
};
