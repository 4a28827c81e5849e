// searchAll over Actions, lessons and experts. User text never reaches MATCH raw: it is folded,
// split into words and rebuilt from quoted tokens, so no input can raise an FTS5 syntax error.
import type { ParsedInput, SearchHit, SearchResult, SearchType } from '../../shared/api';
import type { Action, Expert, Lesson } from '../../shared/schemas';
import type { Db } from '../db/open';
import { foldWords, stems } from './fold';
import { segmentsToText, segmentText, snippet, type Matcher } from './highlight';
import { facetCounts, rankDocs, type MatchFilter } from './search.repo';

export const FACETS = ['type', 'domain', 'topic', 'region', 'country', 'year', 'status', 'language'] as const;

export interface Readers {
  action(id: string): Action | undefined;
  lesson(id: string): Lesson | undefined;
  expert(id: string): Expert | undefined;
}

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** One word: its exact folded form as a prefix in the text columns, or any of its stems. */
function termExpr(word: string): string {
  const st = stems(word).map((s) => `stems : ${quote(s)}`);
  return `({title summary body} : ${quote(word)}* OR ${st.join(' OR ')})`;
}

export function buildMatcher(words: string[]): Matcher {
  return { prefixes: words, stems: new Set(words.flatMap(stems)), exact: new Set() };
}

export function search(db: Db, readers: Readers, q: ParsedInput<'search'>): SearchResult {
  const words = [...new Set(foldWords(q.query))].slice(0, 32);
  const empty: SearchResult = { query: q.query, total: 0, hits: [], facets: {}, suggestion: null, suggestionApplied: false };
  if (words.length === 0) return empty;
  const facets: [string, string[]][] = Object.entries(q.filters ?? {});
  if (q.types?.length) facets.push(['type', q.types]);
  const filter: MatchFilter = { match: words.map(termExpr).join(' AND '), facets };
  const { total, rows } = rankDocs(db, filter, q.sort, q.limit, q.offset);
  const matcher = buildMatcher(words);
  const hits = rows.map((r) => toHit(readers, matcher, r.type, r.ref_id, -r.rank)).filter((h): h is SearchHit => h !== null);
  return { ...empty, total, hits, facets: facetCounts(db, filter, FACETS) };
}

function toHit(readers: Readers, m: Matcher, type: SearchType, id: string, score: number): SearchHit | null {
  const hit = (code: string | null, title: string, fields: { name: string; text: string | null }[], facts: SearchHit['facts']): SearchHit => {
    const titleSegments = segmentText(m, title);
    const snip = snippet(m, fields);
    const matchedFields = [
      ...(titleSegments.some((s) => s.hit) ? ['title'] : []),
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
