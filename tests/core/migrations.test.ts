import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { migrate, openDatabase } from '../../src/core/db/open';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/core/db/migrations';
import { ok, tempDir } from './helpers';

const upTo = (v: number) => MIGRATIONS.filter((m) => m.version <= v);

describe('opening a knowledge base', () => {
  it('creates the file with WAL, foreign keys and secure_delete on, at the latest schema', () => {
    const file = path.join(tempDir(), 'new.sqlite');
    const { db, created } = openDatabase(file);
    expect(created).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('refuses a database written by a newer app with DB_TOO_NEW and leaves it untouched', () => {
    const file = path.join(tempDir(), 'newer.sqlite');
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 10}`);
    raw.close();
    expect(() => createCore({ dbPath: file })).toThrow(expect.objectContaining({ code: 'DB_TOO_NEW' }));
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 10);
    expect(again.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
    again.close();
  });

  it('runs all pending steps in one transaction: a failing step leaves the previous schema', () => {
    const file = path.join(tempDir(), 'fail.sqlite');
    openDatabase(file, upTo(10)).db.close();
    const broken = [...upTo(10), { version: 20, name: 'broken', up: (db: Database.Database) => (db.exec('CREATE TABLE half_done (x)'), db.exec('NOT SQL')) }];
    expect(() => openDatabase(file, broken)).toThrow();
    const db = new Database(file);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a file that is not a database with DB_CORRUPT', async () => {
    const file = path.join(tempDir(), 'garbage.sqlite');
    (await import('node:fs')).writeFileSync(file, 'this is not a database, just text'.repeat(200));
    expect(() => createCore({ dbPath: file })).toThrow(expect.objectContaining({ code: 'DB_CORRUPT' }));
  });
});

describe('migration 0010 (init)', () => {
  it('from an empty file: every entity table and the bilingual reference data', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(10));
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    for (const t of ['actions', 'action_countries', 'action_relations', 'lessons', 'lesson_actions', 'lesson_dac_criteria', 'experts', 'expert_languages', 'deployments']) {
      expect(tables).toContain(t);
    }
    expect(db.prepare('SELECT count(*) FROM domains').pluck().get()).toBe(5);
    expect(db.prepare('SELECT count(*) FROM topics').pluck().get()).toBe(26);
    expect(db.prepare("SELECT name_fr FROM countries WHERE code = 'CI'").pluck().get()).toMatch(/Côte/);
    expect(db.prepare("SELECT name_en FROM countries WHERE code = 'XK'").pluck().get()).toBe('Kosovo');
    expect(db.prepare('SELECT count(*) FROM countries').pluck().get()).toBeGreaterThanOrEqual(249);
    expect(db.prepare("SELECT name_fr FROM languages WHERE code = 'es'").pluck().get()).toBe('espagnol');
    expect(db.prepare("SELECT region FROM countries WHERE code = 'GH'").pluck().get()).toBe('WCA');
    expect(db.prepare("SELECT parent FROM regions WHERE code = 'WCA'").pluck().get()).toBe('AFRICA');
    expect(db.pragma('user_version', { simple: true })).toBe(10);
  });
});

describe('migration 0020 (search)', () => {
  it('from schema 10 with data: adds the search tables and keeps the records', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(10));
    db.prepare(
      "INSERT INTO actions (id, code, title_en, language, status, domain, created_at, updated_at) VALUES ('a1', 'Ghana III', 'T', 'en', 'completed', 'IMT', 'x', 'x')",
    ).run();
    migrate(db, upTo(20));
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    expect(db.prepare('SELECT code FROM actions').pluck().all()).toEqual(['Ghana III']);
    const names = db.prepare("SELECT name FROM sqlite_master WHERE name LIKE 'search_%'").pluck().all();
    expect(names).toEqual(expect.arrayContaining(['search_docs', 'search_fts', 'search_names', 'search_values']));
  });
});

describe('reference data through the contract', () => {
  it('answers domains, topics, regions, axes, countries and languages in English and French', async () => {
    const core = createCore({ dbPath: ':memory:' });
    const ref = ok(await core.getReference({}));
    expect(ref.domains.find((d) => d.code === 'IP')?.fr).toBe("Protection internationale et politique d'asile");
    expect(ref.topics.find((t) => t.code === 'LM-LABOUR')).toMatchObject({ domain: 'LM', fr: "Migration de main-d'œuvre" });
    expect(ref.regions.filter((r) => r.parent === 'AFRICA').map((r) => r.code)).toEqual(['WCA', 'ESA']);
    expect(ref.impactAxes).toHaveLength(4);
    expect(ref.countries.find((c) => c.code === 'DE')).toMatchObject({ en: 'Germany', fr: 'Allemagne', euMember: true, region: null });
    expect(ref.countries.find((c) => c.code === 'AZ')?.region).toBe('ENI');
    // Partner countries keep their accents and common names in English too.
    expect(ref.countries.find((c) => c.code === 'CI')).toMatchObject({ en: "Côte d'Ivoire", fr: "Côte-d'Ivoire", region: 'WCA' });
    expect(ref.countries.find((c) => c.code === 'MD')?.en).toBe('Moldova');
    expect(ref.languages.find((l) => l.code === 'de')).toMatchObject({ en: 'German', fr: 'allemand' });
    expect(ref.levels).toEqual(['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native']);
    core.close();
  });
});

describe('migration 0030 (safety)', () => {
  it('from schema 20 with data: adds meta, the append-only audit log and the erasure ledger, keeps the records', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(20));
    db.prepare("INSERT INTO experts (id, given_name, family_name, sector, availability, roster_status, created_at, updated_at) VALUES ('e1', 'A', 'B', 'academia', 'available', 'active', 'x', 'x')").run();
    migrate(db, upTo(30));
    expect(db.pragma('user_version', { simple: true })).toBe(30);
    expect(db.prepare('SELECT given_name FROM experts').pluck().all()).toEqual(['A']);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['meta', 'audit_log', 'erasures']));
    db.prepare("INSERT INTO audit_log (at, actor, entity, record_id, action, fields, prev_hash, hash) VALUES ('t', 'me', 'expert', 'e1', 'create', '[]', 'p', 'h')").run();
    expect(() => db.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT actor FROM audit_log').pluck().all()).toEqual(['me']);
  });
});

describe('migration 0080 (region label)', () => {
  it('from schema 70: the French name of ESA has the plain apostrophe of the other labels', () => {
    const db = new Database(':memory:');
    migrate(db, upTo(70));
    db.prepare("UPDATE regions SET label_fr = 'Afrique de l’Est et australe' WHERE code = 'ESA'").run();
    migrate(db, upTo(80));
    expect(db.prepare("SELECT label_fr FROM regions WHERE code = 'ESA'").pluck().get()).toBe("Afrique de l'Est et australe");
  });
});

describe('migration 0070 (search pairs)', () => {
  /** The text index as schema 60 had it, empty: what the rebuild must replace. */
  const backToSchema60 = (file: string) => {
    const db = new Database(file);
    db.exec(`
DROP TABLE search_vocab;
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(title, summary, body, stems, tokenize = 'unicode61 remove_diacritics 2', content = '', contentless_delete = 1);
CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, 'col');
PRAGMA user_version = 60;`);
    db.close();
  };
  const record = (code: string, summary: string) => ({ code, titleFr: `${code} : appui`, domain: 'IMT', status: 'completed', language: 'fr', summary }) as const;

  it('from schema 60 with records: the next open rebuilds the search index, word pairs included, in the order it had', async () => {
    const file = path.join(tempDir(), 'v60.sqlite');
    const before = createCore({ dbPath: file });
    const benin = ok(await before.createAction({ data: record('Bénin II', 'Coopération contre la traite des êtres humains.') })).id;
    const togo = ok(await before.createAction({ data: record('Togo I', 'Appui à la police des frontières.') })).id;
    const newestFirst = ok(await before.search({ query: 'a' })).hits.map((h) => h.id);
    expect(newestFirst).toEqual([togo, benin]);
    before.close();
    backToSchema60(file);

    const after = createCore({ dbPath: file });
    expect(ok(await after.search({ query: 'THB' })).hits.map((h) => h.id)).toEqual([benin]);
    expect(ok(await after.search({ query: 'a' })).hits.map((h) => h.id)).toEqual(newestFirst);
    after.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'search.rebuild'").get()).toBeUndefined();
    db.close();
  });

  it('a rebuild that did not finish is done at the next open, before the startup check would let writes through', async () => {
    const file = path.join(tempDir(), 'unfinished.sqlite');
    const first = createCore({ dbPath: file });
    const togo = ok(await first.createAction({ data: record('Togo I', 'Formation de formateurs pour la police des frontières.') })).id;
    first.close();
    const db = new Database(file);
    db.exec("INSERT INTO search_fts(search_fts) VALUES ('delete-all'); INSERT INTO meta (key, value) VALUES ('search.rebuild', 'pending')");
    db.close();

    const core = createCore({ dbPath: file });
    expect(ok(await core.search({ query: 'training of trainers' })).hits.map((h) => h.id)).toEqual([togo]);
    core.close();
  });
});
