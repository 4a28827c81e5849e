// The search index. Text is folded and stemmed in JavaScript (no custom FTS5 tokenizer can be
// registered from better-sqlite3), so the FTS tables are contentless and the index is written by
// the services in the same transaction as the record. Each document's facet values are packed as
// ids in one text column, so the search loads the whole narrow table into memory in one pass and
// counts facets there. search_terms lists the words of the text, for spelling suggestions.
import type { Database } from 'better-sqlite3';

export const migration0020 = {
  version: 20,
  name: 'search',
  up(db: Database): void {
    db.exec(`
CREATE TABLE search_docs (
  rowid INTEGER PRIMARY KEY,
  type TEXT NOT NULL,
  ref_id TEXT NOT NULL UNIQUE,
  sort_title TEXT NOT NULL,
  -- folded code / title / name: an exact match of the whole query ranks first
  match_key TEXT NOT NULL,
  date TEXT,
  -- ids of search_values, space-separated
  facet_ids TEXT NOT NULL
) STRICT;
CREATE INDEX search_docs_type ON search_docs(type, date);
CREATE INDEX search_docs_key ON search_docs(match_key);
CREATE TABLE search_values (
  id INTEGER PRIMARY KEY,
  facet TEXT NOT NULL,
  value TEXT NOT NULL,
  UNIQUE (facet, value)
) STRICT;
CREATE VIRTUAL TABLE search_fts USING fts5(
  title, summary, body, stems,
  tokenize = 'unicode61 remove_diacritics 2',
  content = '', contentless_delete = 1
);
INSERT INTO search_fts(search_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 1.0, 0.6)');
-- Titles, codes and names with prefix indexes for one and two letters: the typing fast path.
CREATE VIRTUAL TABLE search_titles USING fts5(
  title,
  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2',
  content = '', contentless_delete = 1
);
-- Accents kept: quoted phrases match exactly ("traite" is not "traité").
CREATE VIRTUAL TABLE search_exact USING fts5(
  text,
  tokenize = 'unicode61 remove_diacritics 0',
  content = '', contentless_delete = 1
);
CREATE VIRTUAL TABLE search_names USING fts5(
  name,
  tokenize = 'trigram remove_diacritics 1',
  content = '', contentless_delete = 1
);
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'col');
-- Every folded word ever indexed in the text columns (never pruned: a suggestion is checked
-- against the live index before it is offered).
CREATE TABLE search_terms (term TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
`);
  },
};
