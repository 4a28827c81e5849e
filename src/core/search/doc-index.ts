// The narrow search table held in memory: date and facet value ids of every document (sort titles
// only once a search sorts by title; type and reference only for the hits shown). Facet counts and
// filters over tens of thousands of matches are a few array passes here instead of a GROUP BY per
// facet in SQL. It follows this connection's writes row by row and reloads whole when another
// connection (the CLI, a second window) changed the file.
import type { Db } from '../db/open';
import { stmt } from '../db/sql';
import { takeTouched } from './indexer';

export const TYPE_CODES = ['action', 'lesson', 'expert'] as const;
export type DocType = (typeof TYPE_CODES)[number];

interface DocRow {
  rowid: number;
  sort_title: string;
  date: string | null;
  facet_ids: string;
}

/** "2019-03-04" → 20190304, "2019-03" → 20190300, none → 0: dates compare as numbers. */
function dateNumber(date: string | null): number {
  const n = Number(`${(date ?? '').replace(/-/g, '')}00000000`.slice(0, 8));
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
      const get = stmt(this.db, 'SELECT rowid, sort_title, date, facet_ids FROM search_docs WHERE rowid = ?');
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

  /** Whether the document has this facet value (an id from valueId, looked up once per search). */
  has(rowid: number, id: number | undefined): boolean {
    if (id === undefined || rowid >= this.facetEnd.length) return false;
    for (let k = this.facetStart[rowid]!; k < this.facetEnd[rowid]!; k++) if (this.facetData[k] === id) return true;
    return false;
  }

  get size(): number {
    return this.liveCount;
  }

  liveRowids(): number[] {
    const out: number[] = [];
    for (let r = 0; r < this.facetEnd.length; r++) if (this.facetEnd[r]! > this.facetStart[r]!) out.push(r);
    return out;
  }

  /** Type and reference of a few documents: the hits of one page. */
  describe(rowids: number[]): Map<number, { type: DocType; refId: string }> {
    const rows = stmt(this.db, 'SELECT rowid, type, ref_id FROM search_docs WHERE rowid IN (SELECT value FROM json_each(?))')
      .raw()
      .all(JSON.stringify(rowids)) as [number, DocType, string][];
    return new Map(rows.map(([rowid, type, refId]) => [rowid, { type, refId }]));
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
   * Loads every document in one pass: SQLite joins "rowid 2019-03 id id id" of all documents into
   * one string (decoding 100,000 rows one by one costs ten times more), parsed here digit by digit.
   */
  private reload(): void {
    this.values.length = 0;
    this.valueIds.clear();
    this.titles.length = 0;
    this.titlesLoaded = false;
    this.loadValues();
    const [maxRowid, joined] = stmt(this.db, "SELECT max(rowid), group_concat(rowid || ' ' || coalesce(substr(date, 1, 10), '0') || ' ' || facet_ids, ';') FROM search_docs")
      .raw()
      .get() as [number | null, string | null];
    const size = (maxRowid ?? 0) + 1;
    const date = new Int32Array(size);
    const start = new Int32Array(size);
    const end = new Int32Array(size);
    // Every id takes at least one digit and one separator.
    const data = new Int32Array(((joined?.length ?? 0) >> 1) + 1);
    let used = 0;
    let live = 0;
    if (joined) {
      let field = 0;
      let n = -1;
      let digits = 0;
      let rowid = 0;
      for (let i = 0; i <= joined.length; i++) {
        const c = i < joined.length ? joined.charCodeAt(i) : 59;
        if (c >= 48 && c <= 57) {
          n = (n < 0 ? 0 : n * 10) + c - 48;
          digits++;
          continue;
        }
        // The dashes of a date.
        if (c === 45) continue;
        if (n >= 0) {
          if (field === 0) {
            rowid = n;
            start[rowid] = used;
          } else if (field === 1) date[rowid] = digits >= 8 ? n : n * 10 ** (8 - digits);
          else data[used++] = n;
          digits = 0;
          field++;
          n = -1;
        }
        if (c === 59) {
          end[rowid] = used;
          live++;
          field = 0;
        }
      }
    }
    this.date = date;
    this.facetStart = start;
    this.facetEnd = end;
    this.facetData = data;
    this.facetUsed = used;
    this.liveCount = live;
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
    if (this.titlesLoaded) this.titles[r.rowid] = r.sort_title;
    this.date[r.rowid] = dateNumber(r.date);
  }

  private remove(rowid: number): void {
    if (!this.isLive(rowid)) return;
    this.liveCount--;
    this.facetEnd[rowid] = this.facetStart[rowid]!;
  }
}
