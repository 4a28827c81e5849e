// SQL for search: rank over the FTS table alone, then fetch the few top rows; facets counted from
// the narrow metadata table.
import type { Db } from '../db/open';
import { placeholders, stmt } from '../db/sql';

export interface DocRow {
  rowid: number;
  type: 'action' | 'lesson' | 'expert';
  ref_id: string;
}

export interface MatchFilter {
  /** An FTS5 MATCH expression built from quoted tokens only. */
  match: string;
  /** Facet → allowed values (OR within, AND across). */
  facets: [string, string[]][];
}

function filterSql(f: MatchFilter, skipFacet?: string): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [facet, values] of f.facets) {
    if (facet === skipFacet || values.length === 0) continue;
    parts.push(`AND d.rowid IN (SELECT doc FROM search_doc_values WHERE facet = ? AND value IN (${placeholders(values.length)}))`);
    params.push(facet, ...values);
  }
  return { sql: parts.join(' '), params };
}

const ORDER = {
  relevance: 'f.rank, d.date DESC',
  date: 'd.date IS NULL, d.date DESC, f.rank',
  title: 'd.sort_title, f.rank',
} as const;

export function rankDocs(db: Db, f: MatchFilter, sort: keyof typeof ORDER, limit: number, offset: number): { total: number; rows: (DocRow & { rank: number })[] } {
  const w = filterSql(f);
  const base = `FROM search_fts f JOIN search_docs d ON d.rowid = f.rowid WHERE search_fts MATCH ? ${w.sql}`;
  const total = stmt(db, `SELECT count(*) ${base}`).pluck().get(f.match, ...w.params) as number;
  const rows = stmt(db, `SELECT d.rowid, d.type, d.ref_id, f.rank ${base} ORDER BY ${ORDER[sort]} LIMIT ? OFFSET ?`).all(
    f.match,
    ...w.params,
    limit,
    offset,
  ) as (DocRow & { rank: number })[];
  return { total, rows };
}

/** Counts per facet value; each facet's counts apply every other active filter but its own. */
export function facetCounts(db: Db, f: MatchFilter, facetNames: readonly string[]): Record<string, { value: string; count: number }[]> {
  const out: Record<string, { value: string; count: number }[]> = {};
  for (const facet of facetNames) {
    const w = filterSql(f, facet);
    out[facet] = stmt(
      db,
      `SELECT v.value, count(*) AS count FROM search_doc_values v
       WHERE v.facet = ? AND v.doc IN (SELECT d.rowid FROM search_fts f JOIN search_docs d ON d.rowid = f.rowid WHERE search_fts MATCH ? ${w.sql})
       GROUP BY v.value ORDER BY count DESC, v.value`,
    ).all(facet, f.match, ...w.params) as { value: string; count: number }[];
  }
  return out;
}
