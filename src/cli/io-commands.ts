// The CLI's spreadsheet side of `import` and `export`: a roster file (.csv/.tsv/.txt/.xlsx) is
// imported with the remembered or suggested column mapping, and records are exported as CSV,
// XLSX, JSON or vCard. The exchange-format paths stay in main.ts as they were.
import fs from 'node:fs';
import path from 'node:path';
import type { KbResult, RosterImportReport } from '../shared/api';
import { EXPORT_FORMATS, ROSTER_DELIMITERS, ROSTER_ENCODINGS } from '../shared/api';
import type { KbCore } from '../core';
import { formatImportReport } from './format';

export class CliUsageError extends Error {}

const ROSTER_EXTENSIONS = ['.csv', '.tsv', '.txt', '.xlsx', '.xlsm'];

export const isRosterFile = (file: string) => ROSTER_EXTENSIONS.includes(path.extname(file).toLowerCase());

function unwrap<T>(r: KbResult<T>): T {
  if (r.ok) return r.value;
  throw new CliUsageError(r.error.message);
}

export interface RosterOptions {
  dryRun: boolean;
  json: boolean;
  encoding?: string;
  delimiter?: string;
  dateOrder?: string;
  sheet?: string;
}

function pick<T extends readonly string[]>(name: string, value: string | undefined, allowed: T, aliases: Record<string, T[number]> = {}): T[number] | undefined {
  if (value === undefined) return undefined;
  const v = aliases[value.toLowerCase()] ?? value.toLowerCase();
  if (!(allowed as readonly string[]).includes(v)) throw new CliUsageError(`--${name} must be one of: ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  return v as T[number];
}

/** The report as --json prints it: the import report's shape, without the per-row list (the preview screen's). */
export function rosterJson(r: RosterImportReport): Omit<RosterImportReport, 'rows'> {
  const { rows: _rows, ...rest } = r;
  return rest;
}

export function formatRosterReport(r: RosterImportReport): string {
  const f = r.file;
  const source = f.format === 'xlsx' ? `XLSX, sheet "${f.sheet}"` : `CSV, ${f.encoding}${f.bom ? ' with BOM' : ''}, delimiter ${JSON.stringify(f.delimiter)}`;
  const lines = [
    `${f.name} (${source}): ${r.dataRows} data rows${r.emptyRows ? `, ${r.emptyRows} empty rows skipped` : ''}.`,
    `Columns: ${r.headers.map((h, i) => `${h} → ${r.mapping[i] ?? 'dropped'}`).join(', ')}`,
  ];
  if (r.droppedColumns.length) lines.push(`Not imported: ${r.droppedColumns.join(', ')}`);
  const base = formatImportReport({ ...r, rejections: [] }).split('\n');
  lines.push(base[0]!, ...base.filter((l) => l.startsWith('  Experts')));
  for (const x of r.rejections) lines.push(`  rejected line ${x.line}${x.path ? ` (${x.path})` : ''}: ${x.reason} [${x.code}]`);
  for (const w of r.warnings) lines.push(`  note line ${w.line}${w.column ? ` (${w.column})` : ''}: ${w.message} [${w.code}]`);
  return lines.join('\n');
}

export async function importRosterFile(core: KbCore, file: string, o: RosterOptions): Promise<string> {
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (e) {
    throw new CliUsageError(`Cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
  const input = {
    fileName: path.basename(file),
    contentBase64: content.toString('base64'),
    encoding: pick('encoding', o.encoding, ROSTER_ENCODINGS, { utf8: 'utf-8', cp1252: 'windows-1252', 'utf-16': 'utf-16le', utf16le: 'utf-16le', utf16be: 'utf-16be' }),
    delimiter: pick('delimiter', o.delimiter, ROSTER_DELIMITERS, { tab: '\t', '\\t': '\t', comma: ',', semicolon: ';' }),
    dateOrder: pick('date-order', o.dateOrder, ['dmy', 'mdy'] as const),
    sheet: o.sheet,
  };
  const report = unwrap(o.dryRun ? await core.previewRosterImport(input) : await core.applyRosterImport(input));
  return o.json ? JSON.stringify(rosterJson(report), null, 2) : formatRosterReport(report);
}

const FORMAT_BY_EXTENSION: Record<string, (typeof EXPORT_FORMATS)[number]> = { '.csv': 'csv', '.xlsx': 'xlsx', '.vcf': 'vcf', '.json': 'json' };

/**
 * `export FILE --type T --format F`: the format defaults from the file's extension, the type to
 * experts. `--type share` writes a sharing bundle of every Action (see docs/exchange-format.md).
 */
export async function exportRecordsFile(core: KbCore, file: string, type: string | undefined, format: string | undefined): Promise<string> {
  const t = pick('type', type, ['experts', 'actions', 'lessons', 'share'] as const) ?? 'experts';
  if (t === 'share') {
    if (format !== undefined && format !== 'json') throw new CliUsageError('A sharing bundle is a .mieux-kb.json file: --format json or none');
    const bundle = unwrap(await core.exportBundle({}));
    fs.writeFileSync(file, Buffer.from(bundle.contentBase64, 'base64'));
    return `Exported a sharing bundle of ${bundle.count} records to ${file}.`;
  }
  const f = pick('format', format, EXPORT_FORMATS) ?? FORMAT_BY_EXTENSION[path.extname(file).toLowerCase()];
  if (!f) throw new CliUsageError(`Cannot tell the format from ${path.basename(file)}: add --format csv, xlsx, json or vcf`);
  if (f === 'vcf' && t !== 'experts') throw new CliUsageError('vCard export is for experts only');
  const out = unwrap(await core.exportRecords(t === 'experts' ? { type: t, format: f } : { type: t, format: f as 'csv' | 'xlsx' | 'json' }));
  fs.writeFileSync(file, Buffer.from(out.contentBase64, 'base64'));
  return `Exported ${out.count} ${t} to ${file} (${f}).`;
}
