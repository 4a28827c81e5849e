// SQL for deployments, and only SQL.
import type { Page, ParsedInput } from '../../shared/api';
import type { DeploymentData } from '../../shared/schemas';
import type { Db } from '../db/open';
import { stmt, Where } from '../db/sql';

export interface DeploymentRow {
  id: string;
  expert_id: string;
  action_id: string;
  role: string;
  activity_type: string;
  start_date: string | null;
  end_date: string | null;
  days: number | null;
  location: string | null;
  feedback: string | null;
  rating: number | null;
  created_at: string;
  updated_at: string;
  expert_name: string;
  action_code: string;
  action_title: string;
}

/** `expert` and `action` must already be resolved to ids. */
export function saveDeploymentRow(db: Db, id: string, d: DeploymentData, createdAt: string, updatedAt: string): void {
  stmt(
    db,
    `INSERT INTO deployments (id, expert_id, action_id, role, activity_type, start_date, end_date, days, location, feedback, rating, created_at, updated_at)
     VALUES (@id, @expert, @action, @role, @activityType, @startDate, @endDate, @days, @location, @feedback, @rating, @createdAt, @updatedAt)
     ON CONFLICT(id) DO UPDATE SET expert_id = excluded.expert_id, action_id = excluded.action_id, role = excluded.role,
       activity_type = excluded.activity_type, start_date = excluded.start_date, end_date = excluded.end_date, days = excluded.days,
       location = excluded.location, feedback = excluded.feedback, rating = excluded.rating, updated_at = excluded.updated_at`,
  ).run({ ...d, id, createdAt, updatedAt });
}

const SELECT = `SELECT d.*, e.given_name || ' ' || e.family_name AS expert_name, a.code AS action_code,
  coalesce(a.title_en, a.title_fr) AS action_title
  FROM deployments d JOIN experts e ON e.id = d.expert_id JOIN actions a ON a.id = d.action_id`;

export function getDeploymentRow(db: Db, id: string): DeploymentRow | undefined {
  return stmt(db, `${SELECT} WHERE d.id = ?`).get(id) as DeploymentRow | undefined;
}

export function deleteDeploymentRow(db: Db, id: string): void {
  stmt(db, 'DELETE FROM deployments WHERE id = ?').run(id);
}

/** Deployments of hidden experts (restricted, consent withdrawn) are not listed. */
export function listDeploymentRows(db: Db, q: ParsedInput<'listDeployments'>, regions: string[] | undefined): Page<DeploymentRow> {
  const where = new Where()
    .add('e.restricted = 0 AND e.consent_withdrawn_on IS NULL')
    .addIf(q.actionId !== undefined, 'd.action_id = ?', q.actionId)
    .addIf(q.expertId !== undefined, 'd.expert_id = ?', q.expertId)
    .in((p) => `d.role IN (${p})`, q.role)
    .in((p) => `a.domain IN (${p})`, q.domain)
    .in((p) => `EXISTS (SELECT 1 FROM action_topics t WHERE t.action_id = a.id AND t.topic IN (${p}))`, q.topic)
    .in((p) => `EXISTS (SELECT 1 FROM action_countries c WHERE c.action_id = a.id AND c.country IN (${p}))`, q.country)
    .in((p) => `EXISTS (SELECT 1 FROM action_countries c JOIN countries k ON k.code = c.country WHERE c.action_id = a.id AND k.region IN (${p}))`, regions)
    .addIf(q.yearFrom !== undefined, 'd.start_year >= ?', q.yearFrom)
    .addIf(q.yearTo !== undefined, 'd.start_year <= ?', q.yearTo);
  const from = 'FROM deployments d JOIN experts e ON e.id = d.expert_id JOIN actions a ON a.id = d.action_id';
  const total = stmt(db, `SELECT count(*) ${from} ${where}`).pluck().get(...where.params) as number;
  const order = q.order ?? 'desc';
  const col = q.sort === 'startDate' ? 'd.start_date' : 'd.updated_at';
  const items = stmt(db, `${SELECT} ${where} ORDER BY ${col} ${order}, d.id LIMIT ? OFFSET ?`).all(
    ...where.params,
    q.pageSize,
    (q.page - 1) * q.pageSize,
  ) as DeploymentRow[];
  return { total, page: q.page, pageSize: q.pageSize, items };
}

/** The same expert on the same Action for the same activity and start: a deployment's natural key. */
export function findDeploymentIds(db: Db, expertId: string, actionId: string, activityType: string, startDate: string | null): string[] {
  return stmt(db, 'SELECT id FROM deployments WHERE expert_id = ? AND action_id = ? AND activity_type = ? AND start_date IS ?')
    .pluck()
    .all(expertId, actionId, activityType, startDate) as string[];
}
