// The query language, parsed by hand so that no input can fail: words, "quoted phrases",
// -exclusions, OR, and field:value filters. Whatever cannot be understood is read as words.

export interface Clause {
  /** Folded words (accents, case, ligatures and elisions removed). */
  words: string[];
  /** Quoted: matched as an exact phrase, accents kept. */
  phrase: boolean;
  /** The words with their accents, for exact phrases. */
  exactWords: string[];
  /** As typed (acronyms are matched in their case). */
  raw: string;
}

export interface ParsedQuery {
  /** AND of groups; each group is an OR of clauses. */
  groups: Clause[][];
  excludes: Clause[];
  /** Facet → values as typed (resolved to codes later). */
  filters: Record<string, string[]>;
}

/** Field names people type, in English and French, mapped to facets. */
const FIELDS: Record<string, string> = {
  type: 'type',
  domain: 'domain',
  domaine: 'domain',
  topic: 'topic',
  theme: 'topic',
  region: 'region',
  country: 'country',
  pays: 'country',
  status: 'status',
  statut: 'status',
  year: 'year',
  annee: 'year',
  lang: 'language',
  language: 'language',
  langue: 'language',
};

const MAX_CLAUSES = 32;
const MAX_WORDS_PER_CLAUSE = 12;

export function fieldName(raw: string): string | undefined {
  return FIELDS[raw.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase()];
}

interface Token {
  text: string;
  quoted: boolean;
  negated: boolean;
  field?: string;
}

function tokenize(input: string): Token[] {
  // Control characters (NUL, tabs, newlines…) separate words like spaces do.
  const s = [...input.slice(0, 2000)].map((c) => (c.charCodeAt(0) < 32 || c === '\u007f' ? ' ' : c)).join('');
  const out: Token[] = [];
  let i = 0;
  const readQuoted = (): string => {
    const end = s.indexOf('"', i + 1);
    const text = s.slice(i + 1, end < 0 ? s.length : end);
    i = end < 0 ? s.length : end + 1;
    return text;
  };
  while (i < s.length) {
    if (/\s/.test(s[i]!)) {
      i++;
      continue;
    }
    let negated = false;
    if (s[i] === '-' && i + 1 < s.length && !/[\s-]/.test(s[i + 1]!)) {
      negated = true;
      i++;
    }
    if (s[i] === '"') {
      out.push({ text: readQuoted(), quoted: true, negated });
      continue;
    }
    const field = /^([\p{L}]+):(?=\S)/u.exec(s.slice(i));
    if (field && fieldName(field[1]!)) {
      i += field[0].length;
      if (s[i] === '"') out.push({ text: readQuoted(), quoted: true, negated, field: fieldName(field[1]!) });
      else {
        const m = /^[^\s"]+/.exec(s.slice(i))!;
        i += m[0].length;
        out.push({ text: m[0], quoted: false, negated, field: fieldName(field[1]!) });
      }
      continue;
    }
    const m = /^[^\s"]+/.exec(s.slice(i))!;
    i += m[0].length;
    out.push({ text: m[0], quoted: false, negated });
  }
  return out;
}

/** A French elision typed without its apostrophe ("main d oeuvre", "l union"): read as part of the next word. */
const ELISION_WORD = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)$/i;

export function parseQuery(input: string, fold: (t: string, keepAccents?: boolean) => string[]): ParsedQuery {
  const q: ParsedQuery = { groups: [], excludes: [], filters: {} };
  let orNext = false;
  let clauses = 0;
  const tokens = tokenize(input);
  for (const [i, t] of tokens.entries()) {
    const next = tokens[i + 1];
    if (!t.quoted && !t.field && !t.negated && ELISION_WORD.test(t.text) && next && !next.field && !next.negated) continue;
    if (t.field && !t.negated) {
      (q.filters[t.field] ??= []).push(t.text.trim());
      continue;
    }
    if (!t.quoted && !t.negated && (t.text === 'OR' || t.text === '|' || t.text === 'OU')) {
      orNext = q.groups.length > 0;
      continue;
    }
    const words = fold(t.text).slice(0, MAX_WORDS_PER_CLAUSE);
    if (words.length === 0 || clauses >= MAX_CLAUSES) continue;
    clauses++;
    const clause: Clause = { words, phrase: t.quoted, exactWords: fold(t.text, true).slice(0, MAX_WORDS_PER_CLAUSE), raw: t.text };
    if (t.negated) q.excludes.push(clause);
    else if (orNext) q.groups[q.groups.length - 1]!.push(clause);
    else if (!t.quoted && words.length > 1) for (const w of words) q.groups.push([{ ...clause, words: [w], exactWords: [w] }]);
    else q.groups.push([clause]);
    orNext = false;
  }
  return q;
}
