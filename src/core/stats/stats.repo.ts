// The leaflet's figures, computed from the data (never typed in).
import type { Stats } from '../../shared/api';
import type { Db } from '../db/open';
import { stmt } from '../db/sql';

const count = (db: Db, sql: string) => stmt(db, sql).pluck().get() as number;
const groups = (db: Db, sql: string): Record<string, number> =>
  Object.fromEntries((stmt(db, sql).raw().all() as [string, number][]).map(([k, n]) => [String(k), n]));

const VISIBLE = 'e.restricted = 0 AND e.consent_withdrawn_on IS NULL';

export function computeStats(db: Db): Stats {
  return {
    actions: count(db, 'SELECT count(*) FROM actions'),
    lessons: count(db, 'SELECT count(*) FROM lessons'),
    experts: count(db, `SELECT count(*) FROM experts e WHERE ${VISIBLE}`),
    deployments: count(db, 'SELECT count(*) FROM deployments'),
    expertsDeployed: count(db, 'SELECT count(DISTINCT expert_id) FROM deployments'),
    euOfficials: count(
      db,
      `SELECT count(DISTINCT d.expert_id) FROM deployments d JOIN experts e ON e.id = d.expert_id JOIN countries k ON k.code = e.member_state
       WHERE k.eu_member = 1 AND e.sector IN ('public_administration', 'eu_agency')`,
    ),
    memberStates: count(
      db,
      'SELECT count(DISTINCT e.member_state) FROM deployments d JOIN experts e ON e.id = d.expert_id JOIN countries k ON k.code = e.member_state WHERE k.eu_member = 1',
    ),
    countries: count(db, 'SELECT count(DISTINCT country) FROM action_countries'),
    regions: count(
      db,
      'SELECT count(DISTINCT k.region) FROM action_countries c JOIN countries k ON k.code = c.country WHERE k.region IS NOT NULL',
    ),
    actionsByDomain: groups(db, 'SELECT domain, count(*) FROM actions GROUP BY domain ORDER BY domain'),
    actionsByRegion: groups(
      db,
      `SELECT k.region, count(DISTINCT c.action_id) FROM action_countries c JOIN countries k ON k.code = c.country
       WHERE k.region IS NOT NULL GROUP BY k.region ORDER BY k.region`,
    ),
    actionsByYear: groups(db, 'SELECT start_year, count(*) FROM actions WHERE start_year IS NOT NULL GROUP BY start_year ORDER BY start_year'),
    actionsByStatus: groups(db, 'SELECT status, count(*) FROM actions GROUP BY status ORDER BY status'),
  };
}
