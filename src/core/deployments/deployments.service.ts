import type { Issue } from '../../shared/api';
import { DEPLOYMENT_DEFAULTS, DeploymentData, type Deployment } from '../../shared/schemas';
import { lookupAction } from '../actions/actions.service';
import type { Db } from '../db/open';
import { lookupExpert } from '../experts/experts.service';
import type { EntityDef } from '../records/entity';
import { resolveRefs } from '../records/refs';
import { deleteDeploymentRow, findDeploymentIds, getDeploymentRow, saveDeploymentRow, type DeploymentRow } from './deployments.repo';

export function deploymentFromRow(r: DeploymentRow): Deployment {
  return {
    id: r.id,
    expert: r.expert_id,
    action: r.action_id,
    role: r.role as Deployment['role'],
    activityType: r.activity_type as Deployment['activityType'],
    startDate: r.start_date,
    endDate: r.end_date,
    days: r.days,
    location: r.location,
    feedback: r.feedback,
    rating: r.rating,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    expertName: r.expert_name,
    actionCode: r.action_code,
    actionTitle: r.action_title,
  };
}

export function readDeployment(db: Db, id: string): Deployment | undefined {
  const r = getDeploymentRow(db, id);
  return r ? deploymentFromRow(r) : undefined;
}

export function deploymentDef(): EntityDef<DeploymentData, Deployment> {
  return {
    name: 'deployment',
    schema: DeploymentData,
    defaults: DEPLOYMENT_DEFAULTS,
    naturalKeyOverridesId: false,
    read: readDeployment,
    matchNatural(db, data) {
      const expert = data.expert ? lookupExpert(db, data.expert) : [];
      const action = data.action ? lookupAction(db, data.action) : [];
      if (expert.length !== 1 || action.length !== 1) return [];
      return findDeploymentIds(db, expert[0]!, action[0]!, data.activityType ?? DEPLOYMENT_DEFAULTS.activityType, data.startDate ?? null);
    },
    resolve(db, data) {
      const issues: Issue[] = [];
      const [expert] = resolveRefs([data.expert], ['expert'], 'expert', (r) => lookupExpert(db, r), issues);
      const [action] = resolveRefs([data.action], ['action'], 'Action', (r) => lookupAction(db, r), issues);
      return { data: { ...data, expert: expert ?? data.expert, action: action ?? data.action }, issues: issues.map(dropIndex) };
    },
    checkCodes: () => [],
    save: saveDeploymentRow,
    remove: deleteDeploymentRow,
    reindex: () => undefined,
  };
}

/** `expert[0]` reads oddly for a single reference: report it as `expert`. */
const dropIndex = (i: Issue): Issue => ({ ...i, path: i.path.replace(/\[0\]$/, '') });
