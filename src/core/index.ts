// The composition root: createCore opens the knowledge base and returns the one object that
// implements KbApi. Every transport (IPC worker, HTTP, CLI, tests) reaches the data through it.
import fs from 'node:fs';
import {
  formatIssues,
  invalid,
  isMethodName,
  methods,
  type KbApi,
  type KbEvent,
  type KbResult,
  type MethodName,
  type MethodOutputs,
  type BackupInfo,
  type ParsedInput,
  type RestoreResult,
} from '../shared/api';
import { actionDef, readAction } from './actions/actions.service';
import { exportBrief } from './brief/brief-export';
import { BriefIndex } from './brief/brief-index';
import { prepareBrief } from './brief/brief.service';
import { listActionRows } from './actions/actions.repo';
import Database from 'better-sqlite3';
import { countRows, createBackupSync, defaultBackupDir, rotateBackups } from './backup/backup';
import { restoreDatabase } from './backup/restore';
import { backupRetention } from './backup/retention';
import { MIGRATIONS } from './db/migrations';
import { checkpointWhenIdle } from './db/checkpoint';
import { closeDatabase, openDamaged, openDatabase, SCHEMA_VERSION, type Db, type OpenResult, type PendingCheck, type StartupCheck } from './db/open';
import { safetyHandlers } from './safety-handlers';
import { listDeploymentRows } from './deployments/deployments.repo';
import { deploymentDef, deploymentFromRow } from './deployments/deployments.service';
import { listExpertRows } from './experts/experts.repo';
import { expertDef, readExpert } from './experts/experts.service';
import { exportExchange, importExchange, type Stores } from './io/exchange';
import { ioHandlers } from './io/handlers';
import { listLessonRows } from './lessons/lessons.repo';
import { lessonDef, readLesson } from './lessons/lessons.service';
import { demoPath } from './paths';
import { EntityStore } from './records/entity';
import { expandRegions, loadReference, regionsOf } from './reference/reference.repo';
import { search } from './search/search.service';
import { Thesaurus } from './search/thesaurus';
import { DocIndex } from './search/doc-index';
import { rebuildSearchIndex, searchRebuildPending } from './search/rebuild';
import { computeStats } from './stats/stats.repo';
import { invalidFailure, KbFailure } from './util/errors';
import {
  actionShape,
  deploymentShape,
  expertShape,
  lessonShape,
} from '../shared/schemas';

export interface CoreOptions {
  dbPath: string;
  /** Load the demo knowledge base when this open created the database (the app's first start). */
  demoIfNew?: boolean;
  /**
   * Called just before an import writes (not for a dry run): the place for a verified backup that
   * lets the user undo the import. Throwing stops the import before anything is written.
   */
  beforeImport?: (what: { kind: 'roster' | 'exchange'; fileName?: string }) => void;
  /** Tests only: the background startup check starts once this resolves, so a test can act while it is under way. */
  startupCheckGate?: Promise<unknown>;
}

export interface KbCore extends KbApi {
  /** The transport entry point: any method name and any payload, always a KbResult. */
  call(method: unknown, input: unknown): Promise<KbResult<unknown>>;
  on(listener: (e: KbEvent) => void): () => void;
  close(): void;
  readonly dbPath: string;
  readonly created: boolean;
}

/** Methods that change data: refused before any check when the database is damaged (its connection is read-only anyway). */
const WRITING_METHOD = /^(create|update|delete|import|save|set|withdraw|restrict|erase|merge|apply)[A-Z]/;

/**
 * They report the startup check's verdict or act on it, or write without a writing name (a sharing
 * bundle records what was exchanged; a roster preview writes in a transaction it rolls back), so
 * they wait for it like writes. Until the verdict the connection refuses writes anyway (query_only).
 */
const AFTER_CHECK_METHODS: ReadonlySet<string> = new Set<MethodName>(['getDatabaseHealth', 'checkDatabase', 'backupIfDue', 'restoreBackup', 'exportBundle', 'previewRosterImport']);

const waitsForCheck = (method: unknown) => typeof method === 'string' && (WRITING_METHOD.test(method) || AFTER_CHECK_METHODS.has(method));

type Handlers = { [M in MethodName]: (input: ParsedInput<M>) => MethodOutputs[M] | Promise<MethodOutputs[M]> };

/** The import hook as createCore wraps it: it also answers the backup it took (null when there was nothing to lose). */
type InnerOptions = Omit<CoreOptions, 'beforeImport'> & { beforeImport?: (what: ImportHookInput) => BackupInfo | null };
type ImportHookInput = Parameters<NonNullable<CoreOptions['beforeImport']>>[0];

/**
 * One open database and its handlers; createCore swaps it for another when a backup is restored or
 * the startup check finds damage. Writing before the check's verdict is createCore's to prevent.
 */
function openCore(opened: OpenResult, options: InnerOptions, restore: (file: string) => Promise<RestoreResult>): KbCore {
  const { db, created, pendingCheck } = opened;
  let startup = opened.startup;
  // A rejection (closed before the verdict) is answered by createCore to the calls that wait.
  pendingCheck?.verdict.then((s) => (startup = s), () => undefined);
  const ref = loadReference(db);
  if (!db.readonly && searchRebuildPending(db)) rebuildSearchIndex(db, ref);
  const listeners = new Set<(e: KbEvent) => void>();
  const emit = (e: KbEvent) => listeners.forEach((l) => l(e));

  const stores = {
    action: new EntityStore(db, ref, actionDef(ref), Object.keys(actionShape)),
    lesson: new EntityStore(db, ref, lessonDef(ref), Object.keys(lessonShape)),
    expert: new EntityStore(db, ref, expertDef(ref), Object.keys(expertShape)),
    deployment: new EntityStore(db, ref, deploymentDef(), Object.keys(deploymentShape)),
  } satisfies Stores;

  const searchContext = {
    db,
    ref,
    thesaurus: Thesaurus.load(),
    docs: new DocIndex(db),
    readers: { action: (id: string) => readAction(db, ref, id), lesson: (id: string) => readLesson(db, id), expert: (id: string) => readExpert(db, id) },
  };
  const briefContext = { search: searchContext, index: new BriefIndex(db) };
  const tx = <T>(fn: () => T): T => db.transaction(fn)();
  const changed = <T extends { id: string }>(entity: Extract<KbEvent, { type: 'changed' }>['entity'], r: T): T => {
    emit({ type: 'changed', entity, ids: [r.id] });
    return r;
  };
  const crud = <K extends keyof typeof stores>(key: K) => ({
    get: ({ id }: { id: string }) => stores[key].get(id),
    create: ({ data }: { data: object }) => changed(key, tx(() => underData(() => stores[key].write(data).record))),
    update: ({ id, data, expectedUpdatedAt }: { id: string; data: object; expectedUpdatedAt?: string }) =>
      changed(key, tx(() => underData(() => stores[key].write(data, { id, expectedUpdatedAt, mustExist: true }).record))),
    remove: ({ id }: { id: string }) => changed(key, tx(() => (stores[key].delete(id), { id }))),
  });
  const actions = crud('action');
  const lessons = crud('lesson');
  const experts = crud('expert');
  const deployments = crud('deployment');

  const handlers: Handlers = {
    ...ioHandlers({ db, ref, stores, emit, beforeImport: options.beforeImport }),
    ...safetyHandlers({ db, dbPath: options.dbPath, stores, startup: () => startup, emit }),
    restoreBackup: ({ file }) => restore(file),
    getReference: () => ref.reference,
    getStats: () => computeStats(db),
    checkDatabase: () => checkDatabase(db, options.dbPath),

    listActions: (q) => {
      const page = listActionRows(db, q, expandRegions(q.region));
      return { ...page, items: page.items.map((a) => ({ ...a, regions: regionsOf(ref, a.countries, a.regions[0] ?? null) })) };
    },
    getAction: actions.get,
    createAction: actions.create,
    updateAction: actions.update,
    deleteAction: actions.remove,

    listLessons: (q) => {
      const page = listLessonRows(db, q, expandRegions(q.region));
      return { ...page, items: page.items.map((id) => stores.lesson.get(id)) };
    },
    getLesson: lessons.get,
    createLesson: lessons.create,
    updateLesson: lessons.update,
    deleteLesson: lessons.remove,

    listExperts: (q) => {
      const page = listExpertRows(db, q, expandRegions(q.region));
      return { ...page, items: page.items.map((id) => stores.expert.get(id)) };
    },
    getExpert: experts.get,
    createExpert: experts.create,
    updateExpert: experts.update,
    deleteExpert: experts.remove,

    listDeployments: (q) => {
      const page = listDeploymentRows(db, q, expandRegions(q.region));
      return { ...page, items: page.items.map(deploymentFromRow) };
    },
    getDeployment: deployments.get,
    createDeployment: deployments.create,
    updateDeployment: deployments.update,
    deleteDeployment: deployments.remove,

    search: (q) => search(searchContext, q),
    importExchange: ({ document, dryRun }) => {
      if (!dryRun) options.beforeImport?.({ kind: 'exchange' });
      const report = importExchange(db, stores, document, dryRun);
      if (!dryRun) emit({ type: 'changed', entity: 'all', ids: [] });
      return report;
    },
    exportExchange: () => exportExchange(db, stores),

    prepareBrief: (q) => prepareBrief(briefContext, q),
    exportBrief: ({ brief, format, lang }) => exportBrief(db, stores, ref.reference, prepareBrief(briefContext, brief), format, lang),
  } as Handlers;

  const checkpoints = db.readonly || options.dbPath === ':memory:' ? null : checkpointWhenIdle(db);

  async function call(method: unknown, input: unknown): Promise<KbResult<unknown>> {
    if (!isMethodName(method)) return { ok: false, error: { code: 'INVALID', message: `Unknown method: ${String(method).slice(0, 80)}` } };
    const parsed = methods[method].safeParse(input ?? {});
    if (!parsed.success) return { ok: false, error: invalid(formatIssues(parsed.error)) };
    const writes = WRITING_METHOD.test(method);
    if (startup.damaged && writes) return { ok: false, error: toKbError({ code: 'SQLITE_READONLY' }) };
    try {
      const value = await (handlers[method] as (i: unknown) => unknown)(parsed.data);
      if (writes) checkpoints?.wrote();
      return { ok: true, value };
    } catch (e) {
      return { ok: false, error: toKbError(e) };
    }
  }

  const api = Object.fromEntries(Object.keys(methods).map((m) => [m, (input: unknown) => call(m, input)])) as unknown as KbApi;

  if (created && options.demoIfNew) {
    const report = importExchange(db, stores, JSON.parse(fs.readFileSync(demoPath(), 'utf8')), false);
    if (report.rejections.length) throw new Error(`The demo knowledge base has ${report.rejections.length} invalid records: ${JSON.stringify(report.rejections[0])}`);
  }

  return {
    ...api,
    call,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      pendingCheck?.stop();
      checkpoints?.stop();
      closeDatabase(db, options.dbPath);
    },
    dbPath: options.dbPath,
    created,
  };
}

/**
 * Opens the knowledge base. Before every import that writes, a verified backup is taken (through
 * a separate read-only connection: the import hook is synchronous, and VACUUM INTO gives the same
 * consistent snapshot as the backup API). Restoring closes the open database, swaps the files and
 * opens the restored one, so callers keep the same object.
 *
 * The startup check of a file that needs no migration runs in a worker thread: reads are answered
 * at once, while writes (and the methods that report the verdict) wait for it. When it finds
 * damage, the database is reopened read-only as if the check had run first, the waiting writes are
 * refused like any write to a damaged database, and a `changed` event tells the UI.
 */
export function createCore(options: CoreOptions): KbCore {
  const listeners = new Set<(e: KbEvent) => void>();
  const emit = (e: KbEvent) => listeners.forEach((l) => l(e));
  const beforeImport = (what: ImportHookInput): BackupInfo | null => {
    const backup = options.dbPath === ':memory:' ? null : backupBeforeImport(options.dbPath);
    options.beforeImport?.(what);
    return backup;
  };
  const restore = async (file: string): Promise<RestoreResult> => {
    if (options.dbPath === ':memory:') throw new KbFailure('INVALID', 'An in-memory knowledge base cannot be restored from a file');
    inner.close();
    try {
      return restoreDatabase(options.dbPath, file);
    } finally {
      // Reopened whatever happened: the restored file, or the untouched one when the restore was refused.
      inner = open(false);
      emit({ type: 'changed', entity: 'all', ids: [] });
    }
  };
  const build = (opened: OpenResult, demoIfNew: boolean) => {
    const core = openCore(opened, { ...options, demoIfNew, beforeImport }, restore);
    core.on(emit);
    return core;
  };
  const becomeReadOnly = (checked: KbCore, startup: StartupCheck) => {
    // Opened first: if even a read-only open fails, reads go on and the waiting writes get its reason.
    inner = build(openDamaged(options.dbPath, startup), false);
    checked.close();
    emit({ type: 'changed', entity: 'all', ids: [] });
  };
  /**
   * The background startup check until its verdict is in force (a damaged file read-only); null
   * when there is nothing to wait for. A rejected one stays: the calls that would wait get its reason.
   */
  let checking: Promise<void> | null = null;
  const settle = (pending: PendingCheck, core: KbCore): Promise<void> => {
    const settled = pending.verdict.then((s) => {
      if (s.damaged) becomeReadOnly(core, s);
      checking = null;
    });
    // None waiting when it rejects (closed before the verdict) is fine.
    settled.catch(() => undefined);
    return settled;
  };
  const open = (demoIfNew: boolean) => {
    const opened = openDatabase(options.dbPath, MIGRATIONS, { backgroundCheck: true, checkGate: options.startupCheckGate, writesAtOnce: searchRebuildPending });
    const core = build(opened, demoIfNew);
    checking = opened.pendingCheck && settle(opened.pendingCheck, core);
    return core;
  };
  let inner = open(options.demoIfNew ?? false);
  const call = async (method: unknown, input: unknown): Promise<KbResult<unknown>> => {
    // No await otherwise: a call starts at once, as it did before checks ran in the background.
    if (checking && waitsForCheck(method)) {
      try {
        await checking;
      } catch (e) {
        return { ok: false, error: toKbError(e) };
      }
    }
    return inner.call(method, input);
  };
  const api = Object.fromEntries(Object.keys(methods).map((m) => [m, (input: unknown) => call(m, input)])) as unknown as KbApi;
  return {
    ...api,
    call,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => inner.close(),
    dbPath: options.dbPath,
    created: inner.created,
  };
}

function backupBeforeImport(dbPath: string): BackupInfo | null {
  const source = new Database(dbPath, { readonly: true, fileMustExist: true });
  let backup: BackupInfo | null = null;
  try {
    // An empty knowledge base (the first import of a new file) has nothing to lose.
    if (Object.values(countRows(source)).some((n) => n > 0)) backup = createBackupSync(source, dbPath, 'pre-import');
    rotateBackups(defaultBackupDir(dbPath), backupRetention(source));
  } finally {
    source.close();
  }
  return backup;
}

/** Record-level issues are reported under `data`, where the caller put the record. */
function underData<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (!(e instanceof KbFailure) || !e.issues) throw e;
    throw invalidFailure(e.issues.map((i) => ({ ...i, path: i.path === '(root)' ? 'data' : `data.${i.path}`.replace('.[', '[') })));
  }
}

export function toKbError(e: unknown) {
  if (e instanceof KbFailure) return e.toKbError();
  const code = (e as { code?: string }).code;
  // Only a database that failed its startup check is opened read-only.
  if (code === 'SQLITE_READONLY') return { code: 'DB_CORRUPT' as const, message: 'The database is damaged, so it was opened read-only and nothing can be saved. Restore a backup, or export what is still readable.' };
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return { code: 'DB_CORRUPT' as const, message: `The database is damaged: ${(e as Error).message}` };
  return { code: 'INTERNAL' as const, message: (e as Error)?.message ?? String(e) };
}

function checkDatabase(db: Db, path: string) {
  const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((s) => s !== 'ok');
  const fk = db.pragma('foreign_key_check') as unknown[];
  if (fk.length) problems.push(`${fk.length} rows point to missing records`);
  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  return { ok: problems.length === 0 && schemaVersion === SCHEMA_VERSION, path, schemaVersion, appSchemaVersion: SCHEMA_VERSION, problems };
}

export { defaultDbPath, demoPath } from './paths';
