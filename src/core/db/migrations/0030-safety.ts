// Schema 30: what makes the knowledge base trustworthy. A key/value `meta` table for settings
// (the audit actor); the append-only, hash-chained `audit_log` (triggers refuse any UPDATE or
// DELETE, AUTOINCREMENT keeps the highest sequence ever used so a removed last row shows); and the
// erasure ledger, which keeps only salted hashes of an erased person's e-mail and name so the
// erasure can be applied again after a restore or an import without keeping who it was.
import type { Database } from 'better-sqlite3';

export const migration0030 = {
  version: 30,
  name: 'safety',
  up(db: Database): void {
    db.exec(`
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  entity TEXT NOT NULL,
  record_id TEXT,
  action TEXT NOT NULL,
  -- JSON array of field names; never values for personal data
  fields TEXT NOT NULL,
  -- JSON object of non-personal details (an import's counts), or NULL
  detail TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_record ON audit_log(entity, record_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

CREATE TABLE erasures (
  id TEXT PRIMARY KEY,
  salt TEXT NOT NULL,
  email_hash TEXT,
  name_hash TEXT NOT NULL,
  erased_on TEXT NOT NULL
) STRICT;
`);
  },
};
