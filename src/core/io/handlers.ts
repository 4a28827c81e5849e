// The contract's roster-import and export methods, composed here so the composition root only
// spreads them in (several people extend core/index.ts at the same time).
import type { BackupInfo, KbEvent, MethodOutputs, ParsedInput } from '../../shared/api';
import type { Expert } from '../../shared/schemas';
import type { Db } from '../db/open';
import type { EntityStore } from '../records/entity';
import type { ReferenceIndex } from '../reference/reference.repo';
import type { Stores } from './exchange';
import { exportRecords } from './export/export';
import { importRoster } from './roster/import';
import { SyncInfo } from '../../shared/schemas';
import { exportBundle, importBundle } from './sync';
import { importExchange } from './exchange';

export interface IoContext {
  db: Db;
  ref: ReferenceIndex;
  stores: Stores;
  emit(e: KbEvent): void;
  /** The backup hook of CoreOptions: runs before an import writes, never for a preview; answers the backup it took, if any. */
  beforeImport?: (what: { kind: 'roster' | 'exchange'; fileName?: string }) => BackupInfo | null;
}

export function ioHandlers(ctx: IoContext) {
  const roster = {
    db: ctx.db,
    ref: ctx.ref,
    experts: ctx.stores.expert as EntityStore<object, Expert>,
    progress: (done: number, total: number) => ctx.emit({ type: 'progress', task: 'rosterImport', done, total }),
  };
  return {
    previewRosterImport: (input: ParsedInput<'previewRosterImport'>): Promise<MethodOutputs['previewRosterImport']> =>
      importRoster(roster, { ...input, decisions: [] }, true),
    applyRosterImport: async (input: ParsedInput<'applyRosterImport'>): Promise<MethodOutputs['applyRosterImport']> => {
      let backup: BackupInfo | null = null;
      const report = await importRoster(roster, input, false, () => {
        backup = ctx.beforeImport?.({ kind: 'roster', fileName: input.fileName }) ?? null;
      });
      const ids = report.rows.flatMap((r) => (r.expertId && (r.outcome === 'create' || r.outcome === 'update') ? [r.expertId] : []));
      if (ids.length) ctx.emit({ type: 'changed', entity: 'expert', ids });
      return { ...report, backup };
    },
    exportRecords: (input: ParsedInput<'exportRecords'>): Promise<MethodOutputs['exportRecords']> => exportRecords(ctx, input),
    exportBundle: (input: ParsedInput<'exportBundle'>): MethodOutputs['exportBundle'] => {
      const doc = exportBundle(ctx.db, ctx.stores, input.filters);
      const content = Buffer.from(JSON.stringify(doc, null, 2) + '\n', 'utf8');
      return {
        fileName: `mieux-share-${doc.exportedAt.slice(0, 10)}.mieux-kb.json`,
        mimeType: 'application/json',
        contentBase64: content.toString('base64'),
        count: doc.actions.length + doc.lessons.length + doc.experts.length + doc.deployments.length,
      };
    },
    importBundle: ({ document, dryRun, resolutions }: ParsedInput<'importBundle'>): MethodOutputs['importBundle'] => {
      if (!dryRun) ctx.beforeImport?.({ kind: 'exchange' });
      const doc = document as Record<string, unknown> | null;
      const sync = SyncInfo.safeParse(doc?.sync);
      const report = sync.success && doc ? importBundle(ctx.db, ctx.stores, { ...doc, sync: sync.data }, dryRun, resolutions) : importExchange(ctx.db, ctx.stores, document, dryRun);
      if (!dryRun) ctx.emit({ type: 'changed', entity: 'all', ids: [] });
      return report;
    },
  };
}
