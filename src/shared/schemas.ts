// The shared zod schemas: the runtime allowlist for every boundary (IPC, HTTP, CLI, import).
// Records are validated in their complete form (`*Data`) and in their partial form (`*Patch`,
// the keys a user or a file actually sent), so updates and imports can tell "missing" from "empty".
import { z } from 'zod';
import {
  ACTION_STATUSES,
  ACTIVITY_TYPES,
  AVAILABILITIES,
  CEFR_LEVELS,
  CONSENT_BASES,
  DAC_CRITERIA,
  DEPLOYMENT_ROLES,
  DOMAINS,
  EVIDENCE_LEVELS,
  EXPERT_SECTORS,
  IMPACT_AXES,
  LESSON_POLARITIES,
  LESSON_STAGES,
  REGIONS,
  REVIEW_STATUSES,
  ROSTER_STATUSES,
  TEXT_LANGUAGES,
  TOPICS,
} from './reference';

const codes = <T extends readonly { code: string }[]>(list: T) =>
  list.map((x) => x.code) as unknown as [T[number]['code'], ...T[number]['code'][]];

export const DomainCode = z.enum(codes(DOMAINS));
export const TopicCode = z.enum(codes(TOPICS));
export const RegionCode = z.enum(codes(REGIONS));
export const ImpactAxisCode = z.enum(codes(IMPACT_AXES));

/** A date known to the year, the month or the day: "2021", "2021-06", "2021-06-15". */
export const PartialDate = z
  .string()
  .trim()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'Use YYYY, YYYY-MM or YYYY-MM-DD')
  .refine(isRealPartialDate, 'Not a real calendar date');

function isRealPartialDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  if (y === undefined || y < 1900 || y > 2200) return false;
  if (m === undefined) return true;
  if (m < 1 || m > 12) return false;
  if (d === undefined) return true;
  return d >= 1 && d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Use a two-letter ISO 3166-1 country code');
export const LanguageCode = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z]{2}$/, 'Use a two-letter ISO 639-1 language code');
export const Uuid = z.uuid();
export const Timestamp = z.iso.datetime({ offset: true });

const ShortText = z.string().trim().normalize('NFC').max(500);
const RequiredShortText = ShortText.min(1, 'Required');
const LongText = z.string().trim().normalize('NFC').max(100_000);
const nullable = <T extends z.ZodType>(t: T) => t.nullable();
/** A reference to another record: its id, or for Actions its code, for experts their email. */
const Ref = z.string().trim().min(1).max(320);

function uniqueList<T extends z.ZodType>(item: T, max = 200) {
  return z.array(item).max(max);
}

// ---------- Action ----------
export const actionShape = {
  code: RequiredShortText.max(100),
  aliases: uniqueList(RequiredShortText.max(100), 20),
  titleEn: nullable(ShortText),
  titleFr: nullable(ShortText),
  language: z.enum(TEXT_LANGUAGES),
  status: z.enum(ACTION_STATUSES),
  startDate: nullable(PartialDate),
  endDate: nullable(PartialDate),
  domain: DomainCode,
  topics: uniqueList(TopicCode, 30),
  impactAxes: uniqueList(ImpactAxisCode, 4),
  countries: uniqueList(CountryCode, 60),
  region: nullable(RegionCode),
  partners: uniqueList(RequiredShortText, 50),
  expertCountries: uniqueList(CountryCode, 60),
  summary: nullable(LongText),
  objectives: nullable(LongText),
  activities: nullable(LongText),
  results: nullable(LongText),
  relatedActions: uniqueList(Ref, 50),
  publicUrl: nullable(z.url({ protocol: /^https?$/ }).max(2000)),
  notes: nullable(LongText),
};

const ActionObject = z.object(actionShape).strict();
type ActionShapeOut = z.output<typeof ActionObject>;

function checkAction(a: Partial<ActionShapeOut>, ctx: z.RefinementCtx) {
  if (!a.titleEn && !a.titleFr) {
    ctx.addIssue({ code: 'custom', path: ['titleEn'], message: 'An Action needs a title in English or in French' });
  }
  if (a.startDate && a.endDate && a.endDate.slice(0, a.startDate.length) < a.startDate.slice(0, a.endDate.length)) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date is before the start date' });
  }
}

export const ActionData = ActionObject.superRefine(checkAction);
export const ActionPatch = ActionObject.partial();
export type ActionData = z.output<typeof ActionData>;
export type ActionInput = z.input<typeof ActionData>;

export const ACTION_DEFAULTS: Omit<ActionData, 'code' | 'domain'> = {
  aliases: [],
  titleEn: null,
  titleFr: null,
  language: 'en',
  status: 'completed',
  startDate: null,
  endDate: null,
  topics: [],
  impactAxes: [],
  countries: [],
  region: null,
  partners: [],
  expertCountries: [],
  summary: null,
  objectives: null,
  activities: null,
  results: null,
  relatedActions: [],
  publicUrl: null,
  notes: null,
};

// ---------- Lesson ----------
export const lessonShape = {
  title: RequiredShortText,
  context: nullable(LongText),
  lesson: nullable(LongText),
  recommendation: nullable(LongText),
  polarity: z.enum(LESSON_POLARITIES),
  stage: nullable(z.enum(LESSON_STAGES)),
  dacCriteria: uniqueList(z.enum(DAC_CRITERIA), 6),
  evidence: nullable(z.enum(EVIDENCE_LEVELS)),
  reviewStatus: z.enum(REVIEW_STATUSES),
  language: z.enum(TEXT_LANGUAGES),
  author: nullable(ShortText),
  recordedOn: nullable(PartialDate),
  actions: uniqueList(Ref, 50),
  topics: uniqueList(TopicCode, 30),
  countries: uniqueList(CountryCode, 60),
};
const LessonObject = z.object(lessonShape).strict();
export const LessonData = LessonObject;
export const LessonPatch = LessonObject.partial();
export type LessonData = z.output<typeof LessonData>;
export type LessonInput = z.input<typeof LessonData>;
export const LESSON_DEFAULTS: Omit<LessonData, 'title' | 'polarity'> = {
  context: null,
  lesson: null,
  recommendation: null,
  stage: null,
  dacCriteria: [],
  evidence: null,
  reviewStatus: 'draft',
  language: 'en',
  author: null,
  recordedOn: null,
  actions: [],
  topics: [],
  countries: [],
};

// ---------- Expert ----------
export const LanguageSkill = z.object({ code: LanguageCode, level: z.enum(CEFR_LEVELS) }).strict();
export const Consent = z
  .object({
    givenOn: nullable(PartialDate),
    basis: nullable(z.enum(CONSENT_BASES)),
    noticeVersion: nullable(ShortText.max(50)).default(null),
    withdrawnOn: nullable(PartialDate),
  })
  .strict();

export const expertShape = {
  givenName: RequiredShortText.max(200),
  familyName: RequiredShortText.max(200),
  email: nullable(z.string().trim().toLowerCase().pipe(z.email('Not a valid e-mail address').max(320))),
  phone: nullable(ShortText.max(50)),
  institution: nullable(ShortText),
  position: nullable(ShortText),
  memberState: nullable(CountryCode),
  sector: z.enum(EXPERT_SECTORS),
  languages: uniqueList(LanguageSkill, 30),
  topics: uniqueList(TopicCode, 30),
  expertise: nullable(LongText),
  availability: z.enum(AVAILABILITIES),
  availabilityNote: nullable(ShortText),
  rosterStatus: z.enum(ROSTER_STATUSES),
  lastConfirmedOn: nullable(PartialDate),
  consent: Consent,
  restricted: z.boolean(),
  notes: nullable(LongText),
};
const ExpertObject = z.object(expertShape).strict();
export const ExpertData = ExpertObject.superRefine((e, ctx) => {
  const seen = new Set<string>();
  e.languages.forEach((l, i) => {
    if (seen.has(l.code)) ctx.addIssue({ code: 'custom', path: ['languages', i, 'code'], message: `Language ${l.code} is listed twice` });
    seen.add(l.code);
  });
});
export const ExpertPatch = ExpertObject.partial();
export type ExpertData = z.output<typeof ExpertData>;
export type ExpertInput = z.input<typeof ExpertData>;
export const EXPERT_DEFAULTS: Omit<ExpertData, 'givenName' | 'familyName'> = {
  email: null,
  phone: null,
  institution: null,
  position: null,
  memberState: null,
  sector: 'public_administration',
  languages: [],
  topics: [],
  expertise: null,
  availability: 'available',
  availabilityNote: null,
  rosterStatus: 'active',
  lastConfirmedOn: null,
  consent: { givenOn: null, basis: null, noticeVersion: null, withdrawnOn: null },
  restricted: false,
  notes: null,
};

// ---------- Deployment ----------
export const deploymentShape = {
  expert: Ref,
  action: Ref,
  role: z.enum(DEPLOYMENT_ROLES),
  activityType: z.enum(ACTIVITY_TYPES),
  startDate: nullable(PartialDate),
  endDate: nullable(PartialDate),
  days: nullable(z.number().int().min(0).max(366)),
  location: nullable(ShortText),
  feedback: nullable(LongText),
  rating: nullable(z.number().int().min(1).max(5)),
};
const DeploymentObject = z.object(deploymentShape).strict();
export const DeploymentData = DeploymentObject;
export const DeploymentPatch = DeploymentObject.partial();
export type DeploymentData = z.output<typeof DeploymentData>;
export type DeploymentInput = z.input<typeof DeploymentData>;
export const DEPLOYMENT_DEFAULTS: Omit<DeploymentData, 'expert' | 'action'> = {
  role: 'expert',
  activityType: 'other',
  startDate: null,
  endDate: null,
  days: null,
  location: null,
  feedback: null,
  rating: null,
};

// ---------- Stored records (what reads return) ----------
interface Stamped {
  id: string;
  createdAt: string;
  updatedAt: string;
}
/** An Action as stored; `region` is the given one, `regions` the effective ones (from countries). */
export type Action = ActionData & Stamped & { regions: string[] };
export type Lesson = LessonData & Stamped;
export type Expert = ExpertData & Stamped;
/** References hold ids; the display names come along so lists need no second query. */
export type Deployment = DeploymentData &
  Stamped & { expertName: string; actionCode: string; actionTitle: string };

export type ActionSummary = Pick<
  Action,
  'id' | 'code' | 'titleEn' | 'titleFr' | 'language' | 'status' | 'startDate' | 'endDate' | 'domain' | 'topics' | 'countries' | 'regions' | 'updatedAt'
>;

// ---------- Exchange format v1 (.mieux-kb.json) ----------
const stamps = { id: Uuid.optional(), createdAt: Timestamp.optional(), updatedAt: Timestamp.optional() };
export const ExchangeAction = ActionObject.partial().extend(stamps).strict();
export const ExchangeLesson = LessonObject.partial().extend(stamps).strict();
export const ExchangeExpert = ExpertObject.partial().extend(stamps).strict();
export const ExchangeDeployment = DeploymentObject.partial().extend(stamps).strict();

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'Not a SHA-256 hash (64 lowercase hex digits)');
/**
 * One erased person, as salted hashes only: an import leaves out (and erases) experts whose e-mail,
 * or full name when the entry has no e-mail hash, hashes to the same value with the entry's salt.
 */
export const ErasureEntry = z
  .object({
    id: Uuid,
    salt: z.string().regex(/^[0-9a-f]{32}$/, 'Not a salt (32 lowercase hex digits)'),
    emailHash: Sha256Hex.nullable(),
    nameHash: Sha256Hex,
    erasedOn: PartialDate,
  })
  .strict();
export type ErasureEntry = z.infer<typeof ErasureEntry>;

/** A deleted record, so a deletion travels to colleagues in a sharing bundle. */
export const Tombstone = z
  .object({ type: z.enum(['action', 'lesson', 'expert', 'deployment']), id: Uuid, deletedAt: Timestamp })
  .strict();
export type Tombstone = z.infer<typeof Tombstone>;
/**
 * Present in sharing bundles only: the knowledge base that wrote it and its deletions. A document
 * with `sync` is merged by id (newer `updatedAt` wins, records both sides changed since their last
 * exchange are conflicts); a document without it is imported as before.
 */
export const SyncInfo = z.object({ origin: Uuid, tombstones: z.array(Tombstone).max(1_000_000) }).strict();
export type SyncInfo = z.infer<typeof SyncInfo>;

/** The document envelope; records are checked one by one so one bad record rejects only itself. */
export const ExchangeEnvelope = z
  .object({
    format: z.literal('mieux-kb'),
    version: z.literal(1),
    exportedAt: Timestamp.optional(),
    actions: z.array(z.unknown()).optional(),
    lessons: z.array(z.unknown()).optional(),
    experts: z.array(z.unknown()).optional(),
    deployments: z.array(z.unknown()).optional(),
    erasures: z.array(z.unknown()).optional(),
    sync: SyncInfo.optional(),
  })
  .strict();

/** The full document, for the JSON Schema published in docs/exchange-format.md. */
export const ExchangeDocument = ExchangeEnvelope.extend({
  actions: z.array(ExchangeAction).optional(),
  lessons: z.array(ExchangeLesson).optional(),
  experts: z.array(ExchangeExpert).optional(),
  deployments: z.array(ExchangeDeployment).optional(),
  erasures: z.array(ErasureEntry).optional(),
}).strict();

export interface ExchangeFile {
  format: 'mieux-kb';
  version: 1;
  exportedAt: string;
  actions: (ActionData & Stamped)[];
  lessons: Lesson[];
  experts: Expert[];
  deployments: (DeploymentData & Stamped)[];
  /** The erasure ledger; present when it has entries. */
  erasures?: ErasureEntry[];
  /** Sharing bundles only. */
  sync?: SyncInfo;
}
