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
  line?: number;
  reason: string;
}
export interface ImportReport {
  dryRun: boolean;
  actions: EntityCounts;
  lessons: EntityCounts;
  experts: EntityCounts;
  deployments: EntityCounts;
  rejections: Rejection[];
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

const Empty = z.object({}).strict();
const ById = z.object({ id: Uuid }).strict();
const update = <T extends z.ZodType>(patch: T) =>
  z.object({ id: Uuid, data: patch, expectedUpdatedAt: Timestamp.optional() }).strict();

/** The method table: each method's input schema. Adding a capability starts here. */
export const methods = {
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
} as const;

export type MethodName = keyof typeof methods;
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]>;
export type ParsedInput<M extends MethodName> = z.output<(typeof methods)[M]>;

/** What each method answers with. */
export interface MethodOutputs {
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
