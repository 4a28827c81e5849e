// The handlers behind safety-api.ts: backups, the startup check, the audit trail and experts'
// personal-data rights, over one open database. `restoreBackup` is not here: replacing the open
// file needs the composition root (createCore), which closes this database and opens another.
import type { BackupIfDueResult, DatabaseHealth, KbEvent, MethodOutputs, ParsedInput, ReadableExport, ReviewItem } from '../shared/api';
import type { Expert, ExchangeFile } from '../shared/schemas';
import { auditActor, recordHistory, setAuditActor, verifyAudit } from './audit/audit';
import { createBackup, defaultBackupDir, listBackups, rotateBackups, verifyBackupFile } from './backup/backup';
import { backupRetention, backupSettings, setBackupRetention } from './backup/retention';
import type { Db, StartupCheck } from './db/open';
import { allIds } from './db/sql';
import { findExpertIdsByEmail } from './experts/experts.repo';
import { isHidden } from './experts/experts.service';
import type { Stores } from './io/exchange';
import { eraseExpertRows, historyOfExpert, personalDataHtml, purgeFreedData, relatedRows } from './privacy/privacy';
import { KbFailure } from './util/errors';

export type SafetyMethod = Exclude<keyof import('../shared/api').SafetyOutputs, 'restoreBackup'>;
type SafetyHandlers = { [M in SafetyMethod]: (input: ParsedInput<M>) => MethodOutputs[M] | Promise<MethodOutputs[M]> };

export interface SafetyContext {
  db: Db;
  dbPath: string;
  stores: Stores;
  /** The startup check as known now: a check still running in the background changes it. */
  startup: () => StartupCheck;
  emit: (e: KbEvent) => void;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const today = () => new Date().toISOString().slice(0, 10);

export function safetyHandlers(ctx: SafetyContext): SafetyHandlers {
  const { db, dbPath, stores } = ctx;
  const inMemory = dbPath === ':memory:';
  const backupDir = () => {
    if (inMemory) throw new KbFailure('INVALID', 'An in-memory knowledge base has no file to back up');
    return defaultBackupDir(dbPath);
  };
  const tx = <T>(fn: () => T): T => db.transaction(fn)();
  const expert = (id: string): Expert => stores.expert.get(id) as Expert;
  let dueInFlight: Promise<BackupIfDueResult> | null = null;

  return {
    createBackup: ({ dir }) => (backupDir(), createBackup(db, dbPath, 'manual', dir)),
    backupIfDue: ({ keepDaily, keepSafety }) => {
      // A second call while a backup is being written (app start and the hourly check, two
      // windows) would not see it yet and write another: it waits for the one under way instead.
      dueInFlight ??= (async () => {
        const dir = backupDir();
        const last = listBackups(dir).find((b) => b.reason === 'daily' && b.present);
        const due = !last || Date.now() - Date.parse(last.createdAt) >= DAY_MS;
        const created = due ? await createBackup(db, dbPath, 'daily') : null;
        const stored = backupRetention(db);
        return { created, deleted: rotateBackups(dir, { keepDaily: keepDaily ?? stored.keepDaily, keepSafety: keepSafety ?? stored.keepSafety }) };
      })().finally(() => (dueInFlight = null));
      return dueInFlight;
    },
    getBackupSettings: () => backupSettings(db),
    setBackupSettings: (keep) => tx(() => setBackupRetention(db, keep)),
    listBackups: () => {
      const dir = inMemory ? '' : defaultBackupDir(dbPath);
      return { dir, backups: inMemory ? [] : listBackups(dir) };
    },
    getDatabaseHealth: (): DatabaseHealth => {
      const s = ctx.startup();
      const candidates = inMemory ? [] : listBackups(defaultBackupDir(dbPath)).filter((b) => b.present);
      const lastVerifiedBackup =
        candidates.find((b) => {
          try {
            verifyBackupFile(b.path);
            return true;
          } catch {
            return false;
          }
        }) ?? null;
      return {
        state: s.damaged ? 'damaged' : 'ok',
        path: dbPath,
        uncleanShutdown: s.uncleanShutdown,
        check: s.check,
        problems: s.problems,
        checkedAt: s.checkedAt,
        lastVerifiedBackup,
        preMigrationBackup: s.preMigrationBackup,
      };
    },
    exportReadable: () => exportReadable(db, stores),

    verifyAudit: () => verifyAudit(db),
    getHistory: ({ entity, id }) => recordHistory(db, entity, id),
    getAuditActor: () => auditActor(db),
    setAuditActor: ({ name }) => tx(() => setAuditActor(db, name)),

    findExpertByEmail: ({ email }) => {
      const [id] = findExpertIdsByEmail(db, email);
      if (!id) throw new KbFailure('NOT_FOUND', `No expert with the e-mail ${email}`);
      return expert(id);
    },
    withdrawConsent: ({ id, on }) => {
      const e = expert(id);
      const record = tx(() => stores.expert.write({ consent: { ...e.consent, withdrawnOn: on ?? today() } }, { id, mustExist: true, auditAction: 'withdraw-consent' }).record);
      ctx.emit({ type: 'changed', entity: 'expert', ids: [id] });
      return record as Expert;
    },
    restrictExpert: ({ id, restricted }) => {
      expert(id);
      const record = tx(() => stores.expert.write({ restricted }, { id, mustExist: true, auditAction: restricted ? 'restrict' : 'unrestrict' }).record);
      ctx.emit({ type: 'changed', entity: 'expert', ids: [id] });
      return record as Expert;
    },
    exportExpertData: ({ id }) => {
      const e = expert(id);
      const exportedAt = new Date().toISOString();
      const related = relatedRows(db, id);
      const history = historyOfExpert(db, id);
      return { exportedAt, expert: e, related, history, html: personalDataHtml(e, related, history, exportedAt) };
    },
    eraseExpert: ({ id }) => {
      const e = expert(id);
      const result = tx(() => eraseExpertRows(db, e, today()));
      purgeFreedData(db);
      ctx.emit({ type: 'changed', entity: 'all', ids: [] });
      return result;
    },
    reviewQueue: ({ unconfirmedMonths, undeployedYears, asOf }) => reviewQueue(db, unconfirmedMonths, undeployedYears, asOf ?? today()),
  };
}

/** Like exportExchange, record by record: a record on a damaged page is left out and named, the rest still comes out. */
function exportReadable(db: Db, stores: Stores): ReadableExport {
  const problems: string[] = [];
  const attempt = <T>(what: string, fn: () => T): T[] => {
    try {
      return [fn()];
    } catch (e) {
      problems.push(`${what}: ${(e as Error).message}`);
      return [];
    }
  };
  const records = <T>(table: 'actions' | 'lessons' | 'experts' | 'deployments', order: string, read: (id: string) => T): T[] =>
    attempt(table, () => allIds(db, table, order))
      .flat()
      .flatMap((id) => attempt(`${table} ${id}`, () => read(id)));
  const experts = records('experts', 'family_name, given_name', (id) => stores.expert.get(id) as Expert).filter((e) => !isHidden(e));
  const visible = new Set(experts.map((e) => e.id));
  const document: ExchangeFile = {
    format: 'mieux-kb',
    version: 1,
    exportedAt: new Date().toISOString(),
    actions: records('actions', 'start_date, code', (id): ExchangeFile['actions'][number] => {
      const { regions: _regions, ...a } = stores.action.get(id);
      return a;
    }),
    lessons: records('lessons', 'recorded_on, title', (id) => stores.lesson.get(id) as ExchangeFile['lessons'][number]),
    experts,
    deployments: records('deployments', 'start_date', (id): ExchangeFile['deployments'][number] => {
      const { expertName: _n, actionCode: _c, actionTitle: _t, ...d } = stores.deployment.get(id);
      return d;
    }).filter((d) => visible.has(d.expert)),
  };
  return { document, problems };
}

function reviewQueue(db: Db, unconfirmedMonths: number, undeployedYears: number, asOf: string) {
  const [y, m] = [Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7) || '12')];
  const months = y * 12 + (m - 1) - unconfirmedMonths;
  const confirmCutoff = `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}`;
  const deployCutoff = String(y - undeployedYears);
  const rows = db
    .prepare(
      `SELECT e.id, e.given_name, e.family_name, e.email, e.last_confirmed_on, e.restricted, e.consent_withdrawn_on,
              (SELECT max(coalesce(d.end_date, d.start_date)) FROM deployments d WHERE d.expert_id = e.id) AS last_deployed
       FROM experts e ORDER BY e.family_name COLLATE NOCASE, e.given_name COLLATE NOCASE`,
    )
    .all() as { id: string; given_name: string; family_name: string; email: string | null; last_confirmed_on: string | null; restricted: number; consent_withdrawn_on: string | null; last_deployed: string | null }[];
  const item = (r: (typeof rows)[number]): ReviewItem => ({
    id: r.id,
    name: `${r.given_name} ${r.family_name}`,
    email: r.email,
    lastConfirmedOn: r.last_confirmed_on,
    lastDeployedOn: r.last_deployed,
    restricted: r.restricted === 1,
    consentWithdrawn: r.consent_withdrawn_on !== null,
  });
  // Partial dates compare as text: "2021" sorts before "2021-06", so a year-only date counts as its start.
  return {
    asOf,
    unconfirmed: rows.filter((r) => r.last_confirmed_on === null || r.last_confirmed_on < confirmCutoff).map(item),
    undeployed: rows.filter((r) => r.last_deployed === null || r.last_deployed.slice(0, 4) < deployCutoff).map(item),
  };
}
