// The narrow search table held in memory: type, reference, date and facet value ids of every
// document (sort titles only once a search sorts by title). Facet counts and filters over tens of thousands of matches are a few array passes here
// instead of a GROUP BY per facet in SQL. It follows this connection's writes row by row and
// reloads whole when another connection (the CLI, a second window) changed the file.
import type { Db } from '../db/open';
import { stmt } from '../db/sql';
import { takeTouched } from './indexer';

export const TYPE_CODES = ['action', 'lesson', 'expert'] as const;
export type DocType = (typeof TYPE_CODES)[number];

interface DocRow {
  rowid: number;
  type: DocType;
  ref_id: string;
  sort_title: string;
  date: string | null;
  facet_ids: string;
}

/** Parses "3 17 42" into ids without allocating a string per number. */
function parseIds(s: string, from = 0, to = s.length): Int32Array {
  const out: number[] = [];
  let n = -1;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n = (n < 0 ? 0 : n * 10) + c - 48;
    else if (n >= 0) {
      out.push(n);
      n = -1;
    }
  }
  if (n >= 0) out.push(n);
  return Int32Array.from(out);
}

export class DocIndex {
  readonly type: DocType[] = [];
  readonly refId: string[] = [];
  private readonly titles: string[] = [];
  private titlesLoaded = false;
  readonly date: (string | null)[] = [];
  readonly facetIds: Int32Array[] = [];
  /** Every live rowid, for searches that filter without words. */
  readonly live = new Set<number>();
  /** Value id → [facet, value]. */
  readonly values: [string, string][] = [];
  private readonly valueIds = new Map<string, number>();
  private dataVersion = -1;

  constructor(private readonly db: Db) {}

  /** Brings the table up to date; cheap when nothing changed. */
  sync(): this {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (version !== this.dataVersion) {
      this.dataVersion = version;
      this.reload();
      takeTouched(this.db);
      return this;
    }
    const touched = takeTouched(this.db);
    if (touched.length) {
      this.loadValues();
      const get = stmt(this.db, 'SELECT rowid, type, ref_id, sort_title, date, facet_ids FROM search_docs WHERE rowid = ?');
      for (const rowid of touched) {
        const row = get.get(rowid) as DocRow | undefined;
        if (row) this.put(row);
        else this.live.delete(rowid);
      }
    }
    return this;
  }

  /** Folded titles for sorting, loaded the first time a search sorts by title. */
  sortTitles(): string[] {
    if (!this.titlesLoaded) {
      const cols = stmt(this.db, "SELECT group_concat(rowid, ' '), group_concat(sort_title, char(10)) FROM search_docs").raw().get() as (string | null)[];
      if (cols[0]) {
        const titles = cols[1]!.split('\n');
        cols[0].split(' ').forEach((r, i) => (this.titles[Number(r)] = titles[i]!));
      }
      this.titlesLoaded = true;
    }
    return this.titles;
  }

  valueId(facet: string, value: string): number | undefined {
    return this.valueIds.get(`${facet}\u0000${value}`);
  }

  /**
   * Loads every document in one pass: SQLite concatenates each column (decoding 100,000 rows one by
   * one costs ten times more), and the strings are split here. The aggregates of one query see the
   * rows in the same order, so the columns line up.
   */
  private reload(): void {
    this.live.clear();
    this.values.length = 0;
    this.valueIds.clear();
    this.titles.length = 0;
    this.titlesLoaded = false;
    this.loadValues();
    const cols = stmt(
      this.db,
      `SELECT group_concat(rowid, ' '), group_concat(type, ' '), group_concat(ref_id, char(10)),
        group_concat(coalesce(date, ''), char(10)), group_concat(facet_ids, ';') FROM search_docs`,
    )
      .raw()
      .get() as (string | null)[];
    if (!cols[0]) return;
    const [rowids, types, refs, dates] = cols.slice(0, 4).map((c, i) => c!.split(i < 2 ? ' ' : '\n')) as string[][];
    const facets = cols[4]!;
    let start = 0;
    rowids!.forEach((r, i) => {
      const rowid = Number(r);
      let end = facets.indexOf(';', start);
      if (end < 0) end = facets.length;
      this.live.add(rowid);
      this.type[rowid] = types![i] as DocType;
      this.refId[rowid] = refs![i]!;
      this.date[rowid] = dates![i] || null;
      this.facetIds[rowid] = parseIds(facets, start, end);
      start = end + 1;
    });
  }

  private loadValues(): void {
    const rows = stmt(this.db, 'SELECT id, facet, value FROM search_values WHERE id >= ? ORDER BY id').raw().all(this.values.length) as [number, string, string][];
    for (const [id, facet, value] of rows) {
      this.values[id] = [facet, value];
      this.valueIds.set(`${facet}\u0000${value}`, id);
    }
  }

  private put(r: DocRow): void {
    this.live.add(r.rowid);
    this.type[r.rowid] = r.type;
    this.refId[r.rowid] = r.ref_id;
    if (this.titlesLoaded) this.titles[r.rowid] = r.sort_title;
    this.date[r.rowid] = r.date;
    this.facetIds[r.rowid] = parseIds(r.facet_ids);
  }
}
