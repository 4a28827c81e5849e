// The contract's roster-import and export methods, composed here so the composition root only
// spreads them in (several people extend core/index.ts at the same time).
import type { KbEvent, MethodOutputs, ParsedInput } from '../../shared/api';
import type { Expert } from '../../shared/schemas';
import type { Db } from '../db/open';
import type { EntityStore } from '../records/entity';
import type { ReferenceIndex } from '../reference/reference.repo';
import type { Stores } from './exchange';
import { exportRecords } from './export/export';
import { importRoster } from './roster/import';

export interface IoContext {
  db: Db;
  ref: ReferenceIndex;
  stores: Stores;
  emit(e: KbEvent): void;
  /** The backup hook of CoreOptions: runs before an import writes, never for a preview. */
  beforeImport?: (what: { kind: 'roster' | 'exchange'; fileName?: string }) => void;
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
      const report = await importRoster(roster, input, false, () => ctx.beforeImport?.({ kind: 'roster', fileName: input.fileName }));
      const ids = report.rows.flatMap((r) => (r.expertId && (r.outcome === 'create' || r.outcome === 'update') ? [r.expertId] : []));
      if (ids.length) ctx.emit({ type: 'changed', entity: 'expert', ids });
      return report;
    },
    exportRecords: (input: ParsedInput<'exportRecords'>): Promise<MethodOutputs['exportRecords']> => exportRecords(ctx, input),
  };
}
