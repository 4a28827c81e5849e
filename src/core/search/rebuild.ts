// Rebuilding the whole search index from the records, when a migration changed what is indexed
// (it leaves a flag in `meta`). One transaction: a crash leaves the flag and the old state, and the
// next open starts again.
import { reindexAction } from '../actions/actions.service';
import { SEARCH_REBUILD_KEY } from '../db/migrations/0070-search-pairs';
import type { Db } from '../db/open';
import { readSetting, writeSetting } from '../db/settings.repo';
import { stmt } from '../db/sql';
import { reindexExpert } from '../experts/experts.service';
import { reindexLesson } from '../lessons/lessons.service';
import type { ReferenceIndex } from '../reference/reference.repo';
import { takeTouched } from './indexer';

const FTS_TABLES = ['search_fts', 'search_exact', 'search_names', 'search_titles'] as const;

export function searchRebuildPending(db: Db): boolean {
  return readSetting(db, SEARCH_REBUILD_KEY) !== undefined;
}

/**
 * Every search document written anew, in the order the documents had (the typing fast path shows
 * the highest rowids first, as the newest), then any record that had none.
 */
export function rebuildSearchIndex(db: Db, ref: ReferenceIndex): void {
  db.transaction(() => {
    const order = stmt(db, 'SELECT type, ref_id FROM search_docs ORDER BY rowid').raw().all() as [string, string][];
    const records = stmt(db, "SELECT 'action', id FROM actions UNION ALL SELECT 'lesson', id FROM lessons UNION ALL SELECT 'expert', id FROM experts").raw().all() as [string, string][];
    const exists = new Set(records.map(([, id]) => id));
    const seen = new Set<string>();
    for (const t of FTS_TABLES) stmt(db, `INSERT INTO ${t}(${t}) VALUES ('delete-all')`).run();
    for (const table of ['search_docs', 'search_values', 'search_terms']) stmt(db, `DELETE FROM ${table}`).run();
    for (const [type, id] of [...order, ...records]) {
      if (seen.has(id) || !exists.has(id)) continue;
      seen.add(id);
      writeRecordDoc(db, ref, type, id);
    }
    // Written in one go, the index is in many segments; merged into one, it answers faster and
    // the next saves do not start by merging it.
    for (const t of FTS_TABLES) stmt(db, `INSERT INTO ${t}(${t}) VALUES ('optimize')`).run();
    writeSetting(db, SEARCH_REBUILD_KEY, null);
  })();
  // The in-memory document table is built after this, from the whole table.
  takeTouched(db);
}

function writeRecordDoc(db: Db, ref: ReferenceIndex, type: string, id: string): void {
  if (type === 'action') reindexAction(db, ref, id);
  else if (type === 'lesson') reindexLesson(db, ref, id);
  else reindexExpert(db, ref, id);
}
