// searchAll over Actions, lessons and experts. User text never reaches MATCH raw: it is parsed,
// folded and rebuilt from quoted tokens, so no input can raise an FTS5 syntax error.
import type { ParsedInput, SearchHit, SearchResult, SearchType } from '../../shared/api';
import type { Action, Expert, Lesson } from '../../shared/schemas';
import type { Db } from '../db/open';
import type { ReferenceIndex } from '../reference/reference.repo';
import { foldWords, isStopword, placePairs, stems, STOPWORDS, wordPairs } from './fold';
import { resolveFilters } from './filters';
import { segmentsToText, segmentText, snippet, textMatches, type Matcher } from './highlight';
import { parseQuery, type Clause, type ParsedQuery } from './query';
import type { DocIndex } from './doc-index';
import { countMatches, docsWithKey, matchRowids, newestMatches, rankAll } from './search.repo';
import { findConcepts, type Concept, type Thesaurus } from './thesaurus';
import { correctWord } from './typo';

export const FACETS = ['type', 'domain', 'topic', 'region', 'country', 'year', 'status', 'language'] as const;
/** Fewer hits than this and a spelling suggestion is looked for. */
const FEW_HITS = 3;
/** Fewer hits than this for all the words, and records with some of them are shown too. */
const RELAX_BELOW = 5;

export interface Readers {
  action(id: string): Action | undefined;
  lesson(id: string): Lesson | undefined;
  expert(id: string): Expert | undefined;
}

export interface SearchContext {
  db: Db;
  ref: ReferenceIndex;
  thesaurus: Thesaurus;
  readers: Readers;
  docs: DocIndex;
}

/** The FTS expressions of one query; user text only ever appears inside quoted tokens. */
export interface SearchSpec {
  /** Words, phrases and concepts over search_fts; null lists by filters alone. */
  match: string | null;
  /** The same over titles only: ranks huge match sets cheaply. */
  titleMatch: string | null;
  /** Trigram substrings over titles, codes and names (adds hits the words missed). */
  names: string | null;
  /** Exact-accent phrases over search_exact. */
  exact: string | null;
  /** Excluded words (-word), removed from every hit. */
  exclude: string | null;
  /** Folded query: a record whose code, title or name is exactly this comes first. */
  key: string;
  /** Only one- and two-letter words: titles and names by prefix, unranked (typing fast path). */
  fast: boolean;
  /**
   * Two-letter words beside longer ones ("asylum po" while typing "policy"): each must be a word
   * of the text or begin a word of the title. As a prefix over the whole text, two letters would
   * expand to thousands of words and cost more than all the rest of the query.
   */
  short: string[];
  /** Any of the meaningful words (stopwords left out), for when all of them find too little. */
  relaxed: string | null;
}

/** Above this many matches, BM25 over every match costs too much: titles are ranked, the rest by date. */
const RANK_ALL_MAX = 5_000;
/** Substrings of titles and names are looked for only when the words found fewer records than this. */
const SUBSTRING_BELOW = 50;

/**
 * The words of a question that say nothing of its subject: "what did we learn about diaspora
 * policy in West Africa?" asks for diaspora policy and West Africa. (Not "us" or "who": the US
 * and the WHO.) They are treated as the small words of the index are, below.
 */
const QUESTION_WORDS = new Set(
  `what which whom whose how why when where did do does done we our ours you your they their them there here this that these those
  about any some have has had was were been can could should would shall might must learn learned learnt know tell show find
  quoi quel quelle quels quelles comment pourquoi quand nous notre nos vous votre vos ils elles avons avez ont ai ete etait
  etaient sont ce ces cet cette appris apprendre savoir trouver`.split(/\s+/),
);
const isFiller = (w: string) => isStopword(w) || QUESTION_WORDS.has(w);
/**
 * The words that must all occur: small words are left out when others remain ("of"* alone
 * matches most documents and costs more than the rest of the query); phrases keep them.
 */
const needed = (words: string[]) => (words.every(isFiller) ? words : words.filter((w) => !isFiller(w)));
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
const allOf = (tokens: string[]) => (tokens.length === 1 ? quote(tokens[0]!) : `(${tokens.map(quote).join(' AND ')})`);

/**
 * Builds expressions over the text (all columns, stems included) or over titles only. Words and
 * phrases of the text are not limited to the text columns: the filter costs a fifth of the query
 * (FTS5 then reads every position), and what it kept out is a stem of a word the document has.
 */
class Expr {
  /**
   * No `columns`: over the whole of search_fts, with its stems, word pairs and places columns.
   * `places`: the place tokens the index can hold (a term that is no place name costs no lookup).
   */
  constructor(
    private readonly columns: string | null,
    private readonly places: ReadonlySet<string> = new Set(),
  ) {}

  private get fullText(): boolean {
    return this.columns === null;
  }

  private in(expr: string): string {
    return this.columns ? `${this.columns} : ${expr}` : expr;
  }

  /**
   * One word: its folded form as a prefix, or (in the text) any of its stems. A stem that starts
   * with the word adds nothing the prefix does not match, and would cost a second pass.
   */
  word(word: string): string {
    const prefix = this.in(`${quote(word)}*`);
    const extra = this.fullText ? stems(word).filter((s) => !s.startsWith(word)) : [];
    return extra.length ? `(${prefix} OR ${extra.map((s) => `stems : ${quote(s)}`).join(' OR ')})` : prefix;
  }

  phrase(words: string[]): string {
    return this.in(quote(words.join(' ')));
  }

  /**
   * A thesaurus term of several words: in the text, its word pairs (small words between them do
   * not count: "formation de formateurs" is also "formation des formateurs"); in titles, the phrase.
   */
  term(words: string[]): string {
    const pairs = this.fullText ? wordPairs(words) : [];
    return pairs.length === 0 ? this.phrase(words) : allOf(pairs);
  }

  /** The same term as the name of a record's country or region (in the text only). */
  place(words: string[]): string[] {
    const pairs = placePairs(words);
    return pairs.length > 0 && pairs.every((p) => this.places.has(p)) ? [allOf(pairs)] : [];
  }

  clause(c: Clause): string {
    if (c.phrase) return this.phrase(c.words);
    return this.all(c.words);
  }

  private all(words: string[]): string {
    const kept = needed(words);
    return kept.length === 1 ? this.word(kept[0]!) : `(${kept.map((w) => this.word(w)).join(' AND ')})`;
  }

  concept(words: string[], concept: Concept): string {
    const others = concept.terms.filter((t) => t.join(' ') !== words.join(' '));
    // A phrase with a word that one of the one-word alternatives matches as a prefix finds nothing
    // more ("training course" once "training"* is there), and phrases are the costly part.
    const single = [...(words.length === 1 ? words : []), ...others.filter((t) => t.length === 1).map((t) => t[0]!)];
    const covered = (t: string[]) => t.some((w) => single.some((s) => w.startsWith(s)));
    const alternatives = [
      this.all(words),
      ...this.place(words),
      ...others.filter((t) => t.length === 1 || !covered(t)).flatMap((t) => (t.length === 1 ? [this.word(t[0]!)] : [this.term(t), ...this.place(t)])),
      ...concept.acronyms.map((a) => a.toLowerCase()).filter((a) => !covered([a])).map((a) => this.phrase([a])),
    ];
    return `(${[...new Set(alternatives)].join(' OR ')})`;
  }
}

const TITLE_EXPR = new Expr('{title}');

interface Plan {
  spec: SearchSpec;
  matcher: Matcher;
  /** The plain words a spelling suggestion may correct. */
  words: string[];
}

export function planQuery(t: Thesaurus, q: ParsedQuery, places: ReadonlySet<string>): Plan {
  const text = new Expr(null, places);
  const matcher: Matcher = { prefixes: [], stems: new Set(), exact: new Set() };
  const exprs: string[] = [];
  const titleExprs: string[] = [];
  const meaningful: string[] = [];
  // "training of trainers": the small word is left out of the AND, unless the query has nothing else.
  const onlyStopwords = q.groups.every((g) => g.length === 1 && !g[0]!.phrase && g[0]!.words.every(isFiller));
  const allClauses = q.groups.flat();
  const fast = allClauses.length > 0 && allClauses.every((c) => !c.phrase && c.words.every((w) => w.length <= 2));
  const hasLongWord = allClauses.some((c) => c.phrase || c.words.some((w) => w.length > 2 && !isFiller(w)));
  const short: string[] = [];
  const plainWord = (w: string) => {
    if (hasLongWord && w.length === 2 && !isFiller(w)) {
      short.push(w);
      titleExprs.push(TITLE_EXPR.word(w));
    } else both((e) => e.word(w), isFiller(w));
  };
  const both = (f: (e: Expr) => string, stopword = false) => {
    if (stopword && !onlyStopwords) return;
    exprs.push(f(text));
    titleExprs.push(f(TITLE_EXPR));
    if (!stopword) meaningful.push(exprs[exprs.length - 1]!);
  };
  const plainRun: { word: string; raw: string }[] = [];
  const flushRun = () => {
    const words = plainRun.map((p) => p.word);
    const spans = findConcepts(
      t,
      words,
      plainRun.map((p) => p.raw),
    );
    let i = 0;
    for (const span of spans) {
      for (; i < span.start; i++) plainWord(words[i]!);
      both((e) => e.concept(words.slice(span.start, span.start + span.length), span.concept));
      for (const term of span.concept.terms) {
        for (const w of term) if (w.length > 2 && !STOPWORDS.has(w)) matcher.exact.add(w);
        if (term.length === 1) stems(term[0]!).forEach((s) => matcher.stems.add(s));
      }
      span.concept.acronyms.forEach((a) => matcher.exact.add(a.toLowerCase()));
      i = span.start + span.length;
    }
    for (; i < words.length; i++) plainWord(words[i]!);
    plainRun.length = 0;
  };
  for (const group of q.groups) {
    for (const c of group) {
      if (c.phrase) c.words.forEach((w) => matcher.exact.add(w));
      else
        for (const w of c.words) {
          if (isFiller(w) && !onlyStopwords) continue;
          matcher.prefixes.push(w);
          stems(w).forEach((s) => matcher.stems.add(s));
        }
    }
    const single = group.length === 1 && !group[0]!.phrase && group[0]!.words.length === 1 ? group[0]! : null;
    if (single) {
      plainRun.push({ word: single.words[0]!, raw: single.raw });
      continue;
    }
    flushRun();
    both((e) => (group.length === 1 ? e.clause(group[0]!) : `(${group.map((c) => e.clause(c)).join(' OR ')})`));
  }
  flushRun();

  const excludeExpr = q.excludes.length ? q.excludes.map((c) => text.clause(c)).join(' OR ') : null;
  const positive = exprs.length ? (fast ? titleExprs.join(' AND ') : exprs.join(' AND ')) : null;
  const plainWords = q.groups.flatMap((g) => (g.length === 1 && !g[0]!.phrase ? g[0]!.words : []));
  const allPlain = q.groups.every((g) => g.length === 1 && !g[0]!.phrase);
  const phrases = q.groups.flatMap((g) => g.filter((c) => c.phrase));
  return {
    spec: {
      match: positive,
      titleMatch: titleExprs.length ? titleExprs.join(' AND ') : null,
      fast,
      short,
      relaxed: !fast && meaningful.length >= 2 ? meaningful.join(' OR ') : null,
      names: allPlain && plainWords.length > 0 && plainWords.every((w) => w.length >= 3) ? plainWords.map(quote).join(' AND ') : null,
      exact: phrases.length && phrases.length === q.groups.flat().filter((c) => c.phrase).length && q.groups.every((g) => g.length === 1) ? phrases.map((p) => quote(p.exactWords.join(' '))).join(' AND ') : null,
      exclude: excludeExpr,
      key: q.groups.flatMap((g) => g.flatMap((c) => c.words)).join(' '),
    },
    matcher,
    words: plainWords,
  };
}

export function search(ctx: SearchContext, q: ParsedInput<'search'>): SearchResult {
  const parsed = parseQuery(q.query, foldWords);
  const facets = resolveFilters(ctx.ref, parsed.filters, { ...(q.filters ?? {}), ...(q.types?.length ? { type: q.types } : {}) });
  const empty: SearchResult = { query: q.query, total: 0, hits: [], facets: {}, suggestion: null, suggestionApplied: false };
  const plan = planQuery(ctx.thesaurus, parsed, ctx.ref.placePairs);
  if (!plan.spec.match && !plan.spec.exclude && facets.length === 0) return empty;
  ctx.docs.sync();

  const run = (p: Plan, firsts?: Set<number>): SearchResult => execute(ctx, p, facets, q, firsts).result;
  const first = execute(ctx, plan, facets, q);
  let result = first.result;
  if (result.total >= FEW_HITS || plan.words.length === 0 || plan.spec.fast) return relax(result);

  const corrected = plan.words.map((w) => correctWord(ctx.db, w) ?? w);
  if (corrected.every((w, i) => w === plan.words[i])) return relax(result);
  const suggestion = rewrite(q.query, plan.words, corrected);
  const better = run(planQuery(ctx.thesaurus, parseQuery(suggestion, foldWords), ctx.ref.placePairs));
  if (result.total === 0 && better.total > 0) return { ...better, query: q.query, suggestion, suggestionApplied: true };
  if (better.total > result.total) result = { ...result, suggestion };
  return relax(result);

  /** When every word together finds too little, records with some of the words follow the exact matches. */
  function relax(strict: SearchResult): SearchResult {
    if (strict.total >= RELAX_BELOW || !plan.spec.relaxed || !plan.spec.match) return strict;
    const firsts = new Set(first.strictRows);
    // Any of the words: a two-letter word is one of them, no longer a condition on every record.
    const wider = run({ ...plan, spec: { ...plan.spec, match: plan.spec.relaxed, titleMatch: null, short: [] } }, firsts);
    return wider.total > strict.total ? { ...wider, suggestion: strict.suggestion } : strict;
  }
}

/** The result, and the documents with all the words (before filters) that a relaxed search puts first. */
function execute(ctx: SearchContext, p: Plan, filters: [string, string[]][], q: ParsedInput<'search'>, firsts?: Set<number>): { result: SearchResult; strictRows: number[] } {
  const { db, docs } = ctx;
  const spec = p.spec;
  const toHits = (rows: [number, number][]) => {
    const described = docs.describe(rows.map(([rowid]) => rowid));
    return rows
      .map(([rowid, score]) => {
        const d = described.get(rowid);
        return d ? toHit(ctx.readers, p.matcher, d.type, d.refId, score) : null;
      })
      .filter((h): h is SearchHit => h !== null);
  };
  if (spec.fast && spec.match && !spec.exclude && filters.length === 0) {
    // One or two typed letters match a large part of the corpus: show the newest title matches
    // at once and leave the facets for when a word has taken shape.
    const { total, rowids } = newestMatches(db, spec.match, q.limit, q.offset);
    return { result: { query: q.query, total, hits: toHits(rowids.map((r) => [r, 0])), facets: {}, suggestion: null, suggestionApplied: false }, strictRows: [] };
  }
  let candidates: number[];
  let strictRows: number[] = [];
  /** How many documents the words match before the filters: what ranking them all costs. */
  let wordMatches = 0;
  const substringOnly = new Set<number>();
  if (spec.match) {
    const strict = strictMatches(db, spec);
    candidates = strictRows = strict.rows;
    wordMatches = strict.matched;
    if (spec.names && candidates.length < SUBSTRING_BELOW) {
      const seen = new Set(candidates);
      candidates = [...candidates];
      for (const r of matchRowids(db, 'search_names', spec.names)) {
        if (seen.has(r)) continue;
        candidates.push(r);
        substringOnly.add(r);
      }
    }
  } else candidates = docs.liveRowids();
  if (spec.exact) {
    const exact = new Set(matchRowids(db, 'search_exact', spec.exact));
    candidates = candidates.filter((r) => exact.has(r));
  }
  if (spec.exclude) {
    const excluded = new Set(matchRowids(db, 'search_fts', spec.exclude));
    candidates = candidates.filter((r) => !excluded.has(r));
  }
  const { kept, facets } = filterAndCount(docs, candidates, filters);
  const ordered = order(ctx, p, kept, wordMatches, substringOnly, q.sort, q.offset + q.limit, firsts);
  return { result: { query: q.query, total: kept.length, hits: toHits(ordered.slice(q.offset, q.offset + q.limit)), facets, suggestion: null, suggestionApplied: false }, strictRows };
}

/**
 * Every document with all the words (the fast path looks in titles only), and how many the FTS
 * expression matched before the two-letter words narrowed them: what ranking that expression costs.
 */
export function strictMatches(db: Db, spec: SearchSpec): { rows: number[]; matched: number } {
  let rows = matchRowids(db, spec.fast ? 'search_titles' : 'search_fts', spec.match!);
  const matched = rows.length;
  for (const w of spec.short) {
    const allowed = new Set(matchRowids(db, 'search_fts', quote(w)));
    for (const r of matchRowids(db, 'search_titles', `${quote(w)}*`)) allowed.add(r);
    rows = rows.filter((r) => allowed.has(r));
  }
  return { rows, matched };
}

/**
 * One pass over the candidates: which pass every filter (OR within a facet, AND across), and the
 * count of each facet value among the candidates that pass every filter but their own facet's.
 */
function filterAndCount(docs: DocIndex, candidates: number[], filters: [string, string[]][]) {
  const active = filters.filter(([, v]) => v.length > 0);
  const full = (1 << active.length) - 1;
  const bitOfFacet = new Map(active.map(([f], i) => [f, 1 << i]));
  const n = docs.values.length;
  const allowedBit = new Int32Array(n);
  const facetBit = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const fv = docs.values[v];
    if (fv) facetBit[v] = bitOfFacet.get(fv[0]) ?? 0;
  }
  active.forEach(([facet, values], i) => {
    for (const value of values) {
      const id = docs.valueId(facet, value);
      if (id !== undefined) allowedBit[id] = 1 << i;
    }
  });
  const counts = new Int32Array(n);
  const kept: number[] = [];
  const { facetStart: start, facetEnd: end, facetData: data } = docs;
  const size = end.length;
  for (let c = 0; c < candidates.length; c++) {
    const rowid = candidates[c]!;
    if (rowid >= size) continue;
    const from = start[rowid]!;
    const to = end[rowid]!;
    if (from === to) continue;
    if (full === 0) {
      // No filter: every candidate is kept and counts for every value it has.
      kept.push(rowid);
      for (let k = from; k < to; k++) counts[data[k]!]!++;
      continue;
    }
    let mask = 0;
    for (let k = from; k < to; k++) mask |= allowedBit[data[k]!]!;
    if (mask === full) kept.push(rowid);
    for (let k = from; k < to; k++) {
      const v = data[k]!;
      const need = full & ~facetBit[v]!;
      if ((mask & need) === need) counts[v]!++;
    }
  }
  const facets: Record<string, { value: string; count: number }[]> = Object.fromEntries(FACETS.map((f) => [f, []]));
  for (let v = 0; v < n; v++) {
    if (counts[v]! === 0) continue;
    const [facet, value] = docs.values[v]!;
    (facets[facet] ??= []).push({ value, count: counts[v]! });
  }
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return { kept, facets };
}

/**
 * BM25 ranks of the matches when there are few enough to rank them all (the cost grows with the
 * matches and with every word's postings); else of the title matches alone, when few enough;
 * else null: too many, even in titles, for ranking to tell them apart.
 */
export function rankMatches(db: Db, spec: SearchSpec, wordMatches: number, max = RANK_ALL_MAX): [number, number][] | null {
  if (!spec.match) return null;
  if (wordMatches <= max) return rankAll(db, 'search_fts', spec.match);
  if (spec.titleMatch && countMatches(db, 'search_titles', spec.titleMatch) <= max) return rankAll(db, 'search_titles', spec.titleMatch);
  return null;
}

/** The first `k` entries of `items` in `before` order, without sorting all of them. */
function topK<T>(items: Iterable<T>, k: number, before: (a: T, b: T) => boolean): T[] {
  const out: T[] = [];
  for (const x of items) {
    if (out.length === k && !before(x, out[k - 1]!)) continue;
    let i = out.length === k ? k - 1 : out.length;
    if (out.length === k) out.pop();
    while (i > 0 && before(x, out[i - 1]!)) i--;
    out.splice(i, 0, x);
  }
  return out;
}

const newerFirst = (docs: DocIndex) => (a: number, b: number) => docs.date[a]! > docs.date[b]!;

/** [rowid, score] of the first `k` hits in the requested order. */
function order(
  ctx: SearchContext,
  p: Plan,
  kept: number[],
  wordMatches: number,
  substringOnly: Set<number>,
  sort: ParsedInput<'search'>['sort'],
  k: number,
  firsts?: Set<number>,
): [number, number][] {
  const { docs, db } = ctx;
  const byDate = newerFirst(docs);
  if (sort === 'date') return topK(kept, k, byDate).map((r) => [r, 0]);
  if (sort === 'title') {
    const titles = docs.sortTitles();
    return topK(kept, k, (a, b) => titles[a]! < titles[b]!).map((r) => [r, 0]);
  }

  const rank = new Map(p.spec.fast ? [] : (rankMatches(db, p.spec, wordMatches) ?? []));
  const exact = new Set(p.spec.key ? docsWithKey(db, p.spec.key) : []);
  const tier = (r: number) => (exact.has(r) ? 0 : firsts?.has(r) ? 1 : rank.has(r) ? 2 : substringOnly.has(r) ? 4 : 3);
  const before = (a: number, b: number) => {
    const ta = tier(a);
    const tb = tier(b);
    if (ta !== tb) return ta < tb;
    const ra = rank.get(a) ?? 0;
    const rb = rank.get(b) ?? 0;
    return ra !== rb ? ra < rb : byDate(a, b);
  };
  return topK(kept, k, before).map((r) => [r, -(rank.get(r) ?? 0)]);
}

/** The query with each misspelt word replaced, everything else (filters, quotes) as typed. */
function rewrite(query: string, words: string[], corrected: string[]): string {
  const fixes = new Map(words.map((w, i): [string, string] => [w, corrected[i]!]).filter(([a, b]) => a !== b));
  return query.replace(/[\p{L}\p{N}'’]+/gu, (token) => {
    const folded = foldWords(token);
    return folded.length === 1 && fixes.has(folded[0]!) ? fixes.get(folded[0]!)! : token;
  });
}

function toHit(readers: Readers, m: Matcher, type: SearchType, id: string, score: number): SearchHit | null {
  const hit = (code: string | null, title: string, fields: { name: string; text: string | null }[], facts: SearchHit['facts']): SearchHit => {
    const titleSegments = segmentText(m, title);
    const snip = snippet(m, fields);
    const matchedFields = [
      ...new Set([
        ...(titleSegments.some((s) => s.hit) || (code !== null && textMatches(m, code)) ? ['title'] : []),
        ...fields.filter((f) => f.text && textMatches(m, f.text)).map((f) => f.name),
      ]),
    ];
    return { type, id, code, title, titleSegments, snippet: segmentsToText(snip.segments), segments: snip.segments, matchedFields, score, facts };
  };
  if (type === 'action') {
    const a = readers.action(id);
    if (!a) return null;
    return hit(
      a.code,
      a.titleEn ?? a.titleFr ?? a.code,
      [
        { name: 'summary', text: a.summary },
        { name: 'objectives', text: a.objectives },
        { name: 'activities', text: a.activities },
        { name: 'results', text: a.results },
        { name: 'partners', text: a.partners.join(', ') || null },
        { name: 'notes', text: a.notes },
        // The other language's title and the aliases: a hit there is shown rather than a bare summary.
        { name: 'title', text: [a.titleEn ? a.titleFr : null, ...a.aliases].filter(Boolean).join(' · ') || null },
      ],
      { countries: a.countries, domain: a.domain, startDate: a.startDate, endDate: a.endDate, status: a.status },
    );
  }
  if (type === 'lesson') {
    const l = readers.lesson(id);
    if (!l) return null;
    return hit(
      null,
      l.title,
      [
        { name: 'lesson', text: l.lesson },
        { name: 'recommendation', text: l.recommendation },
        { name: 'context', text: l.context },
      ],
      { countries: l.countries, domain: null, startDate: l.recordedOn, endDate: null, status: l.reviewStatus },
    );
  }
  const e = readers.expert(id);
  if (!e) return null;
  return hit(
    null,
    `${e.givenName} ${e.familyName}`,
    [
      { name: 'expertise', text: e.expertise },
      { name: 'institution', text: [e.institution, e.position].filter(Boolean).join(', ') || null },
    ],
    { countries: e.memberState ? [e.memberState] : [], domain: null, startDate: null, endDate: null, status: e.availability },
  );
}
