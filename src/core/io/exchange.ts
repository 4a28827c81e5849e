// Exchange format v1 (.mieux-kb.json): import merges by id, else Action code or expert e-mail, in
// one transaction; each bad record is rejected alone with its JSON path; a dry run rolls back.
import type { z } from 'zod';
import { formatIssues, formatPath, type EntityCounts, type ImportReport, type Issue } from '../../shared/api';
import {
  ExchangeAction,
  ExchangeDeployment,
  ExchangeEnvelope,
  ExchangeExpert,
  ExchangeLesson,
  ErasureEntry,
  type ExchangeFile,
} from '../../shared/schemas';
import { lookupAction } from '../actions/actions.service';
import { appendAudit } from '../audit/audit';
import type { Db } from '../db/open';
import { allIds } from '../db/sql';
import { isHidden } from '../experts/experts.service';
import { addToLedger, applyLedger, matchesEntry, purgeFreedData, readLedger } from '../privacy/privacy';
import type { EntityStore, Outcome, Stamps } from '../records/entity';
import { KbFailure, invalidFailure } from '../util/errors';
import { importBundle } from './sync';

export interface Stores {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  action: EntityStore<any, any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  lesson: EntityStore<any, any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  expert: EntityStore<any, any>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  deployment: EntityStore<any, any>;
}

const zero = (): EntityCounts => ({ created: 0, updated: 0, unchanged: 0, rejected: 0 });
class DryRunRollback extends Error {}

export function importExchange(db: Db, stores: Stores, document: unknown, dryRun: boolean): ImportReport {
  const envelope = ExchangeEnvelope.safeParse(document);
  if (!envelope.success) throw invalidFailure(formatIssues(envelope.error));
  const doc = envelope.data;
  // A sharing bundle merges by id with conflicts (io/sync.ts); it comes back here without `sync`.
  if (doc.sync) return importBundle(db, stores, { ...(document as Record<string, unknown>), sync: doc.sync }, dryRun, []);
  const report: ImportReport = { dryRun, actions: zero(), lessons: zero(), experts: zero(), deployments: zero(), rejections: [] };

  const reject = (collection: string, index: number, issues: Issue[], counts: EntityCounts) => {
    counts.rejected++;
    for (const i of issues) {
      report.rejections.push({ path: i.path === '(root)' ? `${collection}[${index}]` : `${collection}[${index}].${i.path}`.replace('.[', '['), reason: i.message });
    }
  };

  /** Parses and writes one record in its own savepoint: a failure leaves nothing of it behind. */
  const apply = <S extends z.ZodType>(
    collection: string,
    index: number,
    raw: unknown,
    schema: S,
    counts: EntityCounts,
    write: (rec: z.output<S> & Partial<Stamps>) => Outcome,
  ): boolean => {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      reject(collection, index, formatIssues(parsed.error), counts);
      return false;
    }
    try {
      const outcome = db.transaction(() => write(parsed.data as z.output<S> & Partial<Stamps>))();
      counts[outcome]++;
      return true;
    } catch (e) {
      if (!(e instanceof KbFailure) || e.code === 'INTERNAL') throw e;
      reject(collection, index, e.issues ?? [{ path: '(root)', message: e.message }], counts);
      return false;
    }
  };

  const writeWith = (store: Stores[keyof Stores]) => (rec: Partial<Stamps> & Record<string, unknown>) => {
    const { id, createdAt, updatedAt, ...data } = rec;
    return store.write(data, { id, createdAt, updatedAt, matchNatural: true }).outcome;
  };

  const run = () => {
    // Erasures first: the bundle's ledger joins ours, people erased here or there are erased
    // locally and are not brought back by the records that follow.
    const entries = (doc.erasures ?? []).flatMap((raw, i) => {
      const parsed = ErasureEntry.safeParse(raw);
      if (parsed.success) return [parsed.data];
      for (const issue of formatIssues(parsed.error, ['erasures', i])) report.rejections.push({ path: issue.path, reason: issue.message });
      return [];
    });
    addToLedger(db, ...entries);
    report.erasuresApplied = applyLedger(db, new Date().toISOString().slice(0, 10));
    const ledger = readLedger(db);
    const erased = (rec: Record<string, unknown>) =>
      typeof rec.givenName === 'string' &&
      typeof rec.familyName === 'string' &&
      ledger.some((entry) => matchesEntry(entry, { givenName: rec.givenName as string, familyName: rec.familyName as string, email: typeof rec.email === 'string' ? rec.email : null }));

    const actions = doc.actions ?? [];
    // Relations may point forward in the file: write Actions first, then their relations.
    const fileRefs = new Set(
      actions.flatMap((a) => {
        const r = a as Record<string, unknown>;
        return [r.id, r.code, ...(Array.isArray(r.aliases) ? r.aliases : [])].filter((x): x is string => typeof x === 'string').map((s) => s.toLowerCase());
      }),
    );
    const written: { index: number; id: string; related: string[]; outcome: Outcome; updatedAt?: string }[] = [];
    actions.forEach((raw, i) => {
      apply('actions', i, raw, ExchangeAction, report.actions, (rec) => {
        const { relatedActions, ...rest } = rec;
        const missing = (relatedActions ?? []).flatMap((r: string, j: number) =>
          lookupAction(db, r).length || fileRefs.has(r.toLowerCase()) ? [] : [{ path: formatPath(['relatedActions', j]), message: `No Action with id or code "${r}"` }],
        );
        if (missing.length) throw invalidFailure(missing);
        const { id, createdAt, updatedAt, ...data } = rest;
        const { record, outcome } = stores.action.write(data, { id, createdAt, updatedAt, matchNatural: true });
        if (relatedActions) written.push({ index: i, id: record.id as string, related: relatedActions, outcome, updatedAt });
        return outcome;
      });
    });
    for (const w of written) {
      try {
        const { outcome } = db.transaction(() => stores.action.write({ relatedActions: w.related }, { id: w.id, mustExist: true, updatedAt: w.updatedAt }))();
        if (outcome === 'updated' && w.outcome === 'unchanged') {
          report.actions.unchanged--;
          report.actions.updated++;
        }
      } catch (e) {
        if (!(e instanceof KbFailure)) throw e;
        for (const i of e.issues ?? []) report.rejections.push({ path: `actions[${w.index}].${i.path}`, reason: `${i.message} (the Action was kept without this relation)` });
      }
    }
    (doc.lessons ?? []).forEach((raw, i) => apply('lessons', i, raw, ExchangeLesson, report.lessons, writeWith(stores.lesson)));
    (doc.experts ?? []).forEach((raw, i) =>
      apply('experts', i, raw, ExchangeExpert, report.experts, (rec) => {
        if (erased(rec)) throw invalidFailure([{ path: '(root)', message: "This person's data was erased (erasure ledger): the record is not imported again" }]);
        return writeWith(stores.expert)(rec);
      }),
    );
    (doc.deployments ?? []).forEach((raw, i) => apply('deployments', i, raw, ExchangeDeployment, report.deployments, writeWith(stores.deployment)));
    const { actions: a, lessons: l, experts: e, deployments: d } = report;
    appendAudit(db, { entity: 'import', recordId: null, action: 'import', fields: [], detail: { actions: a, lessons: l, experts: e, deployments: d, rejected: report.rejections.length } });
    if (dryRun) throw new DryRunRollback();
  };

  try {
    db.transaction(run)();
  } catch (e) {
    if (!(e instanceof DryRunRollback)) throw e;
  }
  if (!dryRun && report.erasuresApplied) purgeFreedData(db);
  return report;
}

/** Every visible record; restricted and consent-withdrawn experts (and their deployments) stay home. */
export function exportExchange(db: Db, stores: Stores): ExchangeFile {
  const experts = allIds(db, 'experts', 'family_name COLLATE NOCASE, given_name COLLATE NOCASE')
    .map((id) => stores.expert.get(id))
    .filter((e) => !isHidden(e));
  const visible = new Set(experts.map((e) => e.id as string));
  const erasures = readLedger(db);
  return {
    format: 'mieux-kb',
    version: 1,
    exportedAt: new Date().toISOString(),
    actions: allIds(db, 'actions', 'start_date, code').map((id) => {
      const { regions: _regions, ...action } = stores.action.get(id);
      return action;
    }),
    lessons: allIds(db, 'lessons', 'recorded_on, title').map((id) => stores.lesson.get(id)),
    experts,
    deployments: allIds(db, 'deployments', 'start_date')
      .map((id) => {
        const { expertName: _n, actionCode: _c, actionTitle: _t, ...d } = stores.deployment.get(id);
        return d;
      })
      .filter((d) => visible.has(d.expert)),
    ...(erasures.length ? { erasures } : {}),
  };
}
