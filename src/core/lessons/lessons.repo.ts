// SQL for lessons, and only SQL.
import type { Page, ParsedInput } from '../../shared/api';
import type { LessonData } from '../../shared/schemas';
import type { Db } from '../db/open';
import { readValues, stmt, Where, writeChildren, type ChildList } from '../db/sql';
import { foldText } from '../search/fold';

export const LESSON_LISTS = {
  actions: { table: 'lesson_actions', owner: 'lesson_id', columns: ['action_id'] },
  topics: { table: 'lesson_topics', owner: 'lesson_id', columns: ['topic'] },
  countries: { table: 'lesson_countries', owner: 'lesson_id', columns: ['country'] },
  dacCriteria: { table: 'lesson_dac_criteria', owner: 'lesson_id', columns: ['criterion'] },
} as const satisfies Record<string, ChildList>;

export interface LessonRow {
  id: string;
  title: string;
  context: string | null;
  lesson: string | null;
  recommendation: string | null;
  polarity: string;
  stage: string | null;
  evidence: string | null;
  review_status: string;
  language: string;
  author: string | null;
  recorded_on: string | null;
  created_at: string;
  updated_at: string;
}

export function saveLessonRow(db: Db, id: string, l: LessonData, createdAt: string, updatedAt: string): void {
  stmt(
    db,
    `INSERT INTO lessons (id, title, context, lesson, recommendation, polarity, stage, evidence, review_status, language, author, recorded_on, sort_title, created_at, updated_at)
     VALUES (@id, @title, @context, @lesson, @recommendation, @polarity, @stage, @evidence, @reviewStatus, @language, @author, @recordedOn, @sortTitle, @createdAt, @updatedAt)
     ON CONFLICT(id) DO UPDATE SET title = excluded.title, context = excluded.context, lesson = excluded.lesson,
       recommendation = excluded.recommendation, polarity = excluded.polarity, stage = excluded.stage, evidence = excluded.evidence,
       review_status = excluded.review_status, language = excluded.language, author = excluded.author,
       recorded_on = excluded.recorded_on, sort_title = excluded.sort_title, updated_at = excluded.updated_at`,
  ).run({ ...l, id, createdAt, updatedAt, sortTitle: foldText(l.title) });
  for (const key of Object.keys(LESSON_LISTS) as (keyof typeof LESSON_LISTS)[]) {
    writeChildren(db, LESSON_LISTS[key], id, (l[key] as string[]).map((v) => [v]));
  }
}

export function getLessonRow(db: Db, id: string): LessonRow | undefined {
  return stmt(db, 'SELECT * FROM lessons WHERE id = ?').get(id) as LessonRow | undefined;
}

export function readLessonLists(db: Db, id: string) {
  return {
    actions: readValues(db, LESSON_LISTS.actions, id),
    topics: readValues(db, LESSON_LISTS.topics, id),
    countries: readValues(db, LESSON_LISTS.countries, id),
    dacCriteria: readValues(db, LESSON_LISTS.dacCriteria, id),
  };
}

export function deleteLessonRow(db: Db, id: string): void {
  stmt(db, 'DELETE FROM lessons WHERE id = ?').run(id);
}

export function lessonIdsOfAction(db: Db, actionId: string): string[] {
  return stmt(db, 'SELECT lesson_id FROM lesson_actions WHERE action_id = ?').pluck().all(actionId) as string[];
}

const LESSON_SORT = {
  recordedOn: 'l.recorded_on',
  title: 'l.sort_title',
  updatedAt: 'l.updated_at',
} as const;

/** A lesson's topics and countries default to its Actions' when it has none of its own. */
export function listLessonRows(db: Db, q: ParsedInput<'listLessons'>, regions: string[] | undefined): Page<string> {
  const viaActions = (cond: string) =>
    `EXISTS (SELECT 1 FROM lesson_actions la JOIN actions a ON a.id = la.action_id WHERE la.lesson_id = l.id AND ${cond})`;
  const ownOrInherited = (own: string, ownCol: string, inherited: string) => (p: string) =>
    `(EXISTS (SELECT 1 FROM ${own} x WHERE x.lesson_id = l.id AND x.${ownCol} IN (${p})) OR (NOT EXISTS (SELECT 1 FROM ${own} y WHERE y.lesson_id = l.id) AND ${viaActions(inherited.replaceAll('%', p))}))`;
  const where = new Where()
    .addIf(q.actionId !== undefined, 'EXISTS (SELECT 1 FROM lesson_actions la WHERE la.lesson_id = l.id AND la.action_id = ?)', q.actionId)
    .in((p) => `l.polarity IN (${p})`, q.polarity)
    .in((p) => `l.stage IN (${p})`, q.stage)
    .in((p) => `l.review_status IN (${p})`, q.reviewStatus)
    .in((p) => `l.language IN (${p})`, q.language)
    .in((p) => viaActions(`a.domain IN (${p})`), q.domain)
    .in(ownOrInherited('lesson_topics', 'topic', 'EXISTS (SELECT 1 FROM action_topics t WHERE t.action_id = a.id AND t.topic IN (%))'), q.topic, 2)
    .in(
      ownOrInherited('lesson_countries', 'country', 'EXISTS (SELECT 1 FROM action_countries c WHERE c.action_id = a.id AND c.country IN (%))'),
      q.country,
      2,
    )
    .in(
      (p) =>
        `(EXISTS (SELECT 1 FROM lesson_countries lc JOIN countries k ON k.code = lc.country WHERE lc.lesson_id = l.id AND k.region IN (${p})) OR ${viaActions(`EXISTS (SELECT 1 FROM action_countries c JOIN countries k ON k.code = c.country WHERE c.action_id = a.id AND k.region IN (${p}))`)})`,
      regions,
      2,
    )
    .addIf(q.yearFrom !== undefined, 'l.recorded_year >= ?', q.yearFrom)
    .addIf(q.yearTo !== undefined, 'l.recorded_year <= ?', q.yearTo);
  const total = stmt(db, `SELECT count(*) FROM lessons l ${where}`).pluck().get(...where.params) as number;
  const order = q.order ?? (q.sort === 'title' ? 'asc' : 'desc');
  const ids = stmt(db, `SELECT l.id FROM lessons l ${where} ORDER BY ${LESSON_SORT[q.sort]} ${order}, l.sort_title, l.id LIMIT ? OFFSET ?`)
    .pluck()
    .all(...where.params, q.pageSize, (q.page - 1) * q.pageSize) as string[];
  return { total, page: q.page, pageSize: q.pageSize, items: ids };
}

/** Lessons with this title (case-insensitive): a lesson's natural key when a file gives no id. */
export function findLessonIdsByTitle(db: Db, title: string): string[] {
  return stmt(db, 'SELECT id FROM lessons WHERE title = ? COLLATE NOCASE').pluck().all(title.trim()) as string[];
}
