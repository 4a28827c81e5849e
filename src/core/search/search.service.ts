// searchAll over Actions, lessons and experts. User text never reaches MATCH raw: it is parsed,
// folded and rebuilt from quoted tokens, so no input can raise an FTS5 syntax error.
import type { ParsedInput, SearchHit, SearchResult, SearchType } from '../../shared/api';
import type { Action, Expert, Lesson } from '../../shared/schemas';
import type { Db } from '../db/open';
import type { ReferenceIndex } from '../reference/reference.repo';
import { foldWords, stems } from './fold';
import { resolveFilters } from './filters';
import { segmentsToText, segmentText, snippet, type Matcher } from './highlight';
import { parseQuery, type Clause, type ParsedQuery } from './query';
import { facetCounts, rankDocs, type SearchSpec } from './search.repo';
import { findConcepts, type Concept, type Thesaurus } from './thesaurus';
import { correctWord } from './typo';

export const FACETS = ['type', 'domain', 'topic', 'region', 'country', 'year', 'status', 'language'] as const;
/** Fewer hits than this and a spelling suggestion is looked for. */
const FEW_HITS = 3;

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
}

/** Small words left unhighlighted when they come from a thesaurus expansion. */
const STOPWORDS = new Set('a an and the of in on for to with by des de du la le les et en au aux pour par sur un une dans'.split(' '));
const TEXT = '{title summary body}';
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** One word: its folded form as a prefix in the text columns, or any of its stems. */
function wordExpr(word: string): string {
  return `(${TEXT} : ${quote(word)}* OR ${stems(word)
    .map((s) => `stems : ${quote(s)}`)
    .join(' OR ')})`;
}

const phraseExpr = (words: string[]) => (words.length === 1 ? `${TEXT} : ${quote(words[0]!)}` : `${TEXT} : ${quote(words.join(' '))}`);
const clauseExpr = (c: Clause) => (c.phrase ? phraseExpr(c.words) : c.words.length === 1 ? wordExpr(c.words[0]!) : `(${c.words.map(wordExpr).join(' AND ')})`);

function conceptExpr(words: string[], concept: Concept): string {
  const alternatives = [
    words.length === 1 ? wordExpr(words[0]!) : `(${words.map(wordExpr).join(' AND ')})`,
    ...concept.terms.filter((t) => t.join(' ') !== words.join(' ')).map((t) => (t.length === 1 ? wordExpr(t[0]!) : phraseExpr(t))),
    ...concept.acronyms.map((a) => phraseExpr([a.toLowerCase()])),
  ];
  return `(${[...new Set(alternatives)].join(' OR ')})`;
}

interface Plan {
  spec: Omit<SearchSpec, 'facets'>;
  matcher: Matcher;
  /** The plain words a spelling suggestion may correct. */
  words: string[];
}

export function planQuery(t: Thesaurus, q: ParsedQuery): Plan {
  const matcher: Matcher = { prefixes: [], stems: new Set(), exact: new Set() };
  const exprs: string[] = [];
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
      for (; i < span.start; i++) exprs.push(wordExpr(words[i]!));
      exprs.push(conceptExpr(words.slice(span.start, span.start + span.length), span.concept));
      for (const term of span.concept.terms) {
        for (const w of term) if (w.length > 2 && !STOPWORDS.has(w)) matcher.exact.add(w);
        if (term.length === 1) stems(term[0]!).forEach((s) => matcher.stems.add(s));
      }
      span.concept.acronyms.forEach((a) => matcher.exact.add(a.toLowerCase()));
      i = span.start + span.length;
    }
    for (; i < words.length; i++) exprs.push(wordExpr(words[i]!));
    plainRun.length = 0;
  };
  for (const group of q.groups) {
    for (const c of group) {
      if (c.phrase) c.words.forEach((w) => matcher.exact.add(w));
      else
        for (const w of c.words) {
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
    exprs.push(group.length === 1 ? clauseExpr(group[0]!) : `(${group.map(clauseExpr).join(' OR ')})`);
  }
  flushRun();

  const excludeExpr = q.excludes.length ? q.excludes.map(clauseExpr).join(' OR ') : null;
  const positive = exprs.length ? exprs.join(' AND ') : null;
  const plainWords = q.groups.flatMap((g) => (g.length === 1 && !g[0]!.phrase ? g[0]!.words : []));
  const allPlain = q.groups.every((g) => g.length === 1 && !g[0]!.phrase);
  const phrases = q.groups.flatMap((g) => g.filter((c) => c.phrase));
  return {
    spec: {
      match: positive,
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
  const plan = planQuery(ctx.thesaurus, parsed);
  if (!plan.spec.match && !plan.spec.exclude && facets.length === 0) return empty;

  const run = (p: Plan): SearchResult => {
    const spec = { ...p.spec, facets };
    const { total, rows } = rankDocs(ctx.db, spec, q.sort, q.limit, q.offset);
    const hits = rows.map((r) => toHit(ctx.readers, p.matcher, r.type, r.ref_id, -r.rank)).filter((h): h is SearchHit => h !== null);
    return { ...empty, total, hits, facets: facetCounts(ctx.db, spec, FACETS) };
  };
  const result = run(plan);
  if (result.total >= FEW_HITS || plan.words.length === 0) return result;

  const corrected = plan.words.map((w) => correctWord(ctx.db, w) ?? w);
  if (corrected.every((w, i) => w === plan.words[i])) return result;
  const suggestion = rewrite(q.query, plan.words, corrected);
  const better = run(planQuery(ctx.thesaurus, parseQuery(suggestion, foldWords)));
  if (result.total === 0 && better.total > 0) return { ...better, query: q.query, suggestion, suggestionApplied: true };
  return better.total > result.total ? { ...result, suggestion } : result;
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
      ...(titleSegments.some((s) => s.hit) || (code !== null && segmentText(m, code).some((s) => s.hit)) ? ['title'] : []),
      ...fields.filter((f) => f.text && segmentText(m, f.text).some((s) => s.hit)).map((f) => f.name),
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
