// SQL for the preparation brief, and only SQL. Candidates are gathered through the narrow
// topic/country tables (indexed by value), with their lists packed into one row each, so scoring
// thousands of them costs one query per kind instead of one per record. The candidate ids drive
// each query (CROSS JOIN keeps that order): the big tables are only probed by primary key.
import type { Db } from '../db/open';
import { stmt } from '../db/sql';

const ids = (list: readonly string[]) => JSON.stringify(list);

/** Child lists of many owners in one query, in their stored order. Names are code constants. */
function listsOf(db: Db, table: string, owner: string, value: string, owners: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const rows = stmt(db, `SELECT ${owner}, ${value} FROM ${table} WHERE ${owner} IN (SELECT value FROM json_each(?)) ORDER BY ${owner}, position`)
    .raw()
    .all(ids(owners)) as [string, string][];
  for (const [o, v] of rows) {
    const list = out.get(o);
    if (list) list.push(v);
    else out.set(o, [v]);
  }
  return out;
}

export interface ActionCandidate {
  id: string;
  code: string;
  titleEn: string | null;
  titleFr: string | null;
  status: string;
  startDate: string | null;
  endDate: string | null;
  domain: string;
  region: string | null;
  topics: string[];
  countries: string[];
}

type ActionCandidateRow = Omit<ActionCandidate, 'topics' | 'countries'>;

const ACTION_COLUMNS = `a.id, a.code, a.title_en AS titleEn, a.title_fr AS titleFr, a.status, a.start_date AS startDate,
  a.end_date AS endDate, a.domain, a.region`;

function withActionLists(db: Db, rows: ActionCandidateRow[]): ActionCandidate[] {
  const owners = rows.map((r) => r.id);
  const topics = listsOf(db, 'action_topics', 'action_id', 'topic', owners);
  const countries = listsOf(db, 'action_countries', 'action_id', 'country', owners);
  return rows.map((r) => ({ ...r, topics: topics.get(r.id) ?? [], countries: countries.get(r.id) ?? [] }));
}

/** Actions sharing a topic or a country, plus the given ids (text matches, pins). */
export function actionCandidates(db: Db, topics: readonly string[], countries: readonly string[], extra: readonly string[]): ActionCandidate[] {
  const rows = stmt(
    db,
    `SELECT ${ACTION_COLUMNS} FROM (
       SELECT action_id AS id FROM action_topics WHERE topic IN (SELECT value FROM json_each(?))
       UNION SELECT action_id FROM action_countries WHERE country IN (SELECT value FROM json_each(?))
       UNION SELECT value FROM json_each(?)) p CROSS JOIN actions a ON a.id = p.id`,
  ).all(ids(topics), ids(countries), ids(extra)) as ActionCandidateRow[];
  return withActionLists(db, rows);
}

/** These Actions (codes, topics, countries), for lessons that inherit them and for bundles. */
export function actionsByIds(db: Db, list: readonly string[]): ActionCandidate[] {
  const rows = stmt(db, `SELECT ${ACTION_COLUMNS} FROM (SELECT DISTINCT value AS id FROM json_each(?)) p CROSS JOIN actions a ON a.id = p.id`).all(ids(list)) as ActionCandidateRow[];
  return withActionLists(db, rows);
}

/** Long texts, read only for the items a brief shows. */
export function actionSummaries(db: Db, list: readonly string[]): Map<string, string | null> {
  const rows = stmt(db, 'SELECT a.id, a.summary FROM (SELECT value AS id FROM json_each(?)) p CROSS JOIN actions a ON a.id = p.id').raw().all(ids(list)) as [string, string | null][];
  return new Map(rows);
}

export function lessonTexts(db: Db, list: readonly string[]): Map<string, { lesson: string | null; recommendation: string | null }> {
  const rows = stmt(db, 'SELECT l.id, l.lesson, l.recommendation FROM (SELECT value AS id FROM json_each(?)) p CROSS JOIN lessons l ON l.id = p.id')
    .raw()
    .all(ids(list)) as [string, string | null, string | null][];
  return new Map(rows.map(([id, lesson, recommendation]) => [id, { lesson, recommendation }]));
}

export interface LessonCandidate {
  id: string;
  title: string;
  polarity: string;
  reviewStatus: string;
  stage: string | null;
  evidence: string | null;
  language: string;
  recordedOn: string | null;
  hasRecommendation: boolean;
  /** Its own topics and countries (empty: inherited from its Actions). */
  topics: string[];
  countries: string[];
  actions: string[];
}

/**
 * Lessons of these Actions, of any Action sharing a topic or a country, or with such a topic or
 * country of their own; plus the given ids (pins). Retired lessons are included only when given,
 * so the caller can report a pinned one as dropped.
 */
export function lessonCandidates(db: Db, actionIds: readonly string[], topics: readonly string[], countries: readonly string[], extra: readonly string[]): LessonCandidate[] {
  const rows = stmt(
    db,
    `WITH acts(id) AS (
       SELECT action_id FROM action_topics WHERE topic IN (SELECT value FROM json_each(@topics))
       UNION SELECT action_id FROM action_countries WHERE country IN (SELECT value FROM json_each(@countries))
       UNION SELECT value FROM json_each(@actions)),
     picked(id) AS (
       SELECT lesson_id FROM lesson_actions WHERE action_id IN (SELECT id FROM acts)
       UNION SELECT lesson_id FROM lesson_topics WHERE topic IN (SELECT value FROM json_each(@topics))
       UNION SELECT lesson_id FROM lesson_countries WHERE country IN (SELECT value FROM json_each(@countries)))
     SELECT l.id, l.title, l.polarity, l.review_status AS reviewStatus, l.stage, l.evidence, l.language, l.recorded_on AS recordedOn,
       coalesce(length(trim(l.recommendation)), 0) > 0 AS hasRecommendation
     FROM (SELECT id FROM picked UNION SELECT value FROM json_each(@extra)) p CROSS JOIN lessons l ON l.id = p.id
     WHERE l.review_status <> 'retired' OR l.id IN (SELECT value FROM json_each(@extra))`,
  ).all({ topics: ids(topics), countries: ids(countries), actions: ids(actionIds), extra: ids(extra) }) as (Omit<LessonCandidate, 'topics' | 'countries' | 'actions' | 'hasRecommendation'> & { hasRecommendation: number })[];
  const owners = rows.map((r) => r.id);
  const own = { topics: listsOf(db, 'lesson_topics', 'lesson_id', 'topic', owners), countries: listsOf(db, 'lesson_countries', 'lesson_id', 'country', owners), actions: listsOf(db, 'lesson_actions', 'lesson_id', 'action_id', owners) };
  return rows.map((r) => ({
    ...r,
    hasRecommendation: r.hasRecommendation === 1,
    topics: own.topics.get(r.id) ?? [],
    countries: own.countries.get(r.id) ?? [],
    actions: own.actions.get(r.id) ?? [],
  }));
}

export interface ExpertCandidate {
  id: string;
  givenName: string;
  familyName: string;
  email: string | null;
  memberState: string | null;
  institution: string | null;
  position: string | null;
  availability: string;
  availabilityNote: string | null;
  rosterStatus: string;
  lastConfirmedOn: string | null;
  restricted: boolean;
  withdrawnOn: string | null;
  topics: string[];
  languages: { code: string; level: string }[];
}

type ExpertCandidateRow = Omit<ExpertCandidate, 'topics' | 'languages' | 'restricted'> & { restricted: number };

/**
 * Experts with one of these topics, or deployed on an Action in these countries, plus the given
 * ids (pins). Hidden experts (restricted, consent withdrawn) and archived ones are left out here
 * unless given, so the caller can report a pinned one as dropped, and drops them again itself.
 */
export function expertCandidates(db: Db, topics: readonly string[], countries: readonly string[], extra: readonly string[]): ExpertCandidate[] {
  const rows = stmt(
    db,
    `WITH picked(id) AS (
       SELECT expert_id FROM expert_topics WHERE topic IN (SELECT value FROM json_each(@topics))
       UNION SELECT d.expert_id FROM deployments d JOIN action_countries c ON c.action_id = d.action_id
         WHERE c.country IN (SELECT value FROM json_each(@countries)))
     SELECT e.id, e.given_name AS givenName, e.family_name AS familyName, e.email, e.member_state AS memberState, e.institution,
       e.position, e.availability, e.availability_note AS availabilityNote, e.roster_status AS rosterStatus,
       e.last_confirmed_on AS lastConfirmedOn, e.restricted, e.consent_withdrawn_on AS withdrawnOn
     FROM (SELECT id FROM picked UNION SELECT value FROM json_each(@extra)) p CROSS JOIN experts e ON e.id = p.id
     WHERE (e.restricted = 0 AND e.consent_withdrawn_on IS NULL AND e.roster_status <> 'archived') OR e.id IN (SELECT value FROM json_each(@extra))`,
  ).all({ topics: ids(topics), countries: ids(countries), extra: ids(extra) }) as ExpertCandidateRow[];
  const owners = rows.map((r) => r.id);
  const topicLists = listsOf(db, 'expert_topics', 'expert_id', 'topic', owners);
  const languageLists = listsOf(db, 'expert_languages', 'expert_id', "code || ':' || level", owners);
  return rows.map((r) => ({
    ...r,
    restricted: r.restricted === 1,
    topics: topicLists.get(r.id) ?? [],
    languages: (languageLists.get(r.id) ?? []).map((s) => {
      const [code, level] = s.split(':');
      return { code: code!, level: level! };
    }),
  }));
}

export interface DeploymentFact {
  id: string;
  expertId: string;
  actionId: string;
  actionCode: string;
  role: string;
  startDate: string | null;
  endDate: string | null;
  rating: number | null;
  countries: string[];
}

/** Every deployment of these experts, with the partner countries of its Action. */
export function deploymentsOf(db: Db, expertIds: readonly string[]): DeploymentFact[] {
  const rows = stmt(
    db,
    `SELECT d.id, d.expert_id AS expertId, d.action_id AS actionId, a.code AS actionCode, d.role, d.start_date AS startDate,
       d.end_date AS endDate, d.rating
     FROM (SELECT value AS id FROM json_each(?)) x CROSS JOIN deployments d ON d.expert_id = x.id JOIN actions a ON a.id = d.action_id
     ORDER BY d.start_date DESC, d.id`,
  ).all(ids(expertIds)) as Omit<DeploymentFact, 'countries'>[];
  const countries = listsOf(db, 'action_countries', 'action_id', 'country', [...new Set(rows.map((r) => r.actionId))]);
  return rows.map((r) => ({ ...r, countries: countries.get(r.actionId) ?? [] }));
}

/** Ids of the deployments linking these experts to these Actions (for a shared bundle). */
export function deploymentIdsBetween(db: Db, expertIds: readonly string[], actionIds: readonly string[]): string[] {
  return stmt(
    db,
    `SELECT id FROM deployments WHERE expert_id IN (SELECT value FROM json_each(?)) AND action_id IN (SELECT value FROM json_each(?))
     ORDER BY start_date, id`,
  )
    .pluck()
    .all(ids(expertIds), ids(actionIds)) as string[];
}

/** How many documents of the search index hold this folded word (the most of any column). */
export function documentFrequency(db: Db, word: string): number {
  return (stmt(db, 'SELECT max(doc) FROM search_vocab WHERE term = ?').pluck().get(word) as number | null) ?? 0;
}
