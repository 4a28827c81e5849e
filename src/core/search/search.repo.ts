// SQL for search: only the FTS tables are queried here, and only with expressions built from
// quoted tokens. Filtering, facet counting and ordering happen over the in-memory DocIndex.
import type { Db } from '../db/open';
import { stmt } from '../db/sql';

type FtsTable = 'search_fts' | 'search_exact' | 'search_names' | 'search_titles';

/**
 * Every matching rowid, unranked (ranking is the expensive part of FTS5), in rowid order. SQLite
 * joins them into one string: handing tens of thousands of rows to JavaScript one by one costs
 * as much as finding them.
 */
export function matchRowids(db: Db, table: FtsTable, expr: string): number[] {
  const joined = stmt(db, `SELECT group_concat(rowid, ' ') FROM ${table} WHERE ${table} MATCH ?`).pluck().get(expr) as string | null;
  const out: number[] = [];
  if (!joined) return out;
  let n = 0;
  for (let i = 0; i < joined.length; i++) {
    const c = joined.charCodeAt(i);
    if (c === 32) {
      out.push(n);
      n = 0;
    } else n = n * 10 + c - 48;
  }
  out.push(n);
  return out;
}

/** How many documents match: a count, without handing the rows over. */
export function countMatches(db: Db, table: FtsTable, expr: string): number {
  return stmt(db, `SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`).pluck().get(expr) as number;
}

/**
 * Every matching rowid with its BM25 rank (lower is better), using the weights set at creation.
 * Over search_titles, only title expressions: its documents are a line long, so the same words
 * cost a fraction of what the title column of search_fts costs (its postings span the whole text).
 */
export function rankAll(db: Db, table: 'search_fts' | 'search_titles', expr: string): [number, number][] {
  return stmt(db, `SELECT rowid, rank FROM ${table} WHERE ${table} MATCH ?`).raw().all(expr) as [number, number][];
}

/**
 * Newest first, one page, and the total, from the titles table and its one- and two-letter prefix
 * indexes: the typing fast path needs no ranking and no facets.
 */
export function newestMatches(db: Db, expr: string, limit: number, offset: number): { total: number; rowids: number[] } {
  const total = countMatches(db, 'search_titles', expr);
  const rowids = stmt(db, 'SELECT rowid FROM search_titles WHERE search_titles MATCH ? ORDER BY rowid DESC LIMIT ? OFFSET ?')
    .pluck()
    .all(expr, limit, offset) as number[];
  return { total, rowids };
}

/** Documents whose code, title or name, folded, is exactly the query. */
export function docsWithKey(db: Db, key: string): number[] {
  return stmt(db, 'SELECT rowid FROM search_docs WHERE match_key = ?').pluck().all(key) as number[];
}
