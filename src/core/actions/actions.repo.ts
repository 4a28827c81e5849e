// SQL for Actions, and only SQL.
import type { Page, ParsedInput } from '../../shared/api';
import type { ActionData, ActionSummary } from '../../shared/schemas';
import type { Db } from '../db/open';
import { readValues, stmt, Where, writeChildren, type ChildList } from '../db/sql';
import { foldText } from '../search/fold';

export const ACTION_LISTS = {
  aliases: { table: 'action_aliases', owner: 'action_id', columns: ['alias'] },
  countries: { table: 'action_countries', owner: 'action_id', columns: ['country'] },
  topics: { table: 'action_topics', owner: 'action_id', columns: ['topic'] },
  impactAxes: { table: 'action_impact_axes', owner: 'action_id', columns: ['axis'] },
  partners: { table: 'action_partners', owner: 'action_id', columns: ['name'] },
  expertCountries: { table: 'action_expert_countries', owner: 'action_id', columns: ['country'] },
  relatedActions: { table: 'action_relations', owner: 'action_id', columns: ['related_id'] },
} as const satisfies Record<string, ChildList>;

export interface ActionRow {
  id: string;
  code: string;
  title_en: string | null;
  title_fr: string | null;
  language: string;
  status: string;
  start_date: string | null;
  end_date: string | null;
  domain: string;
  region: string | null;
  summary: string | null;
  objectives: string | null;
  activities: string | null;
  results: string | null;
  public_url: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

/** Writes the row and its lists; `relatedActions` must already be resolved to ids. */
export function saveActionRow(db: Db, id: string, a: ActionData, createdAt: string, updatedAt: string): void {
  stmt(
    db,
    `INSERT INTO actions (id, code, title_en, title_fr, language, status, start_date, end_date, domain, region,
       summary, objectives, activities, results, public_url, notes, sort_code, sort_title, created_at, updated_at)
     VALUES (@id, @code, @titleEn, @titleFr, @language, @status, @startDate, @endDate, @domain, @region,
       @summary, @objectives, @activities, @results, @publicUrl, @notes, @sortCode, @sortTitle, @createdAt, @updatedAt)
     ON CONFLICT(id) DO UPDATE SET code = excluded.code, title_en = excluded.title_en, title_fr = excluded.title_fr,
       language = excluded.language, status = excluded.status, start_date = excluded.start_date, end_date = excluded.end_date,
       domain = excluded.domain, region = excluded.region, summary = excluded.summary, objectives = excluded.objectives,
       activities = excluded.activities, results = excluded.results, public_url = excluded.public_url, notes = excluded.notes,
       sort_code = excluded.sort_code, sort_title = excluded.sort_title, updated_at = excluded.updated_at`,
  ).run({ ...a, id, createdAt, updatedAt, sortCode: foldText(a.code), sortTitle: foldText(a.titleEn ?? a.titleFr ?? a.code) });
  for (const key of Object.keys(ACTION_LISTS) as (keyof typeof ACTION_LISTS)[]) {
    writeChildren(db, ACTION_LISTS[key], id, (a[key] as string[]).map((v) => [v]));
  }
}

export function getActionRow(db: Db, id: string): ActionRow | undefined {
  return stmt(db, 'SELECT * FROM actions WHERE id = ?').get(id) as ActionRow | undefined;
}

export function readActionLists(db: Db, id: string) {
  const read = (k: keyof typeof ACTION_LISTS) => readValues(db, ACTION_LISTS[k], id);
  return {
    aliases: read('aliases'),
    countries: read('countries'),
    topics: read('topics'),
    impactAxes: read('impactAxes'),
    partners: read('partners'),
    expertCountries: read('expertCountries'),
    relatedActions: read('relatedActions'),
  };
}

export function deleteActionRow(db: Db, id: string): boolean {
  return stmt(db, 'DELETE FROM actions WHERE id = ?').run(id).changes > 0;
}

export function actionExists(db: Db, id: string): boolean {
  return stmt(db, 'SELECT 1 FROM actions WHERE id = ?').get(id) !== undefined;
}

/** Actions whose code, else whose alias, is `code` (case-insensitive). */
export function findActionIdsByCode(db: Db, code: string): string[] {
  const byCode = stmt(db, 'SELECT id FROM actions WHERE code = ? COLLATE NOCASE').pluck().all(code) as string[];
  if (byCode.length) return byCode;
  return stmt(db, 'SELECT DISTINCT action_id FROM action_aliases WHERE alias = ? COLLATE NOCASE').pluck().all(code) as string[];
}

/** Actions that follow this one (the reverse of relatedActions). */
export function followUpIds(db: Db, id: string): string[] {
  return stmt(db, 'SELECT action_id FROM action_relations WHERE related_id = ?').pluck().all(id) as string[];
}

const ACTION_SORT = {
  startDate: 'a.start_date IS NULL, a.start_date',
  code: 'a.sort_code',
  title: 'a.sort_title',
  updatedAt: 'a.updated_at',
} as const;

/** The filter clause shared by the list and by anything counting Actions the same way. */
export function actionWhere(q: Omit<ParsedInput<'listActions'>, 'page' | 'pageSize' | 'sort' | 'order'>, regions: string[] | undefined): Where {
  return new Where()
    .in((p) => `a.domain IN (${p})`, q.domain)
    .in((p) => `a.status IN (${p})`, q.status)
    .in((p) => `a.language IN (${p})`, q.language)
    .in((p) => `EXISTS (SELECT 1 FROM action_topics t WHERE t.action_id = a.id AND t.topic IN (${p}))`, q.topic)
    .in((p) => `EXISTS (SELECT 1 FROM action_countries c WHERE c.action_id = a.id AND c.country IN (${p}))`, q.country)
    .in(
      (p) =>
        `(a.region IN (${p}) OR EXISTS (SELECT 1 FROM action_countries c JOIN countries k ON k.code = c.country WHERE c.action_id = a.id AND k.region IN (${p})))`,
      regions,
      2,
    )
    .addIf(q.yearTo !== undefined, 'a.start_year <= ?', q.yearTo)
    .addIf(q.yearFrom !== undefined, 'a.end_year >= ?', q.yearFrom);
}

export function listActionRows(db: Db, q: ParsedInput<'listActions'>, regions: string[] | undefined): Page<ActionSummary> {
  const where = actionWhere(q, regions);
  const total = (stmt(db, `SELECT count(*) FROM actions a ${where}`).pluck().get(...where.params) as number) ?? 0;
  const order = q.order ?? (q.sort === 'startDate' || q.sort === 'updatedAt' ? 'desc' : 'asc');
  const sortSql = ACTION_SORT[q.sort]
    .split(', ')
    .map((c) => (c.endsWith('IS NULL') ? c : `${c} ${order}`))
    .join(', ');
  const rows = stmt(
    db,
    `SELECT a.id, a.code, a.title_en, a.title_fr, a.language, a.status, a.start_date, a.end_date, a.domain, a.region, a.updated_at
     FROM actions a ${where} ORDER BY ${sortSql}, a.sort_code, a.id LIMIT ? OFFSET ?`,
  ).all(...where.params, q.pageSize, (q.page - 1) * q.pageSize) as ActionRow[];
  return {
    total,
    page: q.page,
    pageSize: q.pageSize,
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      titleEn: r.title_en,
      titleFr: r.title_fr,
      language: r.language as ActionSummary['language'],
      status: r.status as ActionSummary['status'],
      startDate: r.start_date,
      endDate: r.end_date,
      domain: r.domain as ActionSummary['domain'],
      topics: readValues(db, ACTION_LISTS.topics, r.id) as ActionSummary['topics'],
      countries: readValues(db, ACTION_LISTS.countries, r.id),
      regions: r.region ? [r.region] : [],
      updatedAt: r.updated_at,
    })),
  };
}
