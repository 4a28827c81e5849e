// Sharing bundles between colleagues: a selection exported as a `.mieux-kb.json` document with a
// `sync` part, and its import merged by id. Per record: the newer `updatedAt` wins; a record both
// sides changed since they last exchanged it is a conflict, listed for the user and left alone
// until they choose; deletions travel as tombstones and an older copy never brings a deleted
// record back. The records chosen are then written by the exchange import, in the same
// transaction, so references, validation and the report are the ones a plain import has.
import type { BundleConflict, BundleReport, ParsedInput } from '../../shared/api';
import type { ExchangeFile, SyncInfo, Tombstone } from '../../shared/schemas';
import { listActionRows } from '../actions/actions.repo';
import type { Db } from '../db/open';
import { listDeploymentRows } from '../deployments/deployments.repo';
import { isHidden } from '../experts/experts.service';
import { listLessonRows } from '../lessons/lessons.repo';
import { sameData } from '../records/entity';
import { expandRegions } from '../reference/reference.repo';
import { importExchange, type Stores } from './exchange';
import { allTombstones, clearTombstone, exchangedVersion, markExchanged, originId, recordTombstone, tombstoneOf } from './sync.repo';

type Kind = Tombstone['type'];
const COLLECTIONS: { kind: Kind; key: 'actions' | 'lessons' | 'experts' | 'deployments' }[] = [
  { kind: 'action', key: 'actions' },
  { kind: 'lesson', key: 'lessons' },
  { kind: 'expert', key: 'experts' },
  { kind: 'deployment', key: 'deployments' },
];
export type Resolution = { id: string; keep: 'local' | 'incoming' };

class DryRunRollback extends Error {}

const ALL = { page: 1, pageSize: Number.MAX_SAFE_INTEGER } as const;

function label(kind: Kind, r: Record<string, unknown>): string {
  if (kind === 'action') return String(r.code ?? r.titleEn ?? r.id);
  if (kind === 'lesson') return String(r.title ?? r.id);
  if (kind === 'expert') return `${String(r.givenName ?? '')} ${String(r.familyName ?? '')}`.trim() || String(r.id);
  return String(r.id);
}

/** Every field the bundle carries has the value the local record has (fields it lacks say nothing). */
function sameContent(incoming: Record<string, unknown>, local: object): boolean {
  const mine = local as Record<string, unknown>;
  return Object.keys(incoming).every((k) => sameData({ v: incoming[k] }, { v: mine[k] }));
}

/**
 * The Actions a list filter selects, with their lessons, their deployments and the (visible)
 * experts deployed; marked as exchanged at their current versions.
 */
export function exportBundle(db: Db, stores: Stores, filters: ParsedInput<'exportBundle'>['filters']): ExchangeFile & { sync: SyncInfo } {
  const q = { ...ALL, sort: 'startDate', order: 'asc', ...(filters ?? {}) } as Parameters<typeof listActionRows>[1];
  const actionIds = listActionRows(db, q, expandRegions(q.region)).items.map((a) => a.id);
  const lessonIds = new Set<string>();
  const deploymentIds = new Set<string>();
  for (const actionId of actionIds) {
    const lq = { ...ALL, sort: 'recordedOn', actionId } as Parameters<typeof listLessonRows>[1];
    for (const id of listLessonRows(db, lq, undefined).items) lessonIds.add(id);
    const dq = { ...ALL, sort: 'startDate', actionId } as Parameters<typeof listDeploymentRows>[1];
    for (const d of listDeploymentRows(db, dq, undefined).items) deploymentIds.add(d.id);
  }
  const deployments = [...deploymentIds].map((id) => {
    const { expertName: _n, actionCode: _c, actionTitle: _t, ...d } = stores.deployment.get(id);
    return d;
  });
  const experts = [...new Set(deployments.map((d) => d.expert as string))].map((id) => stores.expert.get(id)).filter((e) => !isHidden(e));
  const visible = new Set(experts.map((e) => e.id as string));
  const doc = {
    format: 'mieux-kb' as const,
    version: 1 as const,
    exportedAt: new Date().toISOString(),
    actions: actionIds.map((id) => {
      const { regions: _regions, ...a } = stores.action.get(id);
      return a;
    }),
    lessons: [...lessonIds].map((id) => stores.lesson.get(id)),
    experts,
    deployments: deployments.filter((d) => visible.has(d.expert as string)),
    sync: { origin: originId(db), tombstones: allTombstones(db) },
  };
  db.transaction(() => {
    for (const { key } of COLLECTIONS) for (const r of doc[key] as { id: string; updatedAt: string }[]) markExchanged(db, r.id, r.updatedAt);
  })();
  return doc;
}

/** Merges a bundle (a document with `sync`); see the file comment for the rules. */
export function importBundle(db: Db, stores: Stores, document: Record<string, unknown> & { sync: SyncInfo }, dryRun: boolean, resolutions: readonly Resolution[]): BundleReport {
  const keep = new Map(resolutions.map((r) => [r.id, r.keep]));
  const conflicts: BundleConflict[] = [];
  let kept = 0;
  let deleted = 0;
  let alreadyDeleted = 0;
  const run = (): BundleReport => {
    const chosen: Record<string, unknown[]> = {};
    const exchangedAfter: [string, string][] = [];
    for (const { kind, key } of COLLECTIONS) {
      const records = Array.isArray(document[key]) ? (document[key] as unknown[]) : [];
      chosen[key] = records.filter((raw) => {
        const r = raw as Record<string, unknown>;
        if (typeof r?.id !== 'string') return true;
        const id = r.id;
        const incoming = typeof r.updatedAt === 'string' ? r.updatedAt : '';
        const local = stores[kind].def.read(db, id) as { updatedAt: string } | undefined;
        if (!local) {
          const gone = tombstoneOf(db, id);
          if (gone && gone >= incoming) {
            alreadyDeleted++;
            return false;
          }
          if (gone) clearTombstone(db, id);
          exchangedAfter.push([id, incoming]);
          return true;
        }
        const base = exchangedVersion(db, id);
        const newer = incoming > local.updatedAt ? incoming : local.updatedAt;
        // Versions are millisecond times: two laptops can save the same record in the same one.
        // The same time is the same version only when the content agrees too; else both changed.
        const sameTime = incoming === local.updatedAt;
        if (sameTime && sameContent(r, local)) {
          exchangedAfter.push([id, newer]);
          return true;
        }
        const changedThere = sameTime || base === undefined || incoming > base;
        const changedHere = sameTime || base === undefined || local.updatedAt > base;
        let take: boolean;
        if ((base !== undefined || sameTime) && changedThere && changedHere) {
          const choice = keep.get(id);
          if (!choice) {
            conflicts.push({ type: kind, id, label: label(kind, r), reason: 'both_changed', localUpdatedAt: local.updatedAt, incomingUpdatedAt: incoming });
            return false;
          }
          take = choice === 'incoming';
        } else {
          take = base === undefined ? incoming > local.updatedAt : changedThere;
        }
        exchangedAfter.push([id, newer]);
        if (!take) kept++;
        return take;
      });
    }
    for (const t of document.sync.tombstones) {
      const local = stores[t.type].def.read(db, t.id) as { updatedAt: string } | undefined;
      if (local) {
        const base = exchangedVersion(db, t.id);
        const changedHere = base === undefined ? local.updatedAt > t.deletedAt : local.updatedAt > base;
        if (changedHere && keep.get(t.id) !== 'incoming') {
          if (keep.get(t.id) !== 'local') {
            conflicts.push({ type: t.type, id: t.id, label: label(t.type, local as Record<string, unknown>), reason: 'deleted_there_changed_here', localUpdatedAt: local.updatedAt, incomingUpdatedAt: t.deletedAt });
          }
          continue;
        }
        stores[t.type].delete(t.id);
        deleted++;
      }
      recordTombstone(db, t.type, t.id, t.deletedAt);
    }
    // Erasures run after the merge, in their own transaction: purging freed data needs a VACUUM.
    const { sync: _sync, erasures: _erasures, ...plain } = document;
    const report = importExchange(db, stores, { ...plain, ...chosen }, false);
    // Rejection paths point into the bundle as the user has it, not into the chosen subset.
    report.rejections = report.rejections.map((r) => {
      const m = r.path && /^(actions|lessons|experts|deployments)\[(\d+)\]/.exec(r.path);
      if (!m) return r;
      const original = (document[m[1]!] as unknown[]).indexOf(chosen[m[1]!]![Number(m[2])]);
      return { ...r, path: `${m[1]}[${original}]${r.path!.slice(m[0].length)}` };
    });
    for (const [id, version] of exchangedAfter) if (version) markExchanged(db, id, version);
    return { ...report, dryRun, sync: { origin: document.sync.origin, conflicts, kept, deleted, alreadyDeleted } };
  };
  let result: BundleReport | undefined;
  try {
    db.transaction(() => {
      result = run();
      if (dryRun) throw new DryRunRollback();
    })();
  } catch (e) {
    if (!(e instanceof DryRunRollback)) throw e;
  }
  const report = result!;
  if (!dryRun && Array.isArray(document.erasures) && document.erasures.length) {
    const erased = importExchange(db, stores, { format: 'mieux-kb', version: 1, erasures: document.erasures }, false);
    report.rejections.push(...erased.rejections);
    if (erased.erasuresApplied !== undefined) report.erasuresApplied = erased.erasuresApplied;
  }
  return report;
}
