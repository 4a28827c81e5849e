// One data row into an expert patch: only the mapped columns become keys (an absent key keeps the
// stored value on update), every problem carries its column header and a reason code.
import type { RosterField } from '../../../shared/api';
import type { ExpertData } from '../../../shared/schemas';
import {
  cellText,
  parseBoolean,
  parseCountry,
  parseDate,
  parseEmail,
  parseEnum,
  parseLanguages,
  parsePhone,
  parseTopics,
  problem,
  type Lexicons,
  type Parsed,
  type Problem,
} from './values';
import type { SheetCell } from './xlsx';

export interface RowContext {
  headers: readonly string[];
  mapping: readonly (RosterField | null)[];
  lex: Lexicons;
  dateOrder: 'dmy' | 'mdy';
  date1904: boolean;
}

export interface ColumnProblem extends Problem {
  column?: string;
}

export interface RowPatch {
  id?: string;
  patch: Partial<Omit<ExpertData, 'consent'>> & { consent?: Partial<ExpertData['consent']> };
  name: string;
  email: string | null;
  problems: ColumnProblem[];
  warnings: ColumnProblem[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Dupré, Hélène" or "Hélène Dupré" (the last word is taken as the family name). */
export function splitFullName(s: string): { givenName: string; familyName: string } | undefined {
  const comma = s.indexOf(',');
  if (comma > 0) {
    const familyName = s.slice(0, comma).trim();
    const givenName = s.slice(comma + 1).trim();
    return familyName && givenName ? { givenName, familyName } : undefined;
  }
  const words = s.split(/\s+/);
  if (words.length < 2) return undefined;
  return { givenName: words.slice(0, -1).join(' '), familyName: words[words.length - 1]! };
}

export function rowToPatch(cells: readonly SheetCell[], ctx: RowContext): RowPatch {
  const problems: ColumnProblem[] = [];
  const warnings: ColumnProblem[] = [];
  const cellOf = (field: RosterField): { cell: SheetCell; column: string } | undefined => {
    const i = ctx.mapping.indexOf(field);
    return i < 0 ? undefined : { cell: cells[i] ?? null, column: ctx.headers[i]! };
  };
  const take = <T>(field: RosterField, parse: (cell: SheetCell) => Parsed<T> | null): T | null | undefined => {
    const c = cellOf(field);
    if (!c) return undefined;
    const r = parse(c.cell);
    if (r === null) return null;
    if (!r.ok) {
      problems.push({ ...r.problem, column: c.column });
      return undefined;
    }
    for (const w of r.warnings ?? []) warnings.push({ ...w, column: c.column });
    return r.value;
  };
  const text = (cell: SheetCell): Parsed<string> | null => {
    const s = cellText(cell);
    return s === null ? null : { ok: true, value: s };
  };
  const viaText =
    <T>(parse: (s: string) => Parsed<T>) =>
    (cell: SheetCell): Parsed<T> | null => {
      const s = cellText(cell);
      return s === null ? null : parse(s);
    };

  const patch: RowPatch['patch'] = {};
  const set = <K extends Exclude<keyof ExpertData, 'consent'>>(key: K, v: ExpertData[K] | null | undefined, nullable: boolean, empty?: ExpertData[K]) => {
    if (v === undefined) return;
    if (v === null) {
      if (empty !== undefined) patch[key] = empty;
      else if (nullable) patch[key] = null as ExpertData[K];
      return;
    }
    patch[key] = v;
  };

  const id = take('id', viaText((s) => (UUID.test(s) ? { ok: true, value: s.toLowerCase() } : { ok: false, problem: problem('bad_id', 'badId', { value: s }) })));
  let givenName = take('givenName', text);
  let familyName = take('familyName', text);
  const full = take('fullName', text);
  if (full && (!givenName || !familyName)) {
    const split = splitFullName(full);
    if (split) {
      givenName ??= split.givenName;
      familyName ??= split.familyName;
    }
  }
  const nameMapped = ctx.mapping.includes('fullName') || (ctx.mapping.includes('givenName') && ctx.mapping.includes('familyName'));
  if (nameMapped && (!givenName || !familyName)) {
    problems.push(full && !givenName ? problem('missing_required', 'nameNotSplit', { value: full }) : problem('missing_required', 'namesRequired'));
  }
  if (givenName) patch.givenName = givenName;
  if (familyName) patch.familyName = familyName;

  const memberState = take('memberState', viaText((s) => parseCountry(ctx.lex, s)));
  set('memberState', memberState, true);
  const email = take('email', viaText(parseEmail));
  set('email', email, true);
  set('phone', take('phone', (cell) => parsePhone(cell, memberState ?? null)), true);
  set('institution', take('institution', text), true);
  set('position', take('position', text), true);
  set('sector', take('sector', viaText((s) => parseEnum('sector', s))) as ExpertData['sector'] | null | undefined, false);
  set('languages', take('languages', viaText((s) => parseLanguages(ctx.lex, s))) as ExpertData['languages'] | null | undefined, false, []);
  set('topics', take('topics', viaText((s) => parseTopics(ctx.lex, s))) as ExpertData['topics'] | null | undefined, false, []);
  set('expertise', take('expertise', text), true);
  set('availability', take('availability', viaText((s) => parseEnum('availability', s))) as ExpertData['availability'] | null | undefined, false);
  set('availabilityNote', take('availabilityNote', text), true);
  set('rosterStatus', take('rosterStatus', viaText((s) => parseEnum('rosterStatus', s))) as ExpertData['rosterStatus'] | null | undefined, false);
  const date = (cell: SheetCell) => parseDate(cell, ctx.dateOrder, ctx.date1904);
  set('lastConfirmedOn', take('lastConfirmedOn', date), true);
  set('restricted', take('restricted', parseBoolean), false);
  set('notes', take('notes', text), true);

  const consent: Partial<ExpertData['consent']> = {};
  const consentValue = <K extends keyof ExpertData['consent']>(key: K, v: ExpertData['consent'][K] | null | undefined) => {
    if (v !== undefined) consent[key] = v;
  };
  consentValue('givenOn', take('consentGivenOn', date));
  consentValue('basis', take('consentBasis', viaText((s) => parseEnum('consentBasis', s))) as ExpertData['consent']['basis'] | null | undefined);
  consentValue('noticeVersion', take('consentNoticeVersion', text));
  consentValue('withdrawnOn', take('consentWithdrawnOn', date));
  if (Object.keys(consent).length) patch.consent = consent;

  const extra = cells.slice(ctx.headers.length).filter((c) => cellText(c) !== null).length;
  if (extra) warnings.push(problem('extra_cells', extra > 1 ? 'extraCells' : 'extraCell', { count: extra }));

  const name = [givenName, familyName].filter(Boolean).join(' ') || full || '';
  return { id: id ?? undefined, patch, name, email: email ?? null, problems, warnings };
}
