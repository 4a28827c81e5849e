// Schema 70: the text index gains, for each text column, a column of its word pairs (see
// wordPairs in search/fold), so the thesaurus phrases of a query cost a token lookup each; and a
// column with the names of the record's countries and regions, so "West Africa" finds Ghana. The
// FTS table is contentless, so its text cannot be rewritten in SQL: the table is recreated empty,
// and the flag left in `meta` has the core rebuild the whole search index from the records, in
// one transaction, at its next open.
import type { Database } from 'better-sqlite3';

export const SEARCH_REBUILD_KEY = 'search.rebuild';

export const migration0070 = {
  version: 70,
  name: 'search-pairs',
  up(db: Database): void {
    db.exec(`
DROP TABLE search_vocab;
DROP TABLE search_fts;
-- The folded text never holds "_" (it is not a letter or a digit): only pair tokens do.
-- A pair weighs what the phrase it stands for weighed in its own column; a place name, little.
CREATE VIRTUAL TABLE search_fts USING fts5(
  title, summary, body, stems, title_pairs, summary_pairs, body_pairs, places,
  tokenize = "unicode61 remove_diacritics 2 tokenchars '_'",
  content = '', contentless_delete = 1
);
INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 0.6, 10.0, 4.0, 1.0, 0.5)');
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'col');
INSERT INTO meta (key, value) VALUES ('${SEARCH_REBUILD_KEY}', 'pending') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
`);
  },
};
