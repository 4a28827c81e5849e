// The narrow search table held in memory: type, date, title key and facet value ids of every
// document. Facet counts and filters over tens of thousands of matches are a few array passes here
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
  match_key: string;
  date: string | null;
  facet_ids: Buffer;
}

export class DocIndex {
  readonly type: DocType[] = [];
  readonly refId: string[] = [];
  readonly sortTitle: string[] = [];
  readonly matchKey: string[] = [];
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
      const get = stmt(this.db, 'SELECT rowid, type, ref_id, sort_title, match_key, date, facet_ids FROM search_docs WHERE rowid = ?');
      for (const rowid of touched) {
        const row = get.get(rowid) as DocRow | undefined;
        if (row) this.put(row);
        else this.live.delete(rowid);
      }
    }
    return this;
  }

  valueId(facet: string, value: string): number | undefined {
    return this.valueIds.get(`${facet}\u0000${value}`);
  }

  private reload(): void {
    this.live.clear();
    this.values.length = 0;
    this.valueIds.clear();
    this.loadValues();
    for (const row of stmt(this.db, 'SELECT rowid, type, ref_id, sort_title, match_key, date, facet_ids FROM search_docs').iterate() as IterableIterator<DocRow>) {
      this.put(row);
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
    this.live.add(r.rowid);
    this.type[r.rowid] = r.type;
    this.refId[r.rowid] = r.ref_id;
    this.sortTitle[r.rowid] = r.sort_title;
    this.matchKey[r.rowid] = r.match_key;
    this.date[r.rowid] = r.date;
    this.facetIds[r.rowid] = new Int32Array(r.facet_ids.buffer.slice(r.facet_ids.byteOffset, r.facet_ids.byteOffset + r.facet_ids.byteLength));
  }
}
