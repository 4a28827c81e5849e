// Writes one search document per Action, lesson and expert: folded text for ranking, stems for
// recall, names for substring search, facet values for counting. Called inside the write's transaction.
import type { Action, Expert, Lesson } from '../../shared/schemas';
import type { Db } from '../db/open';
import { stmt } from '../db/sql';
import type { ReferenceIndex } from '../reference/reference.repo';
import { foldText, stemText, wordPairs } from './fold';

export interface SearchDoc {
  type: 'action' | 'lesson' | 'expert';
  refId: string;
  sortTitle: string;
  /** Folded code, title or name: typing it exactly puts the record first. */
  matchKey: string;
  date: string | null;
  title: string;
  summary: string;
  body: string;
  /** Titles, codes and names: searchable by any part of a word. */
  names: string;
  /** The search tokens of the names of its countries and regions (pairs only, see placePairs). */
  places: string[];
  facets: [string, string][];
}

/**
 * "West Africa" finds an Action in Ghana that never says so: the names of a record's countries and
 * regions are indexed too, as the word pairs a thesaurus term of several words looks for. Pairs
 * only: the words alone ("central" in "Western and Central Africa") would match queries about
 * anything else.
 */
const placeTokens = (ref: ReferenceIndex, codes: readonly (string | null)[]) => codes.flatMap((c) => (c ? (ref.placeTokens.get(c) ?? []) : []));

const join = (...parts: (string | null | undefined)[]) => parts.filter(Boolean).join('\n');
const year = (d: string | null | undefined) => (d ? Number(d.slice(0, 4)) : null);

function yearFacets(from: number | null, to: number | null): [string, string][] {
  if (from === null) return [];
  const end = Math.min(to ?? from, from + 40);
  const out: [string, string][] = [];
  for (let y = from; y <= end; y++) out.push(['year', String(y)]);
  return out;
}

export function actionDoc(a: Action, ref: ReferenceIndex): SearchDoc {
  const title = join(a.code, a.titleEn, a.titleFr, ...a.aliases);
  return {
    type: 'action',
    refId: a.id,
    sortTitle: foldText(a.titleEn ?? a.titleFr ?? a.code),
    matchKey: foldText(a.code),
    date: a.startDate,
    title,
    summary: join(a.summary, ...a.partners),
    body: join(a.objectives, a.activities, a.results, a.notes),
    names: title,
    places: placeTokens(ref, [...a.countries, ...a.regions]),
    facets: [
      ['type', 'action'],
      ['domain', a.domain],
      ['status', a.status],
      ['language', a.language],
      ...a.topics.map((t): [string, string] => ['topic', t]),
      ...a.countries.map((c): [string, string] => ['country', c]),
      ...a.regions.map((r): [string, string] => ['region', r]),
      ...yearFacets(year(a.startDate), year(a.endDate) ?? (a.status === 'ongoing' ? new Date().getUTCFullYear() : year(a.startDate))),
    ],
  };
}

/** Lessons inherit topics, countries and regions from their Actions when they have none of their own. */
export function lessonDoc(l: Lesson, actions: Action[], ref: ReferenceIndex): SearchDoc {
  const topics = l.topics.length ? l.topics : [...new Set(actions.flatMap((a) => a.topics))];
  const countries = l.countries.length ? l.countries : [...new Set(actions.flatMap((a) => a.countries))];
  const regions = [...new Set(actions.flatMap((a) => a.regions))];
  const domains = [...new Set(actions.map((a) => a.domain))];
  return {
    type: 'lesson',
    refId: l.id,
    sortTitle: foldText(l.title),
    matchKey: foldText(l.title),
    date: l.recordedOn,
    title: l.title,
    summary: join(l.lesson, l.recommendation),
    body: join(l.context, l.author, ...actions.map((a) => join(a.code, a.titleEn, a.titleFr))),
    names: l.title,
    places: placeTokens(ref, [...countries, ...regions]),
    facets: [
      ['type', 'lesson'],
      ['status', l.reviewStatus],
      ['language', l.language],
      ['polarity', l.polarity],
      ...domains.map((d): [string, string] => ['domain', d]),
      ...topics.map((t): [string, string] => ['topic', t]),
      ...countries.map((c): [string, string] => ['country', c]),
      ...regions.map((r): [string, string] => ['region', r]),
      ...yearFacets(year(l.recordedOn), year(l.recordedOn)),
    ],
  };
}

export function expertDoc(e: Expert, ref: ReferenceIndex): SearchDoc {
  const name = `${e.givenName} ${e.familyName}`;
  return {
    type: 'expert',
    refId: e.id,
    sortTitle: foldText(`${e.familyName} ${e.givenName}`),
    matchKey: foldText(name),
    date: e.lastConfirmedOn,
    title: join(name, e.email),
    summary: join(e.institution, e.position, e.expertise),
    body: join(e.availabilityNote),
    names: join(name, e.institution),
    places: placeTokens(ref, [e.memberState]),
    facets: [
      ['type', 'expert'],
      ['status', e.availability],
      ...[...new Set(e.topics.map((t) => t.split('-')[0]!))].map((d): [string, string] => ['domain', d]),
      ...e.topics.map((t): [string, string] => ['topic', t]),
      ...(e.memberState ? [['country', e.memberState] as [string, string]] : []),
      ...e.languages.map((l): [string, string] => ['language', l.code]),
    ],
  };
}

/** Search rowids written since the in-memory document table last looked, per connection. */
const touched = new WeakMap<Db, Set<number>>();

export function takeTouched(db: Db): number[] {
  const set = touched.get(db);
  if (!set || set.size === 0) return [];
  const out = [...set];
  set.clear();
  return out;
}

function touch(db: Db, rowid: number): void {
  let set = touched.get(db);
  if (!set) touched.set(db, (set = new Set()));
  set.add(rowid);
}

function valueId(db: Db, facet: string, value: string): number {
  stmt(db, 'INSERT OR IGNORE INTO search_values (facet, value) VALUES (?, ?)').run(facet, value);
  return stmt(db, 'SELECT id FROM search_values WHERE facet = ? AND value = ?').pluck().get(facet, value) as number;
}

/** Writes (or rewrites, keeping its rowid) the search document of one record. */
export function writeDoc(db: Db, doc: SearchDoc): void {
  const row = { ...doc, facetIds: [...new Set(doc.facets.map(([f, v]) => valueId(db, f, v)))].join(' ') };
  let rowid = stmt(db, 'SELECT rowid FROM search_docs WHERE ref_id = ?').pluck().get(doc.refId) as number | undefined;
  if (rowid === undefined) {
    rowid = stmt(db, 'INSERT INTO search_docs (type, ref_id, sort_title, match_key, date, facet_ids) VALUES (@type, @refId, @sortTitle, @matchKey, @date, @facetIds)').run(row)
      .lastInsertRowid as number;
  } else {
    deleteText(db, rowid);
    stmt(db, 'UPDATE search_docs SET type = @type, sort_title = @sortTitle, match_key = @matchKey, date = @date, facet_ids = @facetIds WHERE rowid = @rowid').run({ ...row, rowid });
  }
  const all = join(doc.title, doc.summary, doc.body);
  const text = [foldText(doc.title), foldText(doc.summary), foldText(doc.body)] as const;
  const pairs = text.map((t) => wordPairs(t.split(' ')).join(' '));
  stmt(db, 'INSERT INTO search_fts (rowid, title, summary, body, stems, title_pairs, summary_pairs, body_pairs, places) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    rowid,
    ...text,
    stemText(all),
    ...pairs,
    doc.places.join(' '),
  );
  const term = stmt(db, 'INSERT OR IGNORE INTO search_terms (term) VALUES (?)');
  for (const w of new Set(text.join(' ').split(' '))) if (w.length >= 4 && !/\d/.test(w)) term.run(w);
  stmt(db, 'INSERT INTO search_exact (rowid, text) VALUES (?, ?)').run(rowid, foldText(all, true));
  const names = foldText(doc.names);
  stmt(db, 'INSERT INTO search_names (rowid, name) VALUES (?, ?)').run(rowid, names);
  stmt(db, 'INSERT INTO search_titles (rowid, title) VALUES (?, ?)').run(rowid, names);
  touch(db, rowid);
}

export function removeDoc(db: Db, refId: string): void {
  const rowid = stmt(db, 'SELECT rowid FROM search_docs WHERE ref_id = ?').pluck().get(refId) as number | undefined;
  if (rowid === undefined) return;
  deleteText(db, rowid);
  stmt(db, 'DELETE FROM search_docs WHERE rowid = ?').run(rowid);
  touch(db, rowid);
}

function deleteText(db: Db, rowid: number): void {
  stmt(db, 'DELETE FROM search_fts WHERE rowid = ?').run(rowid);
  stmt(db, 'DELETE FROM search_exact WHERE rowid = ?').run(rowid);
  stmt(db, 'DELETE FROM search_names WHERE rowid = ?').run(rowid);
  stmt(db, 'DELETE FROM search_titles WHERE rowid = ?').run(rowid);
}
