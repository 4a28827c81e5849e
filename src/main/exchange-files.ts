// File ▸ Import… and File ▸ Export…: native dialogs around the core's importExchange and
// exportExchange. The dialogs are a port so the flow is tested with a real core and real files.
import fs from 'node:fs/promises';
import type { ImportReport, KbApi } from '../shared/api';

export interface DialogPort {
  openFile(): Promise<string | undefined>;
  saveFile(defaultName: string): Promise<string | undefined>;
  /** Asks before changing the knowledge base; true to go ahead. */
  confirm(message: string, detail: string): Promise<boolean>;
  inform(message: string, detail: string): Promise<void>;
  fail(message: string, detail: string): Promise<void>;
}

type Core = Pick<KbApi, 'importExchange' | 'exportExchange'>;

/** Larger than any real knowledge base export; reading more would only freeze the app. */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
export const EXCHANGE_EXTENSION = 'mieux-kb.json';

export function exportFileName(now: Date): string {
  return `mieux-kb-export-${now.toISOString().slice(0, 10)}.${EXCHANGE_EXTENSION}`;
}

export function describeReport(r: ImportReport): string {
  const line = (label: string, c: ImportReport['actions']) =>
    `${label}: ${c.created} new, ${c.updated} updated, ${c.unchanged} unchanged${c.rejected ? `, ${c.rejected} rejected` : ''}`;
  const lines = [line('Actions', r.actions), line('Lessons', r.lessons), line('Experts', r.experts), line('Deployments', r.deployments)];
  const shown = r.rejections.slice(0, 10).map((x) => `• ${x.path ?? (x.line ? `line ${x.line}` : 'file')}: ${x.reason}`);
  if (shown.length) lines.push('', 'Rejected:', ...shown);
  if (r.rejections.length > shown.length) lines.push(`… and ${r.rejections.length - shown.length} more`);
  return lines.join('\n');
}

/** Reads the chosen file, shows what a dry run would change, and imports only when confirmed. */
export async function importFromFile(core: Core, dialogs: DialogPort): Promise<ImportReport | undefined> {
  const file = await dialogs.openFile();
  if (!file) return undefined;
  let document: unknown;
  try {
    const { size } = await fs.stat(file);
    if (size > MAX_IMPORT_BYTES) throw new Error(`The file is ${Math.round(size / 1024 / 1024)} MB; the limit is ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
    document = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (e) {
    await dialogs.fail('This file cannot be imported.', `${file}\n\n${(e as Error).message}`);
    return undefined;
  }
  const preview = await core.importExchange({ document, dryRun: true });
  if (!preview.ok) {
    await dialogs.fail('This file cannot be imported.', preview.error.message);
    return undefined;
  }
  if (!(await dialogs.confirm('Import these records into the knowledge base?', describeReport(preview.value)))) return undefined;
  const done = await core.importExchange({ document, dryRun: false });
  if (!done.ok) {
    await dialogs.fail('The import failed; nothing was changed.', done.error.message);
    return undefined;
  }
  await dialogs.inform('Import finished.', describeReport(done.value));
  return done.value;
}

export async function exportToFile(core: Core, dialogs: DialogPort, now: Date): Promise<string | undefined> {
  const file = await dialogs.saveFile(exportFileName(now));
  if (!file) return undefined;
  const result = await core.exportExchange({});
  if (!result.ok) {
    await dialogs.fail('The export failed.', result.error.message);
    return undefined;
  }
  try {
    await fs.writeFile(file, JSON.stringify(result.value, null, 2));
  } catch (e) {
    await dialogs.fail('The export could not be saved.', `${file}\n\n${(e as Error).message}`);
    return undefined;
  }
  await dialogs.inform('Export finished.', file);
  return file;
}
