// Roster import through the contract: encodings and delimiters, mapping (suggested, given,
// remembered), name-only matches waiting for a decision, caps, hooks and events.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { KbEvent } from '../../src/shared/api';
import { migrate } from '../../src/core/db/open';
import { MIGRATIONS } from '../../src/core/db/migrations';
import { unpackedSize } from '../../src/core/io/roster/xlsx';
import { parseDelimited, sniffDelimiter } from '../../src/core/io/roster/csv';
import { parseLanguages, buildLexicons, excelSerialToIso, parsePhone } from '../../src/core/io/roster/values';
import { loadReference } from '../../src/core/reference/reference.repo';
import { err, expertHelene, newCore, ok } from './helpers';
import { applyRoster, rosterInput } from './roster-helpers';

const FR = 'Nom;Prénom;Courriel;Institution\r\nDupré;Hélène;h.dupre@example.fr;Ministère de l’Intérieur\r\n';

describe('reading the file', () => {
  it('decodes cp1252 unless told otherwise, and an override is obeyed', async () => {
    const core = newCore();
    const bytes = iconv.encode(FR, 'windows-1252');
    const auto = ok(await core.previewRosterImport(rosterInput('r.csv', bytes)));
    expect(auto.file).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(auto.headers).toEqual(['Nom', 'Prénom', 'Courriel', 'Institution']);
    const forced = ok(await core.previewRosterImport(rosterInput('r.csv', bytes, { encoding: 'utf-8' })));
    expect(forced.file.encoding).toBe('utf-8');
    expect(forced.headers[1]).toBe('Pr\uFFFDnom');
  });

  it('sniffs the delimiter outside quotes, keeps quoted newlines and gives the physical start line', () => {
    const text = 'a;b;c\r\n"x, y, z";"two\r\nlines";3\r\n4;5;6\r\n';
    expect(sniffDelimiter(text)).toBe(';');
    const { records } = parseDelimited(text, ';');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b', 'c'] },
      { line: 2, cells: ['x, y, z', 'two\r\nlines', '3'] },
      { line: 4, cells: ['4', '5', '6'] },
    ]);
    expect(sniffDelimiter('a\tb\tc\n1\t2,5\t3\n')).toBe('\t');
  });

  it('an explicit delimiter overrides the sniffed one', async () => {
    const core = newCore();
    const r = ok(await core.previewRosterImport(rosterInput('r.csv', 'First name,Last name\r\nAna,Silva\r\n', { delimiter: ';' })));
    expect(r.headers).toEqual(['First name,Last name']);
  });

  it('refuses old .xls workbooks, empty files and a missing sheet with a reason', async () => {
    const core = newCore();
    expect(err(await core.previewRosterImport(rosterInput('old.xls', 'whatever')))).toMatchObject({ code: 'INVALID', issues: [{ path: 'xls_unsupported' }] });
    expect(err(await core.previewRosterImport(rosterInput('e.csv', '')))).toMatchObject({ code: 'INVALID', issues: [{ path: 'empty_file' }] });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Only').addRow(['Given name', 'Family name']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(err(await core.previewRosterImport(rosterInput('w.xlsx', buf, { sheet: 'Other' })))).toMatchObject({ issues: [{ path: 'no_sheet' }] });
    expect(err(await core.previewRosterImport(rosterInput('w.xlsx', Buffer.from('PK not a zip at all'))))).toMatchObject({ issues: [{ path: 'not_xlsx' }] });
  });

  it('measures what a workbook unpacks to from its zip directory, before inflating anything', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').addRow(['x'.repeat(5000)]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(unpackedSize(buf)).toBeGreaterThan(5000);
    expect(unpackedSize(buf)).toBeGreaterThan(buf.length);
    // A forged directory entry claiming 4 GiB is refused as too large.
    const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const forged = Buffer.from(buf);
    forged.writeUInt32LE(0xfffffff0, forged.readUInt32LE(eocd + 16) + 24);
    const core = newCore();
    expect(err(await core.previewRosterImport(rosterInput('bomb.xlsx', forged)))).toMatchObject({ issues: [{ path: 'too_large' }] });
  });
});

describe('values', () => {
  it('Excel serials in both date systems, with the 1900 leap-year bug', () => {
    expect(excelSerialToIso(45458, false)).toBe('2024-06-15');
    expect(excelSerialToIso(43830, true)).toBe('2024-01-01');
    expect(excelSerialToIso(59, false)).toBe('1900-02-28');
    expect(excelSerialToIso(61, false)).toBe('1900-03-01');
    expect(excelSerialToIso(60, false)).toBeUndefined();
  });

  it('phones: exact scientific notation recovered, lost digits reported, national numbers to E.164', () => {
    expect(parsePhone('3.3123456789E+10', 'FR')).toEqual({ ok: true, value: '+33123456789' });
    expect(parsePhone('3,3123456789E+10', null)).toEqual({ ok: true, value: '+33123456789' });
    expect(parsePhone('3.31E+10', 'FR')).toMatchObject({ ok: false, problem: { code: 'phone_scientific' } });
    expect(parsePhone(33123456789, 'FR')).toEqual({ ok: true, value: '+33123456789' });
    expect(parsePhone(123456789, 'FR')).toEqual({ ok: true, value: '+33123456789' });
    expect(parsePhone('06 12 34 56 78', 'FR')).toEqual({ ok: true, value: '+33612345678' });
    expect(parsePhone('06 12 34 56 78', null)).toEqual({ ok: true, value: '06 12 34 56 78' });
    expect(parsePhone('+33  1 23 45 67 89', 'DE')).toEqual({ ok: true, value: '+33 1 23 45 67 89' });
    expect(parsePhone('0039 06 4651', 'IT')).toEqual({ ok: true, value: '+39064651' });
  });

  it('languages in English and French, codes, CEFR levels and common words', () => {
    const db = new Database(':memory:');
    migrate(db, MIGRATIONS);
    const lex = buildLexicons(loadReference(db));
    expect(parseLanguages(lex, 'FR (C1), anglais courant')).toEqual({ ok: true, value: [{ code: 'fr', level: 'C1' }, { code: 'en', level: 'C1' }] });
    expect(parseLanguages(lex, 'Spanish: native; German B2; portugais bilingue')).toEqual({
      ok: true,
      value: [{ code: 'es', level: 'native' }, { code: 'de', level: 'B2' }, { code: 'pt', level: 'native' }],
    });
    const partial = parseLanguages(lex, 'italien, elvish C2');
    expect(partial).toMatchObject({ ok: true, value: [], warnings: [{ code: 'language_level_missing' }, { code: 'language_unknown' }] });
    db.close();
  });
});

describe('mapping', () => {
  it('suggests from French headers, drops unmapped columns and lists them', async () => {
    const core = newCore();
    const r = ok(await core.previewRosterImport(rosterInput('r.csv', 'Prénom;Nom;E-mail;Date de naissance\r\nAna;Silva;ana@example.pt;1970-01-01\r\n')));
    expect(r.mapping).toEqual(['givenName', 'familyName', 'email', null]);
    expect(r.mappingSource).toBe('suggested');
    expect(r.droppedColumns).toEqual(['Date de naissance']);
  });

  it('a given mapping is used, checked, and remembered for the same header row once applied', async () => {
    const core = newCore();
    const file = rosterInput('r.csv', 'Col A;Col B;Col C\r\nAna;Silva;ana@example.pt\r\n');
    expect(ok(await core.previewRosterImport(file)).mapping).toEqual([null, null, null]);
    const mapping = ['givenName', 'familyName', 'email'] as const;
    expect(err(await core.previewRosterImport({ ...file, mapping: ['givenName', 'givenName', null] }))).toMatchObject({ issues: [{ path: 'bad_mapping' }] });
    expect(err(await core.previewRosterImport({ ...file, mapping: ['givenName'] }))).toMatchObject({ issues: [{ path: 'bad_mapping' }] });
    const preview = ok(await core.previewRosterImport({ ...file, mapping: [...mapping] }));
    expect(ok(await core.previewRosterImport(file)).mappingSource).toBe('suggested');
    expect(preview.experts.created).toBe(1);
    await applyRoster(core, { ...file, mapping: [...mapping] } as ReturnType<typeof rosterInput>);
    const again = ok(await core.previewRosterImport(file));
    expect(again).toMatchObject({ mappingSource: 'remembered', mapping: [...mapping], experts: { unchanged: 1 } });
  });
});

describe('matching existing experts', () => {
  it('by e-mail: an update, and only the mapped fields change', async () => {
    const core = newCore();
    const helene = ok(await core.createExpert({ data: expertHelene }));
    const r = await applyRoster(core, rosterInput('r.csv', 'Prénom;Nom;Courriel;Institution\r\nHélène;Dupré;H.DUPRE@example.fr;DGEF\r\n'));
    expect(r.experts).toMatchObject({ updated: 1, created: 0 });
    const after = ok(await core.getExpert({ id: helene.id }));
    expect(after).toMatchObject({ institution: 'DGEF', phone: expertHelene.phone, languages: expertHelene.languages });
  });

  it('by name and institution only: waits for a decision, then updates or creates as told', async () => {
    const core = newCore();
    const existing = ok(await core.createExpert({ data: { givenName: 'Hélène', familyName: 'Dupré', institution: "Ministère de l'Intérieur" } }));
    const file = rosterInput('r.csv', "Prénom;Nom;Institution;Téléphone\r\nHelene;Dupre;Ministère de l'Intérieur;+33 1 00 00 00 00\r\n");
    const preview = ok(await core.previewRosterImport(file));
    expect(preview.rows[0]).toMatchObject({ line: 2, outcome: 'confirm', candidates: [{ expertId: existing.id, name: 'Hélène Dupré' }] });
    expect(preview.rejections).toEqual([expect.objectContaining({ line: 2, code: 'needs_confirmation' })]);

    const undecided = await applyRoster(core, file);
    expect(undecided.experts).toMatchObject({ created: 0, updated: 0, rejected: 1 });
    expect(ok(await core.getExpert({ id: existing.id })).phone).toBeNull();

    const confirmed = await applyRoster(core, { ...file, decisions: [{ line: 2, expertId: existing.id }] } as ReturnType<typeof rosterInput>);
    expect(confirmed.experts).toMatchObject({ updated: 1 });
    expect(ok(await core.getExpert({ id: existing.id })).phone).toBe('+33 1 00 00 00 00');

    // The same row again now changes nothing, so it needs no decision.
    expect((await applyRoster(core, file)).experts).toMatchObject({ unchanged: 1, rejected: 0 });

    const other = rosterInput('r.csv', "Prénom;Nom;Institution\r\nHelene;Dupre;Ministère de l'Intérieur\r\n");
    const asNew = await applyRoster(core, { ...other, decisions: [{ line: 2, expertId: null }] } as ReturnType<typeof rosterInput>);
    expect(asNew.experts).toMatchObject({ created: 1 });
    expect(ok(await core.listExperts({})).total).toBe(2);
  });

  it('in a roster of thousands, a misspelt name is still offered, and an unrelated one is not', async () => {
    const core = newCore();
    const many = Array.from({ length: 3000 }, (_, i) => ({ givenName: `Given${i}`, familyName: `Family${i}`, email: `p${i}@example.eu` }));
    const smith = { id: '00000003-0000-4000-8000-000000000001', givenName: 'John', familyName: 'Smith', institution: 'Home Office' };
    ok(await core.importExchange({ document: { format: 'mieux-kb', version: 1, experts: [...many, smith] } }));
    const preview = ok(await core.previewRosterImport(rosterInput('r.csv', 'First name;Last name;Institution\r\nJon;Smyth;Home Office\r\nJane;Doe;Home Office\r\n')));
    expect(preview.rows[0]).toMatchObject({ outcome: 'confirm', candidates: [{ expertId: smith.id, name: 'John Smith' }] });
    expect(preview.rows[1]).toMatchObject({ outcome: 'create' });
  });
});

describe('applying', () => {
  it('calls the backup hook before writing (never for a preview), emits progress and changed events', async () => {
    const calls: unknown[] = [];
    const core = newCore({ beforeImport: (w) => calls.push(w) });
    const events: KbEvent[] = [];
    core.on((e) => events.push(e));
    const file = rosterInput('team.csv', FR);
    ok(await core.previewRosterImport(file));
    expect(calls).toEqual([]);
    const r = await applyRoster(core, file);
    expect(calls).toEqual([{ kind: 'roster', fileName: 'team.csv' }]);
    expect(events).toContainEqual({ type: 'progress', task: 'rosterImport', done: 1, total: 1 });
    expect(events).toContainEqual({ type: 'changed', entity: 'expert', ids: [r.rows[0]!.expertId] });
  });

  it('a failing backup hook stops the import before anything is written', async () => {
    const core = newCore({
      beforeImport: () => {
        throw new Error('disk full');
      },
    });
    expect(err(await core.applyRosterImport(rosterInput('team.csv', FR)))).toMatchObject({ code: 'INTERNAL', message: 'disk full' });
    expect(ok(await core.listExperts({})).total).toBe(0);
  });
});

describe('migration 0040 (roster mappings)', () => {
  it('from the schema before it: adds the table and keeps the records', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version < 40),
    );
    const before = db.pragma('user_version', { simple: true }) as number;
    expect(before).toBeLessThan(40);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'roster_mappings'").get()).toBeUndefined();
    const languages = db.prepare('SELECT count(*) FROM languages').pluck().get();
    migrate(db, MIGRATIONS.filter((m) => m.version <= 40));
    expect(db.pragma('user_version', { simple: true })).toBe(40);
    db.prepare("INSERT INTO roster_mappings VALUES ('a\u001fb', '[\"givenName\",null]', '2026-01-01T00:00:00Z')").run();
    expect(db.prepare('SELECT mapping FROM roster_mappings').pluck().get()).toBe('["givenName",null]');
    expect(db.prepare('SELECT count(*) FROM languages').pluck().get()).toBe(languages);
    db.close();
  });
});
