// SQL for search: rank over the FTS tables, join the narrow metadata table, fetch only the top
// rows; facets are counted from the metadata value table. Every value is a bound parameter.
import type { Db } from '../db/open';
import { placeholders, stmt } from '../db/sql';

export interface DocRow {
  rowid: number;
  type: 'action' | 'lesson' | 'expert';
  ref_id: string;
  rank: number;
}

export interface SearchSpec {
  /** FTS5 expression over search_fts, built from quoted tokens only; null lists by filters alone. */
  match: string | null;
  /** Trigram substring expression over titles, codes and names (adds hits the words missed). */
  names: string | null;
  /** Exact-accent phrase expression over search_exact. */
  exact: string | null;
  /** FTS5 expression of the excluded words (-word), applied to every hit. */
  exclude: string | null;
  /** Facet → allowed values (OR within, AND across). */
  facets: [string, string[]][];
  /** Folded query: a record whose code, title or name is exactly this comes first. */
  key: string;
}

interface Sql {
  sql: string;
  params: unknown[];
}

function hitsCte(s: SearchSpec): Sql {
  if (!s.match) return { sql: 'hits(rowid, rank) AS (SELECT rowid, 0 FROM search_docs)', params: [] };
  if (!s.names) return { sql: 'hits(rowid, rank) AS (SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ?)', params: [s.match] };
  return {
    sql: `hits(rowid, rank) AS (SELECT rowid, rank FROM search_fts WHERE search_fts MATCH ?
      UNION ALL SELECT rowid, 0 FROM search_names WHERE search_names MATCH ? AND rowid NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?))`,
    params: [s.match, s.names, s.match],
  };
}

function whereSql(s: SearchSpec, skipFacet?: string): Sql {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (s.exact) {
    parts.push('d.rowid IN (SELECT rowid FROM search_exact WHERE search_exact MATCH ?)');
    params.push(s.exact);
  }
  if (s.exclude) {
    parts.push('d.rowid NOT IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ?)');
    params.push(s.exclude);
  }
  for (const [facet, values] of s.facets) {
    if (facet === skipFacet || values.length === 0) continue;
    parts.push(`d.rowid IN (SELECT doc FROM search_doc_values WHERE facet = ? AND value IN (${placeholders(values.length)}))`);
    params.push(facet, ...values);
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

const ORDER = {
  relevance: '(d.match_key = ?) DESC, h.rank, d.date DESC',
  date: 'd.date IS NULL, d.date DESC, h.rank',
  title: 'd.sort_title, h.rank',
} as const;

export function rankDocs(db: Db, s: SearchSpec, sort: keyof typeof ORDER, limit: number, offset: number): { total: number; rows: DocRow[] } {
  const cte = hitsCte(s);
  const where = whereSql(s);
  const from = `WITH ${cte.sql} SELECT %s FROM hits h JOIN search_docs d ON d.rowid = h.rowid ${where.sql}`;
  const total = stmt(db, from.replace('%s', 'count(*)')).pluck().get(...cte.params, ...where.params) as number;
  const orderParams = sort === 'relevance' ? [s.key] : [];
  const rows = stmt(db, `${from.replace('%s', 'd.rowid, d.type, d.ref_id, h.rank')} ORDER BY ${ORDER[sort]}, d.rowid LIMIT ? OFFSET ?`).all(
    ...cte.params,
    ...where.params,
    ...orderParams,
    limit,
    offset,
  ) as DocRow[];
  return { total, rows };
}

/** Counts per facet value; each facet's counts apply every other active filter but its own. */
export function facetCounts(db: Db, s: SearchSpec, facetNames: readonly string[]): Record<string, { value: string; count: number }[]> {
  const out: Record<string, { value: string; count: number }[]> = {};
  const cte = hitsCte(s);
  for (const facet of facetNames) {
    const where = whereSql(s, facet);
    out[facet] = stmt(
      db,
      `WITH ${cte.sql}, m AS MATERIALIZED (SELECT d.rowid FROM hits h JOIN search_docs d ON d.rowid = h.rowid ${where.sql})
       SELECT v.value, count(*) AS count FROM m JOIN search_doc_values v ON v.doc = m.rowid AND v.facet = ?
       GROUP BY v.value ORDER BY count DESC, v.value`,
    ).all(...cte.params, ...where.params, facet) as { value: string; count: number }[];
  }
  return out;
}
