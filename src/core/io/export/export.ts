// Exports of experts, Actions and lessons — all of them or a filtered view, with the list filters
// of the browse screens — as CSV (UTF-8 with a BOM so Excel shows accents; cells that a
// spreadsheet would run as formulas are escaped), XLSX, the JSON exchange format, and vCard 4.0
// for experts. The expert CSV/XLSX columns are the roster import's own labels: a file exported
// here imports back unchanged.
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type { ExportRecordsInput, ExportedFile, RosterField } from '../../../shared/api';
import { ROSTER_FIELDS } from '../../../shared/api';
import type { Action, Expert, Lesson } from '../../../shared/schemas';
import { listActionRows } from '../../actions/actions.repo';
import type { Db } from '../../db/open';
import { listExpertRows } from '../../experts/experts.repo';
import { listLessonRows } from '../../lessons/lessons.repo';
import { expandRegions, type ReferenceIndex } from '../../reference/reference.repo';
import type { Stores } from '../exchange';
import { FIELD_LABELS } from '../roster/fields';
import { expertsToVcard } from './vcard';

export interface ExportContext {
  db: Db;
  ref: ReferenceIndex;
  stores: Stores;
}

type Input = z.output<typeof ExportRecordsInput>;
type Cell = string | number | boolean | null;
interface Table {
  headers: string[];
  rows: Cell[][];
}

const ALL = { page: 1, pageSize: Number.MAX_SAFE_INTEGER } as const;

function selectExperts(ctx: ExportContext, filters: Input['filters']): Expert[] {
  const q = { ...ALL, sort: 'familyName', ...(filters ?? {}) } as Parameters<typeof listExpertRows>[1];
  return listExpertRows(ctx.db, q, expandRegions(q.region)).items.map((id) => ctx.stores.expert.get(id) as Expert);
}

function selectActions(ctx: ExportContext, filters: Input['filters']): Omit<Action, 'regions'>[] {
  const q = { ...ALL, sort: 'startDate', order: 'asc', ...(filters ?? {}) } as Parameters<typeof listActionRows>[1];
  return listActionRows(ctx.db, q, expandRegions(q.region)).items.map((a) => {
    const { regions: _regions, ...action } = ctx.stores.action.get(a.id) as Action;
    return action;
  });
}

function selectLessons(ctx: ExportContext, filters: Input['filters']): Lesson[] {
  const q = { ...ALL, sort: 'recordedOn', order: 'asc', ...(filters ?? {}) } as Parameters<typeof listLessonRows>[1];
  return listLessonRows(ctx.db, q, expandRegions(q.region)).items.map((id) => ctx.stores.lesson.get(id) as Lesson);
}

/** Lists in one cell: "fr (native); es (B2)". The roster import splits them back. */
const list = (xs: readonly string[]) => xs.join('; ');

const EXPERT_COLUMNS = ROSTER_FIELDS.filter((f) => f !== 'fullName');
function expertCell(e: Expert, f: Exclude<RosterField, 'fullName'>): Cell {
  switch (f) {
    case 'languages':
      return list(e.languages.map((l) => `${l.code} (${l.level})`));
    case 'topics':
      return list(e.topics);
    case 'consentGivenOn':
      return e.consent.givenOn;
    case 'consentBasis':
      return e.consent.basis;
    case 'consentNoticeVersion':
      return e.consent.noticeVersion;
    case 'consentWithdrawnOn':
      return e.consent.withdrawnOn;
    case 'restricted':
      return e.restricted ? 'yes' : 'no';
    default:
      return e[f];
  }
}

function expertTable(experts: Expert[]): Table {
  return { headers: EXPERT_COLUMNS.map((f) => FIELD_LABELS[f]), rows: experts.map((e) => EXPERT_COLUMNS.map((f) => expertCell(e, f))) };
}

function recordTable<T extends object>(records: T[], keys: (keyof T & string)[]): Table {
  return {
    headers: keys,
    rows: records.map((r) => keys.map((k) => {
      const v = r[k] as unknown;
      return Array.isArray(v) ? list(v as string[]) : (v as Cell);
    })),
  };
}

const ACTION_KEYS = ['id', 'code', 'aliases', 'titleEn', 'titleFr', 'language', 'status', 'startDate', 'endDate', 'domain', 'topics', 'impactAxes', 'countries', 'region', 'partners', 'expertCountries', 'summary', 'objectives', 'activities', 'results', 'relatedActions', 'publicUrl', 'notes', 'createdAt', 'updatedAt'] as const;
const LESSON_KEYS = ['id', 'title', 'context', 'lesson', 'recommendation', 'polarity', 'stage', 'dacCriteria', 'evidence', 'reviewStatus', 'language', 'author', 'recordedOn', 'actions', 'topics', 'countries', 'createdAt', 'updatedAt'] as const;

export function toCsv(t: Table): Buffer {
  // escape_formulas: a leading = + - @ tab or CR gets a quote, so Excel shows the text instead of running it.
  return Buffer.from(stringify([t.headers, ...t.rows.map((r) => r.map((c) => (c === null ? '' : c)))], { bom: true, escape_formulas: true, record_delimiter: 'windows' }), 'utf8');
}

/**
 * XML turns a bare CR into LF, so a CRLF in a note would come back as LF: OOXML writes CR as
 * `_x000D_` (and a literal `_xHHHH_` with its underscore escaped), which readers decode.
 */
const xmlSafe = (s: string) => s.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1').replace(/\r/g, '_x000D_');

export async function toXlsx(t: Table, sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(t.headers).font = { bold: true };
  // Every cell as text: phone numbers and dates stay exactly as stored (Excel would turn +33… into a number).
  for (const r of t.rows) ws.addRow(r.map((c) => (c === null ? null : xmlSafe(String(c)))));
  ws.columns.forEach((c) => (c.numFmt = '@'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const MIME = { csv: 'text/csv;charset=utf-8', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', json: 'application/json', vcf: 'text/vcard;charset=utf-8' };

export async function exportRecords(ctx: ExportContext, input: Input): Promise<ExportedFile> {
  const stamp = new Date().toISOString().slice(0, 10);
  const fileName = `mieux-${input.type}-${stamp}.${input.format === 'json' ? 'mieux-kb.json' : input.format}`;
  const done = (content: Buffer, count: number): ExportedFile => ({ fileName, mimeType: MIME[input.format], contentBase64: content.toString('base64'), count });
  const exchange = (part: Record<string, unknown[]>) =>
    Buffer.from(JSON.stringify({ format: 'mieux-kb', version: 1, exportedAt: new Date().toISOString(), actions: [], lessons: [], experts: [], deployments: [], ...part }, null, 2) + '\n');

  if (input.type === 'experts') {
    const experts = selectExperts(ctx, input.filters);
    if (input.format === 'vcf') return done(Buffer.from(expertsToVcard(experts), 'utf8'), experts.length);
    if (input.format === 'json') return done(exchange({ experts }), experts.length);
    const t = expertTable(experts);
    return done(input.format === 'csv' ? toCsv(t) : await toXlsx(t, 'Experts'), experts.length);
  }
  if (input.type === 'actions') {
    const actions = selectActions(ctx, input.filters);
    if (input.format === 'json') return done(exchange({ actions }), actions.length);
    const t = recordTable(actions, [...ACTION_KEYS]);
    return done(input.format === 'csv' ? toCsv(t) : await toXlsx(t, 'Actions'), actions.length);
  }
  const lessons = selectLessons(ctx, input.filters);
  if (input.format === 'json') return done(exchange({ lessons }), lessons.length);
  const t = recordTable(lessons, [...LESSON_KEYS]);
  return done(input.format === 'csv' ? toCsv(t) : await toXlsx(t, 'Lessons'), lessons.length);
}
