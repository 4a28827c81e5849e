// The one contract. Every transport (IPC, HTTP, in-process) reaches the same object through this
// table: a method name not in `methods` is refused, an input that does not parse is refused.
import { z } from 'zod';
import {
  ACTION_STATUSES,
  AVAILABILITIES,
  CEFR_LEVELS,
  DEPLOYMENT_ROLES,
  EXPERT_SECTORS,
  LESSON_POLARITIES,
  LESSON_STAGES,
  REVIEW_STATUSES,
  ROSTER_STATUSES,
  TEXT_LANGUAGES,
} from './reference';
import {
  ActionPatch,
  CountryCode,
  DeploymentPatch,
  DomainCode,
  ExpertPatch,
  LanguageCode,
  LessonPatch,
  PartialDate,
  RegionCode,
  Timestamp,
  TopicCode,
  Uuid,
  type Action,
  type ActionSummary,
  type Deployment,
  type ExchangeFile,
  type Expert,
  type Lesson,
} from './schemas';
import { rosterMethods, type RosterOutputs } from './roster-api';

export * from './roster-api';
import { safetyMethods, type SafetyOutputs } from './safety-api';

export * from './safety-api';

// ---------- Results and errors ----------
export const ERROR_CODES = ['INVALID', 'NOT_FOUND', 'CONFLICT', 'DB_CORRUPT', 'DB_TOO_NEW', 'INTERNAL'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export interface Issue {
  /** Where the problem is, as a readable path: `titleEn`, `actions[3].countries[0]`. */
  path: string;
  message: string;
}
export interface KbError {
  code: ErrorCode;
  message: string;
  issues?: Issue[];
}
export type KbResult<T> = { ok: true; value: T } | { ok: false; error: KbError };

// ---------- List inputs ----------
const Page = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(1000).default(50),
  order: z.enum(['asc', 'desc']).optional(),
};
const many = <T extends z.ZodType>(t: T) => z.array(t).max(100).optional();
const Year = z.number().int().min(1900).max(2200);
const yearRange = { yearFrom: Year.optional(), yearTo: Year.optional() };

export const ListActionsInput = z
  .object({
    ...Page,
    sort: z.enum(['startDate', 'code', 'title', 'updatedAt']).default('startDate'),
    domain: many(DomainCode),
    topic: many(TopicCode),
    region: many(RegionCode),
    country: many(CountryCode),
    status: many(z.enum(ACTION_STATUSES)),
    language: many(z.enum(TEXT_LANGUAGES)),
    ...yearRange,
  })
  .strict();

export const ListLessonsInput = z
  .object({
    ...Page,
    sort: z.enum(['recordedOn', 'title', 'updatedAt']).default('recordedOn'),
    actionId: Uuid.optional(),
    domain: many(DomainCode),
    topic: many(TopicCode),
    region: many(RegionCode),
    country: many(CountryCode),
    polarity: many(z.enum(LESSON_POLARITIES)),
    stage: many(z.enum(LESSON_STAGES)),
    reviewStatus: many(z.enum(REVIEW_STATUSES)),
    language: many(z.enum(TEXT_LANGUAGES)),
    ...yearRange,
  })
  .strict();

export const ListExpertsInput = z
  .object({
    ...Page,
    sort: z.enum(['familyName', 'memberState', 'institution', 'availability', 'lastConfirmedOn', 'updatedAt']).default('familyName'),
    memberState: many(CountryCode),
    topic: many(TopicCode),
    domain: many(DomainCode),
    /** Speaks this language at this level or better (`native` is the top). */
    language: z.object({ code: LanguageCode, minLevel: z.enum(CEFR_LEVELS).default('A1') }).strict().optional(),
    availability: many(z.enum(AVAILABILITIES)),
    rosterStatus: many(z.enum(ROSTER_STATUSES)),
    sector: many(z.enum(EXPERT_SECTORS)),
    /** Profiles confirmed on or after this date (freshness). */
    confirmedSince: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).optional(),
    /** Experts deployed to Actions in these regions / countries / years. */
    region: many(RegionCode),
    country: many(CountryCode),
    ...yearRange,
  })
  .strict();

export const ListDeploymentsInput = z
  .object({
    ...Page,
    sort: z.enum(['startDate', 'updatedAt']).default('startDate'),
    actionId: Uuid.optional(),
    expertId: Uuid.optional(),
    role: many(z.enum(DEPLOYMENT_ROLES)),
    domain: many(DomainCode),
    topic: many(TopicCode),
    region: many(RegionCode),
    country: many(CountryCode),
    ...yearRange,
  })
  .strict();

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

// ---------- Search ----------
export const SEARCH_TYPES = ['action', 'lesson', 'expert'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];
export const SearchInput = z
  .object({
    query: z.string().max(20_000),
    types: many(z.enum(SEARCH_TYPES)),
    limit: z.number().int().min(1).max(500).default(20),
    offset: z.number().int().min(0).max(100_000).default(0),
    sort: z.enum(['relevance', 'date', 'title']).default('relevance'),
    /** Facet selections: OR within a facet, AND across facets. */
    filters: z.record(z.string().max(40), z.array(z.string().max(200)).max(100)).optional(),
  })
  .strict();

/** A piece of snippet text; `hit` pieces are the matched words, shown highlighted. */
export interface Segment {
  text: string;
  hit?: boolean;
}
export interface SearchHit {
  type: SearchType;
  id: string;
  code: string | null;
  title: string;
  titleSegments: Segment[];
  snippet: string;
  segments: Segment[];
  /** Which fields held the match (title, summary, text…). */
  matchedFields: string[];
  score: number;
  facts: { countries: string[]; domain: string | null; startDate: string | null; endDate: string | null; status: string | null };
}
export interface FacetValue {
  value: string;
  count: number;
}
export interface SearchResult {
  query: string;
  total: number;
  hits: SearchHit[];
  facets: Record<string, FacetValue[]>;
  /** A corrected query from the knowledge base's own vocabulary, when the query found little. */
  suggestion: string | null;
  /** True when the query found nothing and the suggestion's results are shown instead. */
  suggestionApplied: boolean;
}

// ---------- Import / export / stats / reference ----------
export interface EntityCounts {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}
export interface Rejection {
  path?: string;
  /** For spreadsheet imports: the physical line (CSV) or row (XLSX) where the record starts. */
  line?: number;
  /** A stable reason code (`bad_email`, `missing_required`…) where the importer has one; `reason` is the message. */
  code?: string;
  reason: string;
  /** The roster importer's reason by message key and values (src/shared/roster-messages.ts), for the interface language. */
  messageKey?: string;
  params?: Record<string, string | number>;
}
export interface ImportReport {
  dryRun: boolean;
  actions: EntityCounts;
  lessons: EntityCounts;
  experts: EntityCounts;
  deployments: EntityCounts;
  rejections: Rejection[];
  /** Local experts erased because the file's erasure ledger (or ours) names them. */
  erasuresApplied?: number;
}

export interface Stats {
  actions: number;
  lessons: number;
  experts: number;
  deployments: number;
  /** Distinct experts with at least one deployment. */
  expertsDeployed: number;
  /** Distinct deployed experts employed in an EU Member State. */
  euOfficials: number;
  /** Distinct EU Member States of deployed experts. */
  memberStates: number;
  /** Distinct partner countries of Actions. */
  countries: number;
  /** Distinct MIEUX+ regions of partner countries. */
  regions: number;
  actionsByDomain: Record<string, number>;
  actionsByRegion: Record<string, number>;
  actionsByYear: Record<string, number>;
  actionsByStatus: Record<string, number>;
}

export interface CountryRef {
  code: string;
  en: string;
  fr: string;
  /** MIEUX+ region, null for countries outside the partner regions (e.g. EU Member States). */
  region: string | null;
  euMember: boolean;
}
export interface Reference {
  domains: { code: string; en: string; fr: string }[];
  topics: { code: string; domain: string; en: string; fr: string }[];
  regions: { code: string; parent: string | null; en: string; fr: string }[];
  impactAxes: { code: string; en: string; fr: string }[];
  countries: CountryRef[];
  languages: { code: string; en: string; fr: string }[];
  levels: string[];
}

export interface DatabaseCheck {
  ok: boolean;
  path: string;
  schemaVersion: number;
  appSchemaVersion: number;
  problems: string[];
}

// ---------- Preparation brief ----------
/** The factors each list is scored on; every score is the sum of `value × weight` over them. */
export const BRIEF_FACTORS = {
  actions: ['topic', 'text', 'place', 'recency', 'domain'],
  lessons: ['topic', 'place', 'similarAction', 'kind', 'review', 'recency'],
  experts: ['topic', 'language', 'availability', 'freshness', 'region', 'rating'],
} as const;
export type BriefList = keyof typeof BRIEF_FACTORS;
export type BriefWeights = { [L in BriefList]: Record<(typeof BRIEF_FACTORS)[L][number], number> };

const briefIds = z.array(Uuid).max(200).default([]);
const BriefIdLists = z.object({ actions: briefIds, lessons: briefIds, experts: briefIds }).strict();
const weightsOf = (names: readonly string[]) =>
  z.object(Object.fromEntries(names.map((n) => [n, z.number().min(0).max(1000).optional()]))).strict().optional();

/** What the officer knows of the new request. Every field is optional: the brief uses what is given. */
export const BriefDraft = z
  .object({
    countries: z.array(CountryCode).max(60).default([]),
    domain: DomainCode.nullable().default(null),
    topics: z.array(TopicCode).max(30).default([]),
    /** Free-text description of the request, in any language: compared with past Actions by the search engine. */
    text: z.string().max(20_000).default(''),
    /** Planned period (for availability and recency). */
    from: PartialDate.nullable().default(null),
    to: PartialDate.nullable().default(null),
  })
  .strict();

export const PrepareBriefInput = z
  .object({
    /** Prepare from an existing Action (its countries, domain, topics, texts and dates); non-empty `draft` fields override it. */
    actionId: Uuid.optional(),
    draft: BriefDraft.optional(),
    /** Pinned ids always stay in their list (first, marked `pinned`); removed ids never appear. Removed wins over pinned. */
    pinned: BriefIdLists.default({ actions: [], lessons: [], experts: [] }),
    removed: BriefIdLists.default({ actions: [], lessons: [], experts: [] }),
    /** How many suggestions per list, pinned ones included (more when more are pinned). */
    limits: z
      .object({ actions: z.number().int().min(1).max(100).default(10), lessons: z.number().int().min(1).max(200).default(15), experts: z.number().int().min(1).max(100).default(10) })
      .strict()
      .default({ actions: 10, lessons: 15, experts: 10 }),
    /** The language level an expert needs in a working language of the partner country (B2 by default). */
    languageLevel: z.enum(CEFR_LEVELS).default('B2'),
    /** Overrides of the default weights, factor by factor. */
    weights: z
      .object({ actions: weightsOf(BRIEF_FACTORS.actions), lessons: weightsOf(BRIEF_FACTORS.lessons), experts: weightsOf(BRIEF_FACTORS.experts) })
      .strict()
      .optional(),
    /** The day the brief is prepared (recency, profile freshness); today by default. */
    asOf: PartialDate.optional(),
  })
  .strict()
  .refine((b) => b.actionId !== undefined || b.draft !== undefined, { message: 'Give a draft request or an actionId', path: ['draft'] });

export const BRIEF_EXPORT_FORMATS = ['html', 'bundle'] as const;
export const ExportBriefInput = z
  .object({
    brief: PrepareBriefInput,
    format: z.enum(BRIEF_EXPORT_FORMATS),
    /** Language of the document's labels (the records keep their own language). */
    lang: z.enum(['en', 'fr']).default('en'),
  })
  .strict();

/** One term of a score: `points = value × weight`; `detail` says what was found, in English. */
export interface BriefFactor {
  factor: string;
  /** 0 … 1 */
  value: number;
  weight: number;
  points: number;
  detail: string;
}
interface BriefItemBase {
  id: string;
  /** Sum of the factors' points, rounded to 0.1. */
  score: number;
  /** Short reasons, strongest first ("same topic MD-DIASPORA", "same region WCA"). */
  reasons: string[];
  /** The reasons on one line. */
  reason: string;
  factors: BriefFactor[];
  pinned: boolean;
}
export interface BriefAction extends BriefItemBase {
  code: string;
  title: string;
  titleEn: string | null;
  titleFr: string | null;
  status: string;
  startDate: string | null;
  endDate: string | null;
  domain: string;
  topics: string[];
  countries: string[];
  regions: string[];
  summary: string | null;
}
export interface BriefLesson extends BriefItemBase {
  title: string;
  polarity: string;
  reviewStatus: string;
  stage: string | null;
  evidence: string | null;
  language: string;
  recordedOn: string | null;
  lesson: string | null;
  recommendation: string | null;
  topics: string[];
  countries: string[];
  /** The Actions it was learned on. */
  actions: { id: string; code: string }[];
}
export interface BriefDeployment {
  id: string;
  actionId: string;
  actionCode: string;
  countries: string[];
  role: string;
  startDate: string | null;
  endDate: string | null;
  rating: number | null;
}
export interface BriefExpert extends BriefItemBase {
  name: string;
  givenName: string;
  familyName: string;
  email: string | null;
  memberState: string | null;
  institution: string | null;
  position: string | null;
  languages: { code: string; level: string }[];
  topics: string[];
  availability: string;
  availabilityNote: string | null;
  lastConfirmedOn: string | null;
  /** Deployments in the partner countries or their region, newest first. */
  regionDeployments: BriefDeployment[];
}
export interface BriefRequest {
  /** The Action the brief was prepared from, if any. */
  action: { id: string; code: string } | null;
  countries: string[];
  /** The MIEUX+ regions of those countries (most specific first). */
  regions: string[];
  domain: string | null;
  topics: string[];
  text: string;
  from: string | null;
  to: string | null;
  /** Working languages of the partner countries and the level needed. */
  languages: { country: string; official: string[]; working: string[] }[];
  languageLevel: string;
  asOf: string;
  /** The thesaurus concepts and words of the text that were searched for. */
  textTerms: string[];
}
export interface Brief {
  request: BriefRequest;
  actions: BriefAction[];
  lessons: BriefLesson[];
  experts: BriefExpert[];
  /** The weights used (defaults with the input's overrides). */
  weights: BriefWeights;
  /** Pinned ids that cannot be shown: unknown, a retired lesson, an expert hidden (restricted, consent withdrawn) or archived. */
  dropped: { actions: string[]; lessons: string[]; experts: string[] };
  generatedAt: string;
}
export interface BriefExport {
  format: (typeof BRIEF_EXPORT_FORMATS)[number];
  /** A suggested file name. */
  fileName: string;
  mimeType: string;
  /** The document: an HTML page, or the `.mieux-kb.json` text. */
  content: string;
  /** What the document holds. */
  counts: { actions: number; lessons: number; experts: number; deployments: number };
}

const Empty = z.object({}).strict();
const ById = z.object({ id: Uuid }).strict();
const update = <T extends z.ZodType>(patch: T) =>
  z.object({ id: Uuid, data: patch, expectedUpdatedAt: Timestamp.optional() }).strict();

/** The method table: each method's input schema. Adding a capability starts here. */
export const methods = {
  ...rosterMethods,
  ...safetyMethods,
  getReference: Empty,
  getStats: Empty,
  checkDatabase: Empty,

  listActions: ListActionsInput,
  getAction: ById,
  createAction: z.object({ data: ActionPatch }).strict(),
  updateAction: update(ActionPatch),
  deleteAction: ById,

  listLessons: ListLessonsInput,
  getLesson: ById,
  createLesson: z.object({ data: LessonPatch }).strict(),
  updateLesson: update(LessonPatch),
  deleteLesson: ById,

  listExperts: ListExpertsInput,
  getExpert: ById,
  createExpert: z.object({ data: ExpertPatch }).strict(),
  updateExpert: update(ExpertPatch),
  deleteExpert: ById,

  listDeployments: ListDeploymentsInput,
  getDeployment: ById,
  createDeployment: z.object({ data: DeploymentPatch }).strict(),
  updateDeployment: update(DeploymentPatch),
  deleteDeployment: ById,

  search: SearchInput,
  importExchange: z.object({ document: z.unknown(), dryRun: z.boolean().default(false) }).strict(),
  exportExchange: Empty,

  prepareBrief: PrepareBriefInput,
  exportBrief: ExportBriefInput,
} as const;

export type MethodName = keyof typeof methods;
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]>;
export type ParsedInput<M extends MethodName> = z.output<(typeof methods)[M]>;

/** What each method answers with. */
export interface MethodOutputs extends SafetyOutputs, RosterOutputs {
  getReference: Reference;
  getStats: Stats;
  checkDatabase: DatabaseCheck;
  listActions: Page<ActionSummary>;
  getAction: Action;
  createAction: Action;
  updateAction: Action;
  deleteAction: { id: string };
  listLessons: Page<Lesson>;
  getLesson: Lesson;
  createLesson: Lesson;
  updateLesson: Lesson;
  deleteLesson: { id: string };
  listExperts: Page<Expert>;
  getExpert: Expert;
  createExpert: Expert;
  updateExpert: Expert;
  deleteExpert: { id: string };
  listDeployments: Page<Deployment>;
  getDeployment: Deployment;
  createDeployment: Deployment;
  updateDeployment: Deployment;
  deleteDeployment: { id: string };
  search: SearchResult;
  importExchange: ImportReport;
  exportExchange: ExchangeFile;
  prepareBrief: Brief;
  exportBrief: BriefExport;
}

export type KbApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<KbResult<MethodOutputs[M]>>;
};

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

/** The interface languages a native menu can switch to. */
export const UI_LANGUAGES = ['en', 'fr'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** Events to the UI: from the core (`changed`, `progress`) and from the desktop shell's native menus. */
export type KbEvent =
  | { type: 'changed'; entity: 'action' | 'lesson' | 'expert' | 'deployment' | 'all'; ids: string[] }
  | { type: 'progress'; task: string; done: number; total: number }
  | { type: 'menu'; command: 'newAction' }
  | { type: 'menu'; command: 'setLanguage'; language: UiLanguage };

/** Zod issues as readable paths, so every message names the field. */
export function formatIssues(error: z.ZodError, prefix: (string | number)[] = []): Issue[] {
  return error.issues.map((i) => ({ path: formatPath([...prefix, ...(i.path as (string | number)[])]), message: i.message }));
}

export function formatPath(path: readonly (string | number | symbol)[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(root)';
}

export function invalid(issues: Issue[]): KbError {
  const first = issues[0];
  const message = first ? `${first.path}: ${first.message}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}` : 'Invalid input';
  return { code: 'INVALID', message, issues };
}
