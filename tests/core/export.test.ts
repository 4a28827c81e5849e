// Exports: experts, Actions and lessons as CSV (BOM, formula-safe), XLSX, JSON and vCard, all or a
// filtered view; an exported roster imports back with every field, `+33…` phones included.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ExportedFile } from '../../src/shared/api';
import type { KbCore } from '../../src/core';
import { expertHelene, ghana, newCore, ok } from './helpers';
import { applyRoster, rosterInput } from './roster-helpers';

const full = {
  ...expertHelene,
  position: 'Cheffe de bureau',
  sector: 'international_org' as const,
  topics: ['IMT-BORDER' as const, 'HO-DATA' as const],
  expertise: '-5% irregular crossings; "risk analysis"\nand training',
  availability: 'limited' as const,
  availabilityNote: '@ HQ until June, then, remote',
  rosterStatus: 'inactive' as const,
  lastConfirmedOn: '2025-01',
  consent: { givenOn: '2024-03-01', basis: 'legitimate_interest' as const, noticeVersion: 'v2', withdrawnOn: null },
  notes: '=SUM(A1:A2) is not a formula\r\nsecond line',
};
const plain = { givenName: 'Karl', familyName: 'Gruber', email: 'karl.gruber@bmi.gv.at', phone: '+43 1 53126', memberState: 'AT' };

async function twoExperts(core: KbCore) {
  const a = ok(await core.createExpert({ data: full }));
  const b = ok(await core.createExpert({ data: plain }));
  ok(await core.createExpert({ data: { givenName: 'Hidden', familyName: 'Person', restricted: true } }));
  return [a, b];
}

const bytes = (f: ExportedFile) => Buffer.from(f.contentBase64, 'base64');
const strip = <T extends { createdAt: string; updatedAt: string }>({ createdAt: _c, updatedAt: _u, ...rest }: T) => rest;

describe('exporting experts', () => {
  it.each(['csv', 'xlsx'] as const)('%s: imports back into an empty knowledge base with every field, ids and +33 phones included', async (format) => {
    const source = newCore();
    const originals = await twoExperts(source);
    const file = ok(await source.exportRecords({ type: 'experts', format }));
    expect(file).toMatchObject({ count: 2, fileName: expect.stringMatching(new RegExp(`^mieux-experts-\\d{4}-\\d{2}-\\d{2}\\.${format}$`)) });

    const target = newCore();
    const report = await applyRoster(target, rosterInput(file.fileName, bytes(file)));
    expect(report).toMatchObject({ experts: { created: 2, rejected: 0 }, droppedColumns: [], warnings: [] });
    for (const o of originals) expect(strip(ok(await target.getExpert({ id: o.id })))).toEqual(strip(o));
    // And the same file again changes nothing.
    expect((await applyRoster(target, rosterInput(file.fileName, bytes(file)))).experts).toMatchObject({ unchanged: 2, created: 0, updated: 0 });
  });

  it('csv: UTF-8 with a BOM, CRLF, and cells a spreadsheet would run as formulas escaped', async () => {
    const core = newCore();
    await twoExperts(core);
    const buf = bytes(ok(await core.exportRecords({ type: 'experts', format: 'csv' })));
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = buf.toString('utf8');
    expect(text).toContain("'+33 1 23 45 67 89");
    expect(text).toContain(`"'=SUM(A1:A2) is not a formula\r\nsecond line"`);
    expect(text).toContain("'@ HQ until June, then, remote");
    expect(text).toContain("'-5% irregular crossings");
    expect(text).not.toMatch(/(^|,)[=+\-@]/m);
    expect(text).toContain('Dupré');
    expect(text).not.toContain('Hidden');
  });

  it('xlsx: text cells, so Excel keeps +33 phones and partial dates as written', async () => {
    const core = newCore();
    await twoExperts(core);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes(ok(await core.exportRecords({ type: 'experts', format: 'xlsx' }))) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Experts')!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1);
    const row = (ws.getRow(2).values as unknown[]).slice(1);
    expect(row[headers.indexOf('Phone')]).toBe('+33 1 23 45 67 89');
    expect(row[headers.indexOf('Last confirmed on')]).toBe('2025-01');
  });

  it('json: an exchange document with only the experts, which the exchange import takes', async () => {
    const source = newCore();
    await twoExperts(source);
    const doc = JSON.parse(bytes(ok(await source.exportRecords({ type: 'experts', format: 'json' }))).toString('utf8'));
    expect(doc).toMatchObject({ format: 'mieux-kb', version: 1, actions: [], experts: [expect.objectContaining({ email: 'h.dupre@example.fr' }), expect.anything()] });
    const target = newCore();
    expect(ok(await target.importExchange({ document: doc })).experts).toMatchObject({ created: 2, rejected: 0 });
  });

  it('vcf: vCard 4.0 with escaped text, folded lines and tel: URIs', async () => {
    const core = newCore();
    const [helene] = await twoExperts(core);
    const out = ok(await core.exportRecords({ type: 'experts', format: 'vcf' }));
    const text = bytes(out).toString('utf8');
    expect(out.mimeType).toBe('text/vcard;charset=utf-8');
    expect(text.match(/BEGIN:VCARD\r\nVERSION:4\.0\r\n/g)).toHaveLength(2);
    expect(text).toContain(`UID:urn:uuid:${helene!.id}\r\n`);
    expect(text).toContain('N:Dupré;Hélène;;;\r\n');
    expect(text).toContain('TEL;VALUE=uri;TYPE=work,voice:tel:+33123456789\r\n');
    expect(text).toContain("ORG:Ministère de l'Intérieur\r\n");
    expect(text).toContain('LANG;PREF=1:fr\r\nLANG;PREF=2:es\r\n');
    const unfolded = text.replace(/\r\n /g, '');
    expect(unfolded).toContain('NOTE:-5% irregular crossings\\; "risk analysis"\\nand training\r\n');
    for (const line of text.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });

  it('a filtered view exports only what the list shows', async () => {
    const core = newCore();
    await twoExperts(core);
    const at = ok(await core.exportRecords({ type: 'experts', format: 'json', filters: { memberState: ['AT'] } }));
    expect(at.count).toBe(1);
    expect(JSON.parse(bytes(at).toString('utf8')).experts.map((e: { email: string }) => e.email)).toEqual(['karl.gruber@bmi.gv.at']);
  });
});

describe('exporting Actions and lessons', () => {
  it('csv and xlsx with every field, lists joined; filters as in the lists', async () => {
    const core = newCore();
    const action = ok(await core.createAction({ data: ghana }));
    ok(await core.createAction({ data: { code: 'Peru II', titleEn: 'Peru II', domain: 'LM', countries: ['PE'] } }));
    ok(await core.createLesson({ data: { title: '=Lesson', polarity: 'problem', actions: [action.id], lesson: 'Start early.' } }));

    const csv = bytes(ok(await core.exportRecords({ type: 'actions', format: 'csv', filters: { domain: ['IMT'] } }))).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('\ufeffid,code,aliases,titleEn,titleFr,language,status,startDate,endDate,domain,topics,impactAxes,countries,region,partners,expertCountries,summary,objectives,activities,results,relatedActions,publicUrl,notes,createdAt,updatedAt');
    expect(csv).toContain('Ghana III');
    expect(csv).toContain('AT; GB');
    expect(csv).not.toContain('Peru II');

    const lessons = ok(await core.exportRecords({ type: 'lessons', format: 'xlsx' }));
    expect(lessons.count).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes(lessons) as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Lessons')!.getRow(2).getCell(2).value).toBe('=Lesson');
    expect(ok(await core.exportRecords({ type: 'lessons', format: 'json' })).count).toBe(1);
  });
});
