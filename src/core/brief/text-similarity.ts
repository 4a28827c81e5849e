// Text similarity between a request's description and past Actions, through the search engine.
// A description is a paragraph, and the search ANDs its words, so it cannot be searched as typed.
// Instead the description is reduced to what discriminates: the thesaurus concepts it names
// (searched with all their English and French terms and acronyms) and its rarest words (searched
// with their stems); these go to the engine's own query parser and planner as alternatives (OR),
// and the engine's BM25 ranks of the matching Actions become a similarity between 0 and 1. The
// search's hit rendering (records, snippets, facets) is not needed here and would cost most.
import { foldWord, foldWords, WORD_RE } from '../search/fold';
import { parseQuery } from '../search/query';
import { planQuery, rankMatches, strictMatches, type SearchContext } from '../search/search.service';
import { findConcepts } from '../search/thesaurus';
import { documentFrequency } from './brief.repo';

/** Small words of English, French, Spanish and Portuguese that say nothing about a request. */
const STOPWORDS = new Set(
  `a an and are as at be been but by for from has have in into is it its of on or our that the their this to was were will with which who
  we they them also more most other such than then there these those can could should would may must not no nor so very
  support request requested asks asked help need needs new national government ministry authorities country countries action actions
  au aux avec ce ces cet cette dans de des du elle en est et il ils la le les leur leurs mais ne nous on ou par pas pour qui que quoi
  sa se ses son sur un une vers été être fait faire plus sont ainsi afin appui demande demandé besoin nouveau nouvelle gouvernement
  ministère autorités pays el los las del con por para una unos unas como más o os as da do das dos em um uma com não`
    .split(/\s+/)
    .map((w) => foldWord(w)),
);

const MAX_CONCEPTS = 6;
const MAX_WORDS = 8;
/** A word in more than this share of the documents says little about a request. */
const COMMON_SHARE = 0.05;
/** parseQuery keeps 32 clauses; the rest of the budget goes to concept terms. */
const MAX_CLAUSES = 32;
/** The search's own bound: BM25 over more matches than this costs too much, titles are ranked instead. */
const RANK_MAX = 5_000;
/** Actions kept with a text similarity (the best ones). */
const KEEP = 200;

export interface TextSimilarity {
  /** What was searched for: concept labels and words, for the brief's request summary. */
  terms: string[];
  /** Action id → similarity in 0 … 1 (1 for the best match). */
  scores: Map<string, number>;
}

const quote = (words: string[]) => `"${words.join(' ')}"`;

/** The search query for a description, and the terms it stands for. */
export function describeText(ctx: SearchContext, text: string): { query: string; terms: string[] } {
  const raws = [...text.slice(0, 20_000).matchAll(WORD_RE)].map((m) => m[0]);
  const words = raws.map((r) => foldWord(r));
  const spans = findConcepts(ctx.thesaurus, words, raws);
  const inSpan = new Set(spans.flatMap((s) => Array.from({ length: s.length }, (_, i) => s.start + i)));
  const concepts = [...new Map(spans.map((s) => [s.concept.id, { concept: s.concept, label: raws.slice(s.start, s.start + s.length).join(' ') }])).values()].slice(0, MAX_CONCEPTS);

  const candidates = [...new Set(words.filter((w, i) => !inSpan.has(i) && w.length >= 3 && !STOPWORDS.has(w) && !/^\d+$/.test(w)))];
  // Rare words discriminate; words the index has never seen cannot match anything.
  const common = Math.max(20, ctx.docs.sync().size * COMMON_SHARE);
  const rare = candidates
    .map((w) => ({ w, df: documentFrequency(ctx.db, w) }))
    .filter((x) => x.df > 0 && x.df <= common)
    .sort((a, b) => a.df - b.df || (a.w < b.w ? -1 : 1))
    .slice(0, MAX_WORDS)
    .map((x) => x.w);

  const clauses: string[] = [...rare];
  const perConcept = concepts.map(({ concept }) => [
    ...concept.terms.map((t) => (t.length === 1 ? t[0]! : quote(t))),
    ...concept.acronyms.map((a) => quote([a.toLowerCase()])),
  ]);
  // Round robin over the concepts, so each keeps its first (main) terms within the clause budget.
  for (let round = 0; clauses.length < MAX_CLAUSES && perConcept.some((c) => c.length > round); round++) {
    for (const c of perConcept) if (round < c.length && clauses.length < MAX_CLAUSES) clauses.push(c[round]!);
  }
  return { query: [...new Set(clauses)].join(' OR '), terms: [...concepts.map((c) => c.label), ...rare] };
}

export function textSimilarity(ctx: SearchContext, text: string): TextSimilarity {
  const { query, terms } = describeText(ctx, text);
  const scores = new Map<string, number>();
  const spec = query ? planQuery(ctx.thesaurus, parseQuery(query, foldWords), ctx.ref.placePairs).spec : null;
  if (!spec?.match) return { terms, scores };
  const docs = ctx.docs.sync();
  const action = docs.valueId('type', 'action');
  const isAction = (rowid: number) => docs.has(rowid, action);
  const { rows, matched } = strictMatches(ctx.db, spec);
  // FTS5 ranks are negative, better first; too many matches even in titles: all count alike.
  const ranked: [number, number][] = rankMatches(ctx.db, spec, matched, RANK_MAX)?.filter(([r]) => isAction(r)) ?? rows.filter(isAction).map((r) => [r, -1]);
  ranked.sort((a, b) => a[1] - b[1]);
  const best = ranked.length ? -ranked[0]![1] : 0;
  const kept = ranked.slice(0, KEEP);
  const described = docs.describe(kept.map(([rowid]) => rowid));
  for (const [rowid, rank] of kept) {
    const value = best > 0 ? -rank / best : 0;
    const refId = described.get(rowid)?.refId;
    if (value > 0 && refId) scores.set(refId, value);
  }
  return { terms, scores };
}
