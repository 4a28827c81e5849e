// Cell values into expert fields. Each function says what it did: a value, or a problem with a
// reason code (the row is rejected), or a warning (the value was changed or left out).
import { z } from 'zod';
import { AVAILABILITIES, CEFR_LEVELS, CONSENT_BASES, EXPERT_SECTORS, ROSTER_STATUSES } from '../../../shared/reference';
import { PartialDate } from '../../../shared/schemas';
import { rosterMessage, type RosterMessageKey, type RosterMessageParams } from '../../../shared/roster-messages';
import type { ReferenceIndex } from '../../reference/reference.repo';
import { foldHeader as fold } from './fields';
import type { SheetCell } from './xlsx';

export type Level = (typeof CEFR_LEVELS)[number];
export interface Problem {
  code: string;
  /** In English, as the report and the CLI give it. */
  message: string;
  /** The same message by key and values, for the interface language. */
  messageKey: RosterMessageKey;
  params?: RosterMessageParams;
}

/** A problem or a warning: its reason code and its message. */
export const problem = (code: string, key: RosterMessageKey, params?: RosterMessageParams): Problem => ({
  code,
  message: rosterMessage(key, params),
  messageKey: key,
  ...(params ? { params } : {}),
});
export type Parsed<T> = { ok: true; value: T; warnings?: Problem[] } | { ok: false; problem: Problem };

const good = <T>(value: T, warnings?: Problem[]): Parsed<T> => (warnings?.length ? { ok: true, value, warnings } : { ok: true, value });
const bad = <T>(code: string, key: RosterMessageKey, params?: RosterMessageParams): Parsed<T> => ({ ok: false, problem: problem(code, key, params) });

/**
 * Our CSV exports put a quote before a cell starting with = + - @ tab or CR, so a spreadsheet never
 * runs it as a formula; the import takes that quote off again.
 */
export function restoreFormulaEscape(s: string): string {
  return s.length > 1 && s[0] === "'" && '=+-@\t\r'.includes(s[1]!) ? s.slice(1) : s;
}

/** Text of a cell, trimmed and in NFC; null when empty. */
export function cellText(cell: SheetCell): string | null {
  if (cell === null) return null;
  const raw = typeof cell === 'object' ? cell.date : typeof cell === 'number' ? numberText(cell) : String(cell);
  const s = restoreFormulaEscape(raw.trim()).normalize('NFC').trim();
  return s === '' ? null : s;
}

function numberText(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 1e21 ? BigInt(n).toString() : String(n);
}

// ---------- e-mail ----------
const Email = z.email();
export function parseEmail(s: string): Parsed<string> {
  let v = s.replace(/^mailto:/i, '');
  const angle = /<([^<>\s]+)>/.exec(v);
  if (angle) v = angle[1]!;
  const parts = v.split(/[;,\s]+/).filter(Boolean);
  const first = (parts[0] ?? '').toLowerCase();
  if (!Email.safeParse(first).success) return bad('bad_email', 'badEmail', { value: s });
  return good(first, parts.length > 1 ? [problem('extra_email', 'extraEmail', { count: parts.length, first })] : undefined);
}

// ---------- phone ----------
/** Country calling codes of the countries experts come from, and whether their national numbers start with a trunk 0. */
const CALLING: Record<string, { cc: string; trunk: '0' | '06' | null }> = {
  AT: { cc: '43', trunk: '0' }, BE: { cc: '32', trunk: '0' }, BG: { cc: '359', trunk: '0' }, HR: { cc: '385', trunk: '0' },
  CY: { cc: '357', trunk: null }, CZ: { cc: '420', trunk: null }, DK: { cc: '45', trunk: null }, EE: { cc: '372', trunk: null },
  FI: { cc: '358', trunk: '0' }, FR: { cc: '33', trunk: '0' }, DE: { cc: '49', trunk: '0' }, GR: { cc: '30', trunk: null },
  HU: { cc: '36', trunk: '06' }, IE: { cc: '353', trunk: '0' }, IT: { cc: '39', trunk: null }, LV: { cc: '371', trunk: null },
  LT: { cc: '370', trunk: '0' }, LU: { cc: '352', trunk: null }, MT: { cc: '356', trunk: null }, NL: { cc: '31', trunk: '0' },
  PL: { cc: '48', trunk: null }, PT: { cc: '351', trunk: null }, RO: { cc: '40', trunk: '0' }, SK: { cc: '421', trunk: '0' },
  SI: { cc: '386', trunk: '0' }, ES: { cc: '34', trunk: null }, SE: { cc: '46', trunk: '0' }, GB: { cc: '44', trunk: '0' },
  CH: { cc: '41', trunk: '0' }, NO: { cc: '47', trunk: null }, IS: { cc: '354', trunk: null },
};

const SCIENTIFIC = /^(\d+)(?:[.,](\d+))?\s*[eE]\s*\+?(\d+)$/;

/** Digits Excel kept of a number it stored: "3.3123456789E+10" is exact, "3.31E+10" lost digits. */
function fromScientific(s: string): Parsed<string> | undefined {
  const m = SCIENTIFIC.exec(s.replace(/\s/g, ''));
  if (!m) return undefined;
  const [, int, frac = '', exp] = m;
  if (frac.length !== Number(exp)) {
    return bad('phone_scientific', 'phoneScientific', { value: s });
  }
  return good(int! + frac);
}

/** A number a spreadsheet stored as digits: its leading + (or national 0) was dropped. */
function fromDigits(digits: string, country: string | null, original: string): Parsed<string> {
  const c = country ? CALLING[country] : undefined;
  if (c && digits.startsWith(c.cc) && digits.length - c.cc.length >= 8) return good(`+${digits}`);
  if (c && digits.length >= 6 && digits.length <= 12) return good(`+${c.cc}${digits}`);
  if (digits.length >= 11) return good(`+${digits}`);
  return good(original, [problem('phone_not_normalised', 'phoneNotNormalised', { phone: original })]);
}

/**
 * Kept as text. International numbers stay as written; 00… becomes +…; a national number becomes
 * E.164 when the expert's country is known.
 */
export function parsePhone(cell: SheetCell, country: string | null): Parsed<string> | null {
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell <= 0) return bad('bad_phone', 'badPhone', { value: cell });
    const digits = numberText(cell);
    return fromDigits(digits, country, digits);
  }
  const s = cellText(cell);
  if (s === null) return null;
  const sci = fromScientific(s);
  if (sci) return sci.ok ? fromDigits(sci.value, country, s) : sci;
  const compact = s.replace(/[\s.\-()/\u00a0]/g, '');
  if (/^\+\d{6,15}$/.test(compact)) return good(s.replace(/\s+/g, ' '));
  if (/^00\d{6,15}$/.test(compact)) return good(`+${compact.slice(2)}`);
  const c = country ? CALLING[country] : undefined;
  if (c && /^\d{6,14}$/.test(compact)) {
    if (c.trunk && compact.startsWith(c.trunk)) return good(`+${c.cc}${compact.slice(c.trunk.length)}`);
    if (!c.trunk) return good(`+${c.cc}${compact}`);
  }
  if (!/\d/.test(s)) return bad('bad_phone', 'badPhone', { value: s });
  return good(s);
}

// ---------- dates ----------
const DAY_MS = 86_400_000;
/** Excel day 0: 1899-12-30 for the 1900 system (which counts a 29 February 1900 that never was), 1904-01-01 for the Mac system. */
export function excelSerialToIso(serial: number, date1904: boolean): string | undefined {
  const days = Math.floor(serial);
  if (days < 1 || days > 2_958_465 || (!date1904 && days === 60)) return undefined;
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  return new Date(epoch + days * DAY_MS).toISOString().slice(0, 10);
}

function partial(s: string, original: string): Parsed<string> {
  const r = PartialDate.safeParse(s);
  return r.success ? good(r.data) : bad('bad_date', 'dateNotReal', { value: original, reason: r.error.issues[0]?.message ?? 'invalid' });
}

const pad = (n: string) => n.padStart(2, '0');

export function parseDate(cell: SheetCell, order: 'dmy' | 'mdy', date1904: boolean): Parsed<string> | null {
  if (cell !== null && typeof cell === 'object') return partial(cell.date, cell.date);
  if (typeof cell === 'number') {
    const iso = excelSerialToIso(cell, date1904);
    return iso ? partial(iso, String(cell)) : bad('bad_date', 'cellNotDate', { value: cell });
  }
  const s = cellText(cell);
  if (s === null) return null;
  let m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return partial([m[1], m[2] && pad(m[2]), m[3] && pad(m[3])].filter(Boolean).join('-'), s);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(s);
  if (m) {
    const [, a, b, y] = m;
    if (y!.length !== 4) return bad('bad_date', 'twoDigitYear', { value: s });
    const [d, mo] = order === 'dmy' ? [a!, b!] : [b!, a!];
    const r = partial(`${y}-${pad(mo)}-${pad(d)}`, s);
    if (!r.ok) {
      const other = PartialDate.safeParse(`${y}-${pad(order === 'dmy' ? a! : b!)}-${pad(order === 'dmy' ? b! : a!)}`);
      if (other.success) return bad('date_order', order === 'dmy' ? 'dateDayFirst' : 'dateMonthFirst', { value: s });
    }
    return r;
  }
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return partial(`${m[2]}-${pad(m[1]!)}`, s);
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const iso = excelSerialToIso(Number(s), date1904);
    if (iso) return partial(iso, s);
  }
  return bad('bad_date', 'badDate', { value: s });
}

// ---------- codes and words ----------
function lexicon(entries: [string, string][]): Map<string, string> {
  return new Map(entries.map(([k, v]) => [fold(k), v]));
}

const ENUM_WORDS: Record<'sector' | 'availability' | 'rosterStatus' | 'consentBasis', Map<string, string>> = {
  sector: lexicon([
    ...EXPERT_SECTORS.map((c) => [c.replace(/_/g, ' '), c] as [string, string]),
    ['public administration', 'public_administration'], ['administration publique', 'public_administration'], ['administration', 'public_administration'],
    ['ministry', 'public_administration'], ['ministere', 'public_administration'], ['government', 'public_administration'],
    ['eu agency', 'eu_agency'], ['agence de l ue', 'eu_agency'], ['agence europeenne', 'eu_agency'],
    ['university', 'academia'], ['universite', 'academia'], ['academic', 'academia'], ['milieu universitaire', 'academia'], ['recherche', 'academia'],
    ['ong', 'ngo'], ['non governmental organisation', 'ngo'], ['societe civile', 'ngo'], ['civil society', 'ngo'],
    ['prive', 'private'], ['secteur prive', 'private'], ['private sector', 'private'],
    ['international organisation', 'international_org'], ['international organization', 'international_org'], ['organisation internationale', 'international_org'],
    ['partner administration', 'partner_administration'], ['administration partenaire', 'partner_administration'],
  ]),
  availability: lexicon([
    ...AVAILABILITIES.map((c) => [c, c] as [string, string]),
    ['disponible', 'available'], ['yes', 'available'], ['oui', 'available'], ['limitee', 'limited'], ['limite', 'limited'],
    ['partially available', 'limited'], ['partiellement disponible', 'limited'], ['indisponible', 'unavailable'],
    ['non disponible', 'unavailable'], ['not available', 'unavailable'], ['no', 'unavailable'], ['non', 'unavailable'],
  ]),
  rosterStatus: lexicon([
    ...ROSTER_STATUSES.map((c) => [c, c] as [string, string]),
    ['actif', 'active'], ['inactif', 'inactive'], ['inactive', 'inactive'], ['archive', 'archived'], ['archivee', 'archived'],
  ]),
  consentBasis: lexicon([
    ...CONSENT_BASES.map((c) => [c.replace(/_/g, ' '), c] as [string, string]),
    ['consentement', 'consent'], ['interet legitime', 'legitimate_interest'], ['contrat', 'contract'], ['mission d interet public', 'public_task'],
  ]),
};

export function parseEnum(kind: keyof typeof ENUM_WORDS, s: string): Parsed<string> {
  const v = ENUM_WORDS[kind].get(fold(s));
  return v ? good(v) : bad('bad_value', 'badEnum', { value: s, kind, allowed: [...new Set(ENUM_WORDS[kind].values())].join(', ') });
}

const TRUE_WORDS = new Set(['yes', 'oui', 'true', 'vrai', '1', 'x', 'y', 'o']);
const FALSE_WORDS = new Set(['no', 'non', 'false', 'faux', '0', 'n']);
export function parseBoolean(cell: SheetCell): Parsed<boolean> | null {
  if (typeof cell === 'boolean') return good(cell);
  const s = cellText(cell);
  if (s === null) return null;
  const f = fold(s);
  if (TRUE_WORDS.has(f)) return good(true);
  if (FALSE_WORDS.has(f)) return good(false);
  return bad('bad_value', 'notYesNo', { value: s });
}

/** The reference data as lookups by folded name, built once per import. */
export interface Lexicons {
  countries: Map<string, string>;
  languages: Map<string, string>;
  languageCodes: Set<string>;
  topics: Map<string, string>;
}

/** Spellings that are not the reference names: EU usage (EL, UK) and French adjectives. */
const COUNTRY_ALIASES: [string, string][] = [['uk', 'GB'], ['el', 'GR'], ['united kingdom', 'GB'], ['royaume uni', 'GB'], ['czech republic', 'CZ'], ['republique tcheque', 'CZ'], ['holland', 'NL'], ['pays bas', 'NL']];
const LANGUAGE_ALIASES: [string, string][] = [
  ['francaise', 'fr'], ['anglaise', 'en'], ['espagnole', 'es'], ['allemande', 'de'], ['italienne', 'it'], ['portugaise', 'pt'],
  ['neerlandaise', 'nl'], ['hollandais', 'nl'], ['castillan', 'es'], ['castilian', 'es'], ['farsi', 'fa'], ['flemish', 'nl'], ['flamand', 'nl'],
  ['arabic', 'ar'], ['arabe', 'ar'], ['deutsch', 'de'], ['espanol', 'es'], ['italiano', 'it'], ['portugues', 'pt'], ['nederlands', 'nl'], ['francais', 'fr'], ['english', 'en'], ['castellano', 'es'], ['ingles', 'en'], ['frances', 'fr'], ['aleman', 'de'], ['russe', 'ru'], ['polonais', 'pl'], ['roumain', 'ro'], ['grec', 'el'], ['swahili', 'sw'],
];

export function buildLexicons(ref: ReferenceIndex): Lexicons {
  const countries = new Map<string, string>();
  for (const c of ref.reference.countries) {
    countries.set(fold(c.en), c.code);
    countries.set(fold(c.fr), c.code);
    countries.set(c.code.toLowerCase(), c.code);
  }
  for (const [k, v] of COUNTRY_ALIASES) countries.set(k, v);
  const languages = new Map<string, string>();
  for (const l of ref.reference.languages) {
    languages.set(fold(l.en), l.code);
    languages.set(fold(l.fr), l.code);
  }
  for (const [k, v] of LANGUAGE_ALIASES) languages.set(k, v);
  const topics = new Map<string, string>();
  for (const t of ref.reference.topics) {
    topics.set(fold(t.code), t.code);
    topics.set(fold(t.en), t.code);
    topics.set(fold(t.fr), t.code);
  }
  return { countries, languages, languageCodes: ref.languages, topics };
}

export function parseCountry(lex: Lexicons, s: string): Parsed<string> {
  const code = lex.countries.get(fold(s));
  return code ? good(code) : bad('bad_country', 'badCountry', { value: s });
}

const LIST_SPLIT = /\s*(?:[,;/|\n\r+]|\bet\b|\band\b)\s*/i;

export function parseTopics(lex: Lexicons, s: string): Parsed<string[]> {
  const out: string[] = [];
  const warnings: Problem[] = [];
  for (const part of s.split(/\s*[,;|\n\r]\s*/).filter(Boolean)) {
    const code = lex.topics.get(fold(part));
    if (!code) warnings.push(problem('topic_unknown', 'topicUnknown', { value: part }));
    else if (!out.includes(code)) out.push(code);
  }
  return good(out, warnings);
}

/** Level words as staff write them; a plain "courant/fluent" is read as C1, a "bilingue" as native. */
const LEVEL_WORDS: [RegExp, Level][] = [
  [/\b(native|natif|nativo|nativa|native speaker|maternelle|mother tongue|bilingue|bilingual|first language|langue maternelle|nativ)\b/, 'native'],
  [/\b(courant|couramment|fluent|fluently|fluency|fluido|avance|avanzado|advanced|proficient|excellent|tres bien|very good)\b/, 'C1'],
  [/\b(bon|bonne|good|professional|professionnel|working knowledge|upper intermediate)\b/, 'B2'],
  [/\b(intermediate|intermediaire|moyen|moyenne|conversational)\b/, 'B1'],
  [/\b(basic|beginner|debutant|notions|elementary|elementaire|scolaire)\b/, 'A2'],
];

/**
 * "FR (C1), anglais courant, Spanish B2": codes or names in English or French, CEFR levels or
 * common words. A part with no language, or a language with no level, is left out and reported.
 */
export function parseLanguages(lex: Lexicons, s: string): Parsed<{ code: string; level: Level }[]> {
  const out: { code: string; level: Level }[] = [];
  const warnings: Problem[] = [];
  for (const part of s.split(LIST_SPLIT).filter((p) => p.trim() !== '')) {
    const f = fold(part);
    const words = f.split(' ');
    let code: string | undefined;
    let rest = f;
    for (let n = Math.min(3, words.length); n >= 1 && !code; n--) {
      for (let i = 0; i + n <= words.length; i++) {
        const name = words.slice(i, i + n).join(' ');
        const c = lex.languages.get(name);
        if (c) {
          code = c;
          rest = [...words.slice(0, i), ...words.slice(i + n)].join(' ');
          break;
        }
      }
    }
    if (!code) {
      const i = words.findIndex((w) => w.length === 2 && lex.languageCodes.has(w));
      if (i >= 0) {
        code = words[i];
        rest = words.filter((_, j) => j !== i).join(' ');
      }
    }
    if (!code) {
      warnings.push(problem('language_unknown', 'languageUnknown', { value: part.trim() }));
      continue;
    }
    const cefr = /\b([abc][12])\b/.exec(rest);
    const level = cefr ? (cefr[1]!.toUpperCase() as Level) : LEVEL_WORDS.find(([re]) => re.test(rest))?.[1];
    if (!level) {
      warnings.push(problem('language_level_missing', 'languageLevelMissing', { value: part.trim() }));
      continue;
    }
    const existing = out.find((l) => l.code === code);
    if (existing) {
      if (CEFR_LEVELS.indexOf(level) > CEFR_LEVELS.indexOf(existing.level)) existing.level = level;
      continue;
    }
    out.push({ code, level });
  }
  return good(out, warnings);
}
