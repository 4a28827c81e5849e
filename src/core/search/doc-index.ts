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

/** "2019-03-04" → 20190304: dates compare as numbers; 0 for none. */
function dateNumber(date: string | null): number {
  if (!date) return 0;
  const n = Number(date.slice(0, 10).replace(/-/g, '').padEnd(8, '0'));
  return Number.isFinite(n) ? n : 0;
}

/** An Int32Array that grows by doubling. */
function grown(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= a.length) return a;
  const b = new Int32Array(Math.max(size, a.length * 2, 1024));
  b.set(a);
  return b;
}

export class DocIndex {
  readonly type: DocType[] = [];
  readonly refId: string[] = [];
  private readonly titles: string[] = [];
  private titlesLoaded = false;
  /** Date of each rowid as yyyymmdd, 0 for none. */
  date = new Int32Array(0);
  /**
   * Facet value ids of every document, packed: rowid's ids are facetData[facetStart[rowid] ..
   * facetEnd[rowid]). A search reads them for tens of thousands of candidates, so they sit in one
   * buffer rather than one small array per document; a changed document's ids are appended (the
   * next whole reload packs them again). A live document has at least its type, so an empty range
   * means no document.
   */
  facetStart = new Int32Array(0);
  facetEnd = new Int32Array(0);
  facetData = new Int32Array(0);
  private facetUsed = 0;
  private liveCount = 0;
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
        else this.remove(rowid);
      }
    }
    return this;
  }

  isLive(rowid: number): boolean {
    return rowid < this.facetEnd.length && this.facetEnd[rowid]! > this.facetStart[rowid]!;
  }

  get size(): number {
    return this.liveCount;
  }

  liveRowids(): number[] {
    const out: number[] = [];
    for (let r = 0; r < this.facetEnd.length; r++) if (this.facetEnd[r]! > this.facetStart[r]!) out.push(r);
    return out;
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
    this.values.length = 0;
    this.valueIds.clear();
    this.titles.length = 0;
    this.titlesLoaded = false;
    this.type.length = 0;
    this.refId.length = 0;
    this.loadValues();
    const cols = stmt(
      this.db,
      `SELECT max(rowid), group_concat(rowid, ' '), group_concat(type, ' '), group_concat(ref_id, char(10)),
        group_concat(coalesce(date, ''), char(10)), group_concat(facet_ids, ';') FROM search_docs`,
    )
      .raw()
      .get() as [number | null, ...(string | null)[]];
    const size = (cols[0] ?? 0) + 1;
    this.date = new Int32Array(size);
    this.facetStart = new Int32Array(size);
    this.facetEnd = new Int32Array(size);
    this.facetData = new Int32Array(0);
    this.facetUsed = 0;
    this.liveCount = 0;
    if (!cols[1]) return;
    const [rowids, types, refs, dates] = cols.slice(1, 5).map((c, i) => (c as string).split(i < 2 ? ' ' : '\n')) as string[][];
    const facets = cols[5] as string;
    // Every id takes at least one digit and one separator.
    this.facetData = new Int32Array((facets.length >> 1) + 1);
    let r = 0;
    let n = -1;
    // One pass over "3 17 42;3 18 40;…": a number per id, a semicolon per document.
    const end = () => {
      if (n >= 0) this.facetData[this.facetUsed++] = n;
      n = -1;
    };
    let rowid = Number(rowids![0]);
    this.facetStart[rowid] = 0;
    for (let i = 0; i <= facets.length; i++) {
      const c = i < facets.length ? facets.charCodeAt(i) : 59;
      if (c >= 48 && c <= 57) n = (n < 0 ? 0 : n * 10) + c - 48;
      else {
        end();
        if (c === 59) {
          this.facetEnd[rowid] = this.facetUsed;
          this.type[rowid] = types![r] as DocType;
          this.refId[rowid] = refs![r]!;
          this.date[rowid] = dateNumber(dates![r] || null);
          this.liveCount++;
          r++;
          if (r < rowids!.length) {
            rowid = Number(rowids![r]);
            this.facetStart[rowid] = this.facetUsed;
          }
        }
      }
    }
  }

  private loadValues(): void {
    const rows = stmt(this.db, 'SELECT id, facet, value FROM search_values WHERE id >= ? ORDER BY id').raw().all(this.values.length) as [number, string, string][];
    for (const [id, facet, value] of rows) {
      this.values[id] = [facet, value];
      this.valueIds.set(`${facet}\u0000${value}`, id);
    }
  }

  private put(r: DocRow): void {
    if (!this.isLive(r.rowid)) this.liveCount++;
    const ids = r.facet_ids.split(' ').filter(Boolean).map(Number);
    this.facetStart = grown(this.facetStart, r.rowid + 1);
    this.facetEnd = grown(this.facetEnd, r.rowid + 1);
    this.date = grown(this.date, r.rowid + 1);
    this.facetData = grown(this.facetData, this.facetUsed + ids.length);
    this.facetStart[r.rowid] = this.facetUsed;
    this.facetData.set(ids, this.facetUsed);
    this.facetUsed += ids.length;
    this.facetEnd[r.rowid] = this.facetUsed;
    this.type[r.rowid] = r.type;
    this.refId[r.rowid] = r.ref_id;
    if (this.titlesLoaded) this.titles[r.rowid] = r.sort_title;
    this.date[r.rowid] = dateNumber(r.date);
  }

  private remove(rowid: number): void {
    if (!this.isLive(rowid)) return;
    this.liveCount--;
    this.facetEnd[rowid] = this.facetStart[rowid]!;
  }
}
