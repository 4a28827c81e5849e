// SQL for the preparation brief, and only SQL. Scoring a brief looks at thousands of records, so
// the facts it scores on (no long texts) are read whole, table by table, into the in-memory
// BriefIndex (brief-index.ts); only the few records a brief shows are read again for their texts.
import type { Db } from '../db/open';
import { stmt } from '../db/sql';

const ids = (list: readonly string[]) => JSON.stringify(list);

/** Every owner's child list, in stored order. Names are code constants. */
function allListsOf(db: Db, table: string, owner: string, value: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const rows = stmt(db, `SELECT ${owner}, ${value} FROM ${table} ORDER BY ${owner}, position`).raw().all() as [string, string][];
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

/** The facts of every record the brief scores on; hidden experts and retired lessons included (pins may name them). */
export function loadBriefRecords(db: Db): { actions: ActionCandidate[]; lessons: LessonCandidate[]; experts: ExpertCandidate[]; deployments: DeploymentFact[] } {
  const actionTopics = allListsOf(db, 'action_topics', 'action_id', 'topic');
  const actionCountries = allListsOf(db, 'action_countries', 'action_id', 'country');
  const actions = (
    stmt(db, 'SELECT id, code, title_en, title_fr, status, start_date, end_date, domain, region FROM actions').raw().all() as [string, string, string | null, string | null, string, string | null, string | null, string, string | null][]
  ).map(([id, code, titleEn, titleFr, status, startDate, endDate, domain, region]): ActionCandidate => ({
    id,
    code,
    titleEn,
    titleFr,
    status,
    startDate,
    endDate,
    domain,
    region,
    topics: actionTopics.get(id) ?? [],
    countries: actionCountries.get(id) ?? [],
  }));

  const lessonTopics = allListsOf(db, 'lesson_topics', 'lesson_id', 'topic');
  const lessonCountries = allListsOf(db, 'lesson_countries', 'lesson_id', 'country');
  const lessonActions = allListsOf(db, 'lesson_actions', 'lesson_id', 'action_id');
  const lessons = (
    stmt(db, `SELECT id, title, polarity, review_status, stage, evidence, language, recorded_on, coalesce(length(trim(recommendation)), 0) > 0 FROM lessons`)
      .raw()
      .all() as [string, string, string, string, string | null, string | null, string, string | null, number][]
  ).map(([id, title, polarity, reviewStatus, stage, evidence, language, recordedOn, hasRecommendation]): LessonCandidate => ({
    id,
    title,
    polarity,
    reviewStatus,
    stage,
    evidence,
    language,
    recordedOn,
    hasRecommendation: hasRecommendation === 1,
    topics: lessonTopics.get(id) ?? [],
    countries: lessonCountries.get(id) ?? [],
    actions: lessonActions.get(id) ?? [],
  }));

  const expertTopics = allListsOf(db, 'expert_topics', 'expert_id', 'topic');
  const expertLanguages = allListsOf(db, 'expert_languages', 'expert_id', "code || ':' || level");
  const experts = (
    stmt(
      db,
      `SELECT id, given_name, family_name, email, member_state, institution, position, availability, availability_note, roster_status,
         last_confirmed_on, restricted, consent_withdrawn_on FROM experts`,
    )
      .raw()
      .all() as [string, string, string, string | null, string | null, string | null, string | null, string, string | null, string, string | null, number, string | null][]
  ).map(([id, givenName, familyName, email, memberState, institution, position, availability, availabilityNote, rosterStatus, lastConfirmedOn, restricted, withdrawnOn]): ExpertCandidate => ({
    id,
    givenName,
    familyName,
    email,
    memberState,
    institution,
    position,
    availability,
    availabilityNote,
    rosterStatus,
    lastConfirmedOn,
    restricted: restricted === 1,
    withdrawnOn,
    topics: expertTopics.get(id) ?? [],
    languages: (expertLanguages.get(id) ?? []).map((s) => {
      const [code, level] = s.split(':');
      return { code: code!, level: level! };
    }),
  }));

  const deployments = (
    stmt(
      db,
      `SELECT d.id, d.expert_id AS expertId, d.action_id AS actionId, a.code AS actionCode, d.role, d.start_date AS startDate, d.end_date AS endDate, d.rating
       FROM deployments d JOIN actions a ON a.id = d.action_id ORDER BY d.start_date DESC, d.id`,
    ).all() as Omit<DeploymentFact, 'countries'>[]
  ).map((d): DeploymentFact => ({ ...d, countries: actionCountries.get(d.actionId) ?? [] }));

  return { actions, lessons, experts, deployments };
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
