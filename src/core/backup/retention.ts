// How many automatic backups rotation keeps, as settings of the knowledge base (like the audit
// name): the app's daily check, an import from the CLI and serve mode all rotate by the same numbers.
import { BackupRetention, type BackupSettings } from '../../shared/api';
import { appendAudit } from '../audit/audit';
import type { Db } from '../db/open';
import { readSetting, writeSetting } from '../db/settings.repo';
import { DEFAULT_RETENTION } from './backup';

const KEYS: Record<keyof BackupRetention, string> = { keepDaily: 'backup.keepDaily', keepSafety: 'backup.keepSafety' };
const FIELDS = Object.keys(KEYS) as (keyof BackupRetention)[];
/** The audit log's record id for a change of the retention. */
export const RETENTION_RECORD = 'backup.retention';

/** The stored numbers; one never set, or no longer within the bounds, is the default. */
export function backupRetention(db: Db): BackupRetention {
  const read = (f: keyof BackupRetention) => {
    const parsed = BackupRetention.shape[f].safeParse(Number(readSetting(db, KEYS[f])));
    return parsed.success ? parsed.data : DEFAULT_RETENTION[f];
  };
  return { keepDaily: read('keepDaily'), keepSafety: read('keepSafety') };
}

export function backupSettings(db: Db): BackupSettings {
  return { ...backupRetention(db), defaults: { ...DEFAULT_RETENTION } };
}

/** Must run inside a transaction, so the numbers and their audit entry are written together. */
export function setBackupRetention(db: Db, keep: BackupRetention): BackupSettings {
  const before = backupRetention(db);
  for (const f of FIELDS) writeSetting(db, KEYS[f], String(keep[f]));
  const changed = FIELDS.filter((f) => keep[f] !== before[f]);
  // Counts of backups are not personal data: the new numbers go in the entry's details.
  if (changed.length) appendAudit(db, { entity: 'settings', recordId: RETENTION_RECORD, action: 'set', fields: changed, detail: { ...keep } });
  return backupSettings(db);
}
