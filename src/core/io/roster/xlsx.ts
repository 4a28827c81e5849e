// Reading a roster sheet from an XLSX workbook with exceljs (maintained; not the npm `xlsx`, whose
// published version has unfixed vulnerabilities). A workbook is a zip: its size and the total size
// of what it unpacks to are checked from the zip directory before anything is inflated, so a
// zip bomb is refused cheaply; the row count is checked before any row is read.
import ExcelJS from 'exceljs';
import { rosterFailure } from './problems';

export const XLSX_LIMITS = { maxUnpackedBytes: 400 * 1024 * 1024, maxRows: 100_000, maxColumns: 200 };

/** A cell as the normaliser sees it: text, a number (serials stay numbers), a boolean or a calendar date. */
export type SheetCell = string | number | boolean | { date: string } | null;

export interface SheetRecord {
  line: number;
  cells: SheetCell[];
}

export interface SheetTable {
  sheets: string[];
  sheet: string;
  date1904: boolean;
  records: SheetRecord[];
}

/** Sum of the uncompressed sizes in the zip central directory; throws when it is not a zip. */
export function unpackedSize(buf: Buffer): number {
  const minEocd = 22;
  const from = Math.max(0, buf.length - minEocd - 0xffff);
  let eocd = -1;
  for (let i = buf.length - minEocd; i >= from; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw rosterFailure('not_xlsx', 'This file is not an XLSX workbook (no zip directory found)');
  const entries = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== 0x02014b50) throw rosterFailure('not_xlsx', 'The XLSX zip directory is damaged');
    const size = buf.readUInt32LE(offset + 24);
    // 0xffffffff marks a ZIP64 entry: over 4 GiB, far beyond any roster.
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    offset += 46 + buf.readUInt16LE(offset + 28) + buf.readUInt16LE(offset + 30) + buf.readUInt16LE(offset + 32);
  }
  return total;
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function cellValue(v: ExcelJS.CellValue): SheetCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : { date: isoDate(v) };
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    // The value Excel computed when the file was saved: formulas are never evaluated here.
    const result = (v as ExcelJS.CellFormulaValue).result;
    return result === undefined || (typeof result === 'object' && !(result instanceof Date)) ? null : cellValue(result);
  }
  if ('hyperlink' in v) return typeof v.text === 'string' ? v.text : cellValue(v.text as ExcelJS.CellValue);
  if ('error' in v) return null;
  return null;
}

export async function readSheet(buf: Buffer, sheetName?: string): Promise<SheetTable> {
  if (unpackedSize(buf) > XLSX_LIMITS.maxUnpackedBytes) {
    throw rosterFailure('too_large', `This workbook unpacks to more than ${XLSX_LIMITS.maxUnpackedBytes / 1024 / 1024} MiB`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    throw rosterFailure('not_xlsx', `This XLSX workbook cannot be read: ${(e as Error).message}`);
  }
  const sheets = wb.worksheets.map((w) => w.name);
  const ws = sheetName === undefined ? wb.worksheets.find((w) => w.state === 'visible') ?? wb.worksheets[0] : wb.getWorksheet(sheetName);
  if (!ws) {
    throw rosterFailure('no_sheet', sheetName === undefined ? 'This workbook has no sheet' : `No sheet named "${sheetName}" (sheets: ${sheets.join(', ')})`);
  }
  if (ws.rowCount > XLSX_LIMITS.maxRows + 1) throw rosterFailure('too_many_rows', `The sheet "${ws.name}" has ${ws.rowCount} rows; at most ${XLSX_LIMITS.maxRows} can be imported at once`);
  const width = Math.min(ws.columnCount, XLSX_LIMITS.maxColumns);
  const records: SheetRecord[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: SheetCell[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellValue(row.getCell(c).value));
    records.push({ line: rowNumber, cells });
  });
  return { sheets, sheet: ws.name, date1904: Boolean(wb.properties.date1904), records };
}
