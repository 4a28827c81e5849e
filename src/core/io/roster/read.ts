// From the file a user picked to a table of cells: CSV/TSV/TXT decoded and split, or one XLSX
// sheet. The header is the first non-empty row; blank rows are counted, not imported.
import path from 'node:path';
import type { RosterEncoding, RosterImportReport } from '../../../shared/api';
import { decode } from './decode';
import { parseDelimited, sniffDelimiter, type Delimiter, type TextProblem } from './csv';
import { rosterFailure } from './problems';
import { XLSX_LIMITS, readSheet, type SheetCell } from './xlsx';

export interface RosterTable {
  file: RosterImportReport['file'];
  headers: string[];
  rows: { line: number; cells: SheetCell[] }[];
  emptyRows: number;
  problems: TextProblem[];
  date1904: boolean;
}

export interface ReadOptions {
  fileName: string;
  content: Buffer;
  encoding?: RosterEncoding;
  delimiter?: Delimiter;
  sheet?: string;
}

const isBlank = (cells: readonly SheetCell[]) => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

function formatOf(fileName: string, content: Buffer): 'csv' | 'xlsx' {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.xls') throw rosterFailure('xls_unsupported', 'Old .xls workbooks cannot be read: save the file as .xlsx or CSV in Excel and import that');
  if (ext === '.xlsx' || ext === '.xlsm') return 'xlsx';
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') return 'csv';
  // Unknown extension: a zip signature means a workbook.
  return content.readUInt32LE(0) === 0x04034b50 ? 'xlsx' : 'csv';
}

export async function readRosterTable(opts: ReadOptions): Promise<RosterTable> {
  if (opts.content.length === 0) throw rosterFailure('empty_file', 'The file is empty');
  const format = opts.content.length >= 4 ? formatOf(opts.fileName, opts.content) : 'csv';
  let records: { line: number; cells: SheetCell[] }[];
  let file: RosterTable['file'];
  let problems: TextProblem[] = [];
  let date1904 = false;
  if (format === 'xlsx') {
    const sheet = await readSheet(opts.content, opts.sheet);
    records = sheet.records;
    date1904 = sheet.date1904;
    file = { name: opts.fileName, format, sheets: sheet.sheets, sheet: sheet.sheet, date1904 };
  } else {
    const decoded = decode(opts.content, opts.encoding);
    const delimiter = opts.delimiter ?? (path.extname(opts.fileName).toLowerCase() === '.tsv' ? '\t' : sniffDelimiter(decoded.text));
    const parsed = parseDelimited(decoded.text, delimiter);
    if (parsed.records.length > XLSX_LIMITS.maxRows + 1) {
      throw rosterFailure('too_many_rows', `The file has ${parsed.records.length} rows; at most ${XLSX_LIMITS.maxRows} can be imported at once`);
    }
    records = parsed.records.map((r) => ({ line: r.line, cells: r.cells.slice(0, XLSX_LIMITS.maxColumns) }));
    problems = parsed.problems;
    file = { name: opts.fileName, format, encoding: decoded.encoding, bom: decoded.bom, delimiter, lineEnding: parsed.lineEnding };
  }
  const headerAt = records.findIndex((r) => !isBlank(r.cells));
  if (headerAt < 0) throw rosterFailure('no_header', 'The file has no header row (it is blank)');
  const headerCells = records[headerAt]!.cells;
  let width = headerCells.length;
  while (width > 0 && isBlank([headerCells[width - 1]!])) width--;
  const headers = headerCells.slice(0, width).map((c, i) => {
    const s = c === null ? '' : typeof c === 'object' ? c.date : String(c);
    return s.trim().normalize('NFC') || `Column ${i + 1}`;
  });
  const after = records.slice(headerAt + 1);
  const rows = after.filter((r) => !isBlank(r.cells));
  return { file, headers, rows, emptyRows: after.length - rows.length, problems, date1904 };
}
