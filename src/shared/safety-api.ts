// The contract's part for backups, recovery, the audit trail and experts' personal-data rights.
// Spread into `methods` and `MethodOutputs` in api.ts, so it is the same one contract; kept in its
// own file because several people extend api.ts at the same time.
import { z } from 'zod';
import { PartialDate, Uuid, type ExchangeFile, type Expert } from './schemas';

export const BACKUP_REASONS = ['manual', 'daily', 'pre-migration', 'pre-import'] as const;
export type BackupReason = (typeof BACKUP_REASONS)[number];

export const AUDIT_ENTITIES = ['action', 'lesson', 'expert', 'deployment', 'import', 'settings'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

const Empty = z.object({}).strict();

/** The numbers of automatic backups rotation may keep: also the bounds the Settings form shows. */
export const RETENTION_BOUNDS = { keepDaily: { min: 1, max: 366 }, keepSafety: { min: 1, max: 100 } } as const;
const keepCount = (b: { min: number; max: number }) => z.number().int().min(b.min).max(b.max);
/** How many daily backups rotation keeps, and how many of each of pre-migration and pre-import. */
export const BackupRetention = z.object({ keepDaily: keepCount(RETENTION_BOUNDS.keepDaily), keepSafety: keepCount(RETENTION_BOUNDS.keepSafety) }).strict();
export type BackupRetention = z.infer<typeof BackupRetention>;
const ById = z.object({ id: Uuid }).strict();

export const safetyMethods = {
  /** A verified backup now (reason `manual`), in `dir` or the `backups` folder beside the database. */
  createBackup: z.object({ dir: z.string().min(1).max(4000).optional() }).strict(),
  /**
   * The daily backup when the last one is 24 h old or more; the app calls it at start and every 24 h.
   * Rotates afterwards, keeping `keepDaily` daily backups and `keepSafety` of each of pre-migration
   * and pre-import; a number not given is the one in getBackupSettings. Manual backups are never deleted.
   */
  backupIfDue: BackupRetention.partial(),
  /** The retention rotation uses (stored in the database, else the defaults), and the defaults. */
  getBackupSettings: Empty,
  /** Stores the retention in the database; applied by the next rotation (the daily check or an import). */
  setBackupSettings: BackupRetention,
  listBackups: Empty,
  /** Replaces the open database with a verified backup; the current file is moved aside, never deleted. */
  restoreBackup: z.object({ file: z.string().min(1).max(4000) }).strict(),
  /** What the startup check found, and the last verified backup to restore from when the database is damaged. */
  getDatabaseHealth: Empty,
  /** Every record that can still be read, as an exchange document, even from a damaged database. */
  exportReadable: Empty,

  verifyAudit: Empty,
  /** The audit entries of one record, newest first (field names, never personal values). */
  getHistory: z.object({ entity: z.enum(AUDIT_ENTITIES), id: z.string().min(1).max(100) }).strict(),
  getAuditActor: Empty,
  /** The name written in the audit log as "who"; null goes back to the operating-system user name. */
  setAuditActor: z.object({ name: z.string().trim().min(1).max(200).nullable() }).strict(),

  /** An expert by e-mail (case-insensitive), hidden ones included: the data-protection commands start from the address a person writes from. */
  findExpertByEmail: z.object({ email: z.string().trim().min(3).max(320) }).strict(),
  /** Records the withdrawal of consent (today unless `on` is given): the expert leaves search, lists and exports at once. */
  withdrawConsent: z.object({ id: Uuid, on: PartialDate.optional() }).strict(),
  /** Restriction of processing: hidden from every list, search and export while `restricted`. */
  restrictExpert: z.object({ id: Uuid, restricted: z.boolean().default(true) }).strict(),
  /** Right of access: everything the knowledge base holds about one expert, as data and as a readable HTML page. */
  exportExpertData: ById,
  /** Erasure: removes the person from every table and the search index; leaves a salted-hash ledger entry only. */
  eraseExpert: ById,
  /** Profiles to review: not confirmed for `unconfirmedMonths`, or not deployed for `undeployedYears`. Deletes nothing. */
  reviewQueue: z
    .object({
      unconfirmedMonths: z.number().int().min(1).max(600).default(24),
      undeployedYears: z.number().int().min(1).max(50).default(5),
      asOf: PartialDate.optional(),
    })
    .strict(),
} as const;

export interface BackupInfo {
  format: 'mieux-kb-backup';
  version: 1;
  /** File name of the backup, in the same folder as its manifest (`<file>.json`). */
  file: string;
  /** Absolute path of the backup. */
  path: string;
  /** False when the manifest remains but its file was removed by hand. */
  present: boolean;
  sha256: string;
  bytes: number;
  schemaVersion: number;
  appVersion: string;
  reason: BackupReason;
  createdAt: string;
  /** Rows per entity table at the time of the backup. */
  counts: Record<string, number>;
  /** File name of the database it was taken from. */
  source: string;
}

export interface BackupList {
  dir: string;
  backups: BackupInfo[];
}

export interface BackupIfDueResult {
  created: BackupInfo | null;
  /** Paths of older automatic backups removed by rotation. */
  deleted: string[];
}

export interface BackupSettings extends BackupRetention {
  defaults: BackupRetention;
}

export interface RestoreResult {
  restoredFrom: string;
  /** Where the replaced database now is; null when there was none. */
  movedAside: string | null;
  schemaVersion: number;
  counts: Record<string, number>;
  /** Experts erased since the backup was taken, erased again from the restored data. */
  erasuresReapplied: number;
}

export interface DatabaseHealth {
  /** `damaged`: the database failed its check and is open read-only; every write answers DB_CORRUPT. */
  state: 'ok' | 'damaged';
  path: string;
  /** The previous session did not close the database (a crash, a power cut, a kill). */
  uncleanShutdown: boolean;
  /** `integrity_check` after an unclean shutdown, `quick_check` otherwise; `none` for a new or in-memory database. */
  check: 'integrity_check' | 'quick_check' | 'none';
  problems: string[];
  checkedAt: string;
  /** The newest backup that passes its checksum and integrity check, to offer when the database is damaged. */
  lastVerifiedBackup: BackupInfo | null;
  /** A backup made automatically before migrating this database at this start, if any. */
  preMigrationBackup: BackupInfo | null;
}

export interface ReadableExport {
  document: ExchangeFile;
  /** What could not be read (table or record, and SQLite's message). */
  problems: string[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: string;
  entity: AuditEntity;
  recordId: string | null;
  action: 'create' | 'update' | 'delete' | 'import' | 'withdraw-consent' | 'restrict' | 'unrestrict' | 'erase' | 'set';
  /** Names of the fields that changed; never their values for personal data. */
  fields: string[];
  /** Non-personal details (an import's counts). */
  detail: Record<string, unknown> | null;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first entry that does not fit the chain, and why. */
  problems: { seq: number | null; problem: string }[];
}

export interface AuditActor {
  actor: string;
  source: 'setting' | 'os';
}

export interface PersonalDataExport {
  exportedAt: string;
  expert: Expert;
  /** Every row of every table that refers to the expert (found from the schema's foreign keys), by table. */
  related: Record<string, Record<string, unknown>[]>;
  history: AuditEntry[];
  /** The same, as a self-contained readable HTML page. */
  html: string;
}

export interface ErasureResult {
  id: string;
  /** Rows removed per table. */
  removed: Record<string, number>;
}

export interface ReviewItem {
  id: string;
  name: string;
  email: string | null;
  lastConfirmedOn: string | null;
  lastDeployedOn: string | null;
  restricted: boolean;
  consentWithdrawn: boolean;
}
export interface ReviewQueue {
  asOf: string;
  /** Profiles whose last confirmation is older than the period (or never confirmed). */
  unconfirmed: ReviewItem[];
  /** Experts with no deployment starting in the last N years (or none at all). */
  undeployed: ReviewItem[];
}

export interface SafetyOutputs {
  createBackup: BackupInfo;
  backupIfDue: BackupIfDueResult;
  getBackupSettings: BackupSettings;
  setBackupSettings: BackupSettings;
  listBackups: BackupList;
  restoreBackup: RestoreResult;
  getDatabaseHealth: DatabaseHealth;
  exportReadable: ReadableExport;
  verifyAudit: AuditVerification;
  getHistory: AuditEntry[];
  getAuditActor: AuditActor;
  setAuditActor: AuditActor;
  findExpertByEmail: Expert;
  withdrawConsent: Expert;
  restrictExpert: Expert;
  exportExpertData: PersonalDataExport;
  eraseExpert: ErasureResult;
  reviewQueue: ReviewQueue;
}
