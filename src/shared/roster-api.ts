// The contract's part for spreadsheet rosters (CSV/XLSX import with preview, mapping and
// confirmation of name-only matches) and for exports. Spread into `methods` and `MethodOutputs` in
// api.ts, so it is the same one contract; kept in its own file because several people extend
// api.ts at the same time.
import { z } from 'zod';
import { ListActionsInput, ListExpertsInput, ListLessonsInput, type ImportReport } from './api';
import type { BackupInfo } from './safety-api';
import { Uuid } from './schemas';

/** The expert fields a spreadsheet column can be mapped to; `fullName` is split into given and family names. */
export const ROSTER_FIELDS = [
  'id',
  'fullName',
  'givenName',
  'familyName',
  'email',
  'phone',
  'institution',
  'position',
  'memberState',
  'sector',
  'languages',
  'topics',
  'expertise',
  'availability',
  'availabilityNote',
  'rosterStatus',
  'lastConfirmedOn',
  'consentGivenOn',
  'consentBasis',
  'consentNoticeVersion',
  'consentWithdrawnOn',
  'restricted',
  'notes',
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];
export const ROSTER_ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252'] as const;
export type RosterEncoding = (typeof ROSTER_ENCODINGS)[number];
export const ROSTER_DELIMITERS = [',', ';', '\t'] as const;
/** About 25 MiB of file: far above a real roster, low enough to keep the worker's memory sane. */
export const ROSTER_MAX_BASE64 = 36 * 1024 * 1024;

const RosterFile = {
  /** The file's name: its extension says CSV/TSV/TXT or XLSX. */
  fileName: z.string().trim().min(1).max(500),
  contentBase64: z.string().max(ROSTER_MAX_BASE64, 'The file is too large to import (about 25 MiB at most)'),
  /** Overrides the detected encoding (CSV only). */
  encoding: z.enum(ROSTER_ENCODINGS).optional(),
  /** Overrides the sniffed delimiter (CSV only). */
  delimiter: z.enum(ROSTER_DELIMITERS).optional(),
  /** How to read an ambiguous 01/02/2024: day first (dmy, the default) or month first (mdy). */
  dateOrder: z.enum(['dmy', 'mdy']).default('dmy'),
  /** The XLSX sheet to read; the first visible sheet when absent. */
  sheet: z.string().max(200).optional(),
  /** One entry per column, in file order: the field it fills, or null to drop it. Absent: the remembered or suggested mapping. */
  mapping: z.array(z.enum(ROSTER_FIELDS).nullable()).max(200).optional(),
};
/** What to do with a row matched only by name and institution: update that expert, or create a new one (null). */
export const RosterDecision = z.object({ line: z.number().int().min(1), expertId: Uuid.nullable() }).strict();
export const PreviewRosterInput = z.object(RosterFile).strict();
export const ApplyRosterInput = z.object({ ...RosterFile, decisions: z.array(RosterDecision).max(200_000).default([]) }).strict();

export interface RosterCandidate {
  expertId: string;
  name: string;
  institution: string | null;
  email: string | null;
  /** 0 = identical, 1 = unrelated (fuse.js score). */
  score: number;
}
/** What the import does (or did) with one data row. `confirm`: matched by name only, waiting for a decision. */
export type RosterRowOutcome = 'create' | 'update' | 'unchanged' | 'confirm' | 'rejected';
export interface RosterRow {
  line: number;
  outcome: RosterRowOutcome;
  name: string;
  email: string | null;
  expertId?: string;
  candidates?: RosterCandidate[];
}
export interface RosterWarning {
  line: number;
  column?: string;
  code: string;
  message: string;
  /** The message by key and values (src/shared/roster-messages.ts), for the interface language. */
  messageKey: string;
  params?: Record<string, string | number>;
}
export interface RosterImportReport extends ImportReport {
  file: {
    name: string;
    format: 'csv' | 'xlsx';
    encoding?: RosterEncoding;
    bom?: boolean;
    delimiter?: (typeof ROSTER_DELIMITERS)[number];
    lineEnding?: 'crlf' | 'lf' | 'cr' | 'none';
    sheets?: string[];
    sheet?: string;
    date1904?: boolean;
  };
  headers: string[];
  /** One entry per column: the field it fills, or null (dropped). */
  mapping: (RosterField | null)[];
  mappingSource: 'given' | 'remembered' | 'suggested';
  /** Columns not imported (unmapped), by header: data minimisation, said out loud. */
  droppedColumns: string[];
  /** Non-empty rows after the header; created + updated + unchanged + rejected = dataRows. */
  dataRows: number;
  emptyRows: number;
  rows: RosterRow[];
  /** Values kept with a change or left out (a language without a level, a phone Excel mangled…). */
  warnings: RosterWarning[];
  /**
   * After an apply: the verified backup taken just before it wrote, to undo the import with
   * restoreBackup; null when there was nothing to lose (an empty knowledge base). Absent for a preview.
   */
  backup?: BackupInfo | null;
}

export const EXPORT_FORMATS = ['csv', 'xlsx', 'json', 'vcf'] as const;
const noPaging = { page: true, pageSize: true, order: true, sort: true } as const;
// The list filters live in api.ts, which spreads this file into the contract: read them lazily.
export const ExportRecordsInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('experts'), format: z.enum(EXPORT_FORMATS), filters: z.lazy(() => ListExpertsInput.omit(noPaging)).optional() }).strict(),
  z.object({ type: z.literal('actions'), format: z.enum(['csv', 'xlsx', 'json']), filters: z.lazy(() => ListActionsInput.omit(noPaging)).optional() }).strict(),
  z.object({ type: z.literal('lessons'), format: z.enum(['csv', 'xlsx', 'json']), filters: z.lazy(() => ListLessonsInput.omit(noPaging)).optional() }).strict(),
]);
export interface ExportedFile {
  fileName: string;
  mimeType: string;
  contentBase64: string;
  count: number;
}


// ---------- Sharing bundles between colleagues ----------
/** For a conflict: keep this knowledge base's version, or take the bundle's (its deletion, for a tombstone). */
export const BundleResolution = z.object({ id: Uuid, keep: z.enum(['local', 'incoming']) }).strict();
export const ExportBundleInput = z
  .object({
    /** The Actions to share, as the Actions list filters them (all when absent); their lessons, deployments and deployed experts come along. */
    filters: z.lazy(() => ListActionsInput.omit(noPaging)).optional(),
  })
  .strict();
export const ImportBundleInput = z
  .object({ document: z.unknown(), dryRun: z.boolean().default(false), resolutions: z.array(BundleResolution).max(100_000).default([]) })
  .strict();

export interface BundleConflict {
  type: 'action' | 'lesson' | 'expert' | 'deployment';
  id: string;
  label: string;
  /** both_changed: edited here and there since the last exchange; deleted_there_changed_here: a tombstone for a record edited here since. */
  reason: 'both_changed' | 'deleted_there_changed_here';
  localUpdatedAt: string;
  /** The bundle's updatedAt, or its deletion time for a tombstone. */
  incomingUpdatedAt: string;
}
export interface BundleReport extends ImportReport {
  /** Present when the document was a sharing bundle; absent for a plain exchange document (imported as before). */
  sync?: {
    origin: string;
    /** Left alone until resolved: import again with `resolutions`. */
    conflicts: BundleConflict[];
    /** Records whose local version is newer, kept. */
    kept: number;
    /** Local records deleted by the bundle's tombstones. */
    deleted: number;
    /** Bundle records already deleted here (after that version): not brought back. */
    alreadyDeleted: number;
  };
}

export const rosterMethods = {
  /** Reads the file and runs the import without writing: what would be created, updated, left alone, rejected, confirmed. */
  previewRosterImport: PreviewRosterInput,
  /** The same, written in one transaction; name-only matches need a decision in `decisions`. */
  applyRosterImport: ApplyRosterInput,
  /** Experts, Actions or lessons (all, or those the list filters select) as a file. */
  exportRecords: ExportRecordsInput,
  /** A sharing bundle (`.mieux-kb.json` with `sync`) of the selected Actions and what belongs to them. */
  exportBundle: ExportBundleInput,
  /** Merges a bundle by id (plain exchange documents import as with importExchange); conflicts wait for `resolutions`. */
  importBundle: ImportBundleInput,
};

export interface RosterOutputs {
  previewRosterImport: RosterImportReport;
  applyRosterImport: RosterImportReport;
  exportRecords: ExportedFile;
  exportBundle: ExportedFile;
  importBundle: BundleReport;
}
