// The roster import screen, exports and sharing over a real in-process core, with the golden
// fixture files a user would pick.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readBase64 } from '../../src/renderer/src/features/import/files';
import type { KbCore } from '../../src/core';
import type { KbEvent } from '../../src/shared/api';
import { apiOver, newCore, renderApp } from './helpers';

const FIXTURES = path.resolve(__dirname, '../fixtures/import');

function pick(label: RegExp, name: string, content: Buffer | string) {
  fireEvent.change(screen.getByLabelText(label), { target: { files: [new File([typeof content === 'string' ? content : new Uint8Array(content)], name)] } });
}
const pickFixture = (name: string) => pick(/^Spreadsheet file/, name, fs.readFileSync(path.join(FIXTURES, name)));
const count = (label: string) => within(screen.getByText(label, { selector: 'dt' }).parentElement!).getByRole('definition').textContent;
const fieldOf = (header: string) => screen.getByRole('combobox', { name: `Field for column “${header}”` }) as HTMLSelectElement;

async function experts(core: KbCore) {
  const r = await core.listExperts({ pageSize: 100 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.items;
}

describe('the roster import screen', () => {
  it('previews a French Excel CSV (Windows-1252, semicolons): how it was read, the suggested mapping and the counts', async () => {
    renderApp(newCore({ demo: false }), { hash: '#/roster/import' });
    pickFixture('fr-excel-semicolon-cp1252.csv');
    expect(await screen.findByText(/Detected: Windows-1252, Semicolon \(;\)/)).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'Encoding' }) as HTMLSelectElement).value).toBe('windows-1252');
    expect(fieldOf('Prénom').value).toBe('givenName');
    expect(fieldOf('Courriel').selectedOptions[0]!.textContent).toBe('E-mail');
    expect(fieldOf('Dernière confirmation').value).toBe('lastConfirmedOn');
    expect(screen.getByText('Suggested from the column headers.', { exact: false })).toBeTruthy();
    expect(screen.getByText('Every column is imported.')).toBeTruthy();
    expect(count('New experts')).toBe('4');
    expect(count('Rejected')).toBe('0');
  });

  it('lists a rejected row with its line in the file and the reasons, in the interface language', async () => {
    const { i18n } = renderApp(newCore({ demo: false }), { hash: '#/roster/import' });
    pickFixture('enums-fr.csv');
    await screen.findByRole('heading', { name: 'Rejected rows' });
    expect(count('New experts')).toBe('2');
    expect(count('Rejected')).toBe('1');
    const row = screen.getByRole('cell', { name: 'Léa Fabre' }).closest('tr')!;
    expect(within(row).getAllByRole('cell')[0]!.textContent).toBe('4');
    expect(row.textContent).toMatch(/Secteur: "Licorne" is not a known sector/);
    expect(screen.getByRole('heading', { name: 'Warnings' })).toBeTruthy();
    expect(screen.getByText('"gouvernance" is not a known topic; left out')).toBeTruthy();

    await act(() => i18n.changeLanguage('fr'));
    expect(row.textContent).toMatch(/Secteur: « Licorne » n’est pas une valeur connue pour sector/);
    expect(screen.getByText('« gouvernance » n’est pas un thème connu ; laissé de côté')).toBeTruthy();
  });

  it('a column set to “Don’t import” is listed as dropped and its field is no longer filled', async () => {
    const core = newCore({ demo: false });
    renderApp(core, { hash: '#/roster/import' });
    pickFixture('fr-excel-semicolon-cp1252.csv');
    fireEvent.change(await screen.findByRole('combobox', { name: 'Field for column “Téléphone”' }), { target: { value: '' } });
    expect(await screen.findByText('Not imported (data minimisation): “Téléphone”')).toBeTruthy();
    expect(fieldOf('Téléphone').value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Apply the import (4 changes)' }));
    await screen.findByText(/^Import complete/);
    expect((await experts(core)).map((e) => e.phone)).toEqual([null, null, null, null]);
  });

  it('applies: the experts are in the roster; the same file again is all unchanged; the import can be undone', async () => {
    const core = newCore({ demo: false });
    await core.createExpert({ data: { givenName: 'Anna', familyName: 'Schmidt', email: 'a.schmidt@example.de' } });
    renderApp(core, { hash: '#/roster/import' });
    pickFixture('fr-excel-semicolon-cp1252.csv');
    fireEvent.click(await screen.findByRole('button', { name: 'Apply the import (4 changes)' }));
    expect(await screen.findByText('Import complete: 4 created, 0 updated, 0 unchanged, 0 rejected.')).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Open the roster' }));
    // jsdom lays nothing out, so the virtualized table shows no row here: its count says it (e2e sees the rows).
    expect(await screen.findByText('5 experts')).toBeTruthy();
    expect((await experts(core)).map((e) => `${e.familyName}, ${e.givenName}`)).toContain('Dupré, Hélène');

    fireEvent.click(screen.getByRole('link', { name: 'Import a spreadsheet' }));
    await screen.findByLabelText(/^Spreadsheet file/);
    pickFixture('fr-excel-semicolon-cp1252.csv');
    await screen.findByText('Nothing to write: every row is unchanged or rejected.');
    expect(count('Unchanged')).toBe('4');
    expect(count('New experts')).toBe('0');
    expect((screen.getByRole('button', { name: /^Apply the import/ }) as HTMLButtonElement).disabled).toBe(true);

    // Another file, then undo it from the backup taken just before it.
    pick(/^Spreadsheet file/, 'more.csv', 'Prénom;Nom;Courriel\r\nJan;Novák;jan.novak@example.cz\r\n');
    fireEvent.click(await screen.findByRole('button', { name: 'Apply the import (1 change)' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Undo this import' }));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'Undo this import?' })).getByRole('button', { name: 'Undo the import' }));
    expect(await screen.findByText('The import was undone: the knowledge base is back as it was before it.')).toBeTruthy();
    expect((await experts(core)).map((e) => e.familyName).sort()).toEqual(['Dupré', 'Lefèvre', 'Nuñez', 'Schmidt', 'Œrsted']);
  });

  it('asks about rows matched only by name and institution, and does what the user chose for each', async () => {
    const core = newCore({ demo: false });
    renderApp(core, { hash: '#/roster/import' });
    pickFixture('fr-excel-semicolon-cp1252.csv');
    fireEvent.click(await screen.findByRole('button', { name: 'Apply the import (4 changes)' }));
    await screen.findByText(/^Import complete/);

    pick(/^Spreadsheet file/, 'sans-courriel.csv', "Prénom;Nom;Institution;Fonction\r\nHélène;Dupré;Ministère de l'Intérieur;Cheffe de bureau\r\nFrançois;Lefèvre;OFII;Chargé de mission\r\n");
    const dupre = await screen.findByRole('group', { name: 'Line 2: Hélène Dupré' });
    const lefevre = screen.getByRole('group', { name: 'Line 3: François Lefèvre' });
    expect(count('To confirm')).toBe('2');
    expect(screen.getByText('2 rows still need your choice.')).toBeTruthy();
    const apply = screen.getByRole('button', { name: /^Apply the import/ }) as HTMLButtonElement;
    expect(apply.disabled).toBe(true);
    fireEvent.click(within(dupre).getByRole('radio', { name: /^Update Hélène Dupré/ }));
    fireEvent.click(within(lefevre).getByRole('radio', { name: 'Create a new expert' }));
    await waitFor(() => expect(apply.disabled).toBe(false));
    fireEvent.click(apply);
    expect(await screen.findByText('Import complete: 1 created, 1 updated, 0 unchanged, 0 rejected.')).toBeTruthy();
    const all = await experts(core);
    expect(all.filter((e) => e.familyName === 'Dupré').map((e) => [e.email, e.position])).toEqual([['h.dupre@interieur.gouv.fr', 'Cheffe de bureau']]);
    expect(all.filter((e) => e.familyName === 'Lefèvre').map((e) => e.email).sort()).toEqual(['f.lefevre@ofii.fr', null]);
  });

  it('reads the sheet the user chooses in a workbook with several', async () => {
    renderApp(newCore({ demo: false }), { hash: '#/roster/import' });
    pickFixture('multi-sheet.xlsx');
    const sheet = (await screen.findByRole('combobox', { name: 'Sheet' })) as HTMLSelectElement;
    expect([...sheet.options].map((o) => o.value)).toEqual(['Read me', 'Experts']);
    fireEvent.change(sheet, { target: { value: 'Experts' } });
    await waitFor(() => expect(count('New experts')).toBe('2'));
    expect(sheet.value).toBe('Experts');
  });

  it('shows the rows done while the core reports progress (desktop), and an indeterminate bar when it cannot (serve mode)', async () => {
    const core = newCore({ demo: false });
    const api = apiOver(core);
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const applyLater: typeof api.applyRosterImport = async (input) => (await gate, api.applyRosterImport(input));
    const listeners = new Set<(e: KbEvent) => void>();
    renderApp(core, {
      hash: '#/roster/import',
      api: { ...api, applyRosterImport: applyLater },
      events: (l) => (listeners.add(l), () => listeners.delete(l)),
    });
    pickFixture('fr-excel-semicolon-cp1252.csv');
    fireEvent.click(await screen.findByRole('button', { name: 'Apply the import (4 changes)' }));
    const busy = await screen.findByRole('progressbar', { name: 'Importing…' });
    expect(busy.hasAttribute('value')).toBe(false);
    act(() => listeners.forEach((l) => l({ type: 'progress', task: 'rosterImport', done: 20_000, total: 50_000 })));
    const bar = screen.getByRole('progressbar', { name: 'Importing…' });
    expect([bar.getAttribute('value'), bar.getAttribute('max')]).toEqual(['20000', '50000']);
    expect(screen.getByText('20,000 of 50,000 rows')).toBeTruthy();
    release();
    expect(await screen.findByText(/^Import complete/)).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('refuses a file above the size cap before sending it, with a clear message', async () => {
    renderApp(newCore({ demo: false }), { hash: '#/roster/import' });
    const big = new File(['x'], 'huge.csv');
    Object.defineProperty(big, 'size', { value: 30 * 1024 * 1024 });
    fireEvent.change(screen.getByLabelText(/^Spreadsheet file/), { target: { files: [big] } });
    expect((await screen.findByRole('alert')).textContent).toMatch(/“huge.csv” is too large to import \(30.0 MiB\)/);
  });
});

/** The files the page hands to a download, read back as text (byte for byte: a BOM stays). */
function captureDownloads() {
  const files: { name: string; text: Promise<string> }[] = [];
  const blobs = new Map<string, Blob>();
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => {};
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    files.push({ name: this.download, text: readBase64(blobs.get(this.href)!).then((b) => Buffer.from(b, 'base64').toString('utf8')) });
  });
  cleanups.push(() => click.mockRestore());
  return files;
}
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('exports', () => {
  it('the roster exports the experts it shows, or all of them, as CSV with a BOM', async () => {
    const core = newCore({ demo: false });
    await core.createExpert({ data: { givenName: 'Hélène', familyName: 'Dupré', memberState: 'FR', languages: [{ code: 'fr', level: 'native' }] } });
    await core.createExpert({ data: { givenName: 'Jan', familyName: 'Novák', memberState: 'CZ', languages: [{ code: 'cs', level: 'native' }] } });
    const files = captureDownloads();
    renderApp(core, { hash: '#/roster?language=fr&minLevel=C1' });
    await screen.findByText('1 expert');
    const bar = screen.getByRole('group', { name: 'Export experts' });
    expect((within(bar).getByRole('combobox', { name: 'Which records' }) as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Those shown (1)');
    fireEvent.click(within(bar).getByRole('button', { name: 'CSV' }));
    await within(bar).findByText(/^1 record exported to .+\.csv\.$/);
    const shown = await files[0]!.text;
    expect(shown.charCodeAt(0)).toBe(0xfeff);
    expect(shown).toContain('Dupré');
    expect(shown).not.toContain('Novák');

    fireEvent.change(within(bar).getByRole('combobox', { name: 'Which records' }), { target: { value: 'all' } });
    fireEvent.click(within(bar).getByRole('button', { name: 'vCard' }));
    await within(bar).findByText(/^2 records exported to .+\.vcf\.$/);
    expect(await files[1]!.text).toMatch(/BEGIN:VCARD[\s\S]*Novák[\s\S]*END:VCARD/);
  });
});

describe('sharing bundles', () => {
  const ghana = { code: 'Ghana III', titleEn: 'Ghana III: border management', domain: 'IMT' as const, countries: ['GH'], startDate: '2016-05' };

  it('exports the Actions of the current selection, and imports a colleague’s bundle after settling its conflict', async () => {
    const a = newCore({ demo: false });
    const gh = await a.createAction({ data: ghana });
    await a.createAction({ data: { code: 'Peru II', titleEn: 'Peru II', domain: 'LM', countries: ['PE'] } });
    const expert = await a.createExpert({ data: { givenName: 'Hélène', familyName: 'Dupré', email: 'h.dupre@example.fr' } });
    if (!gh.ok || !expert.ok) throw new Error('seed');
    await a.createDeployment({ data: { expert: expert.value.id, action: gh.value.id, role: 'trainer', startDate: '2017-03' } });
    const files = captureDownloads();
    renderApp(a, { hash: '#/share?country=GH' });
    expect(await screen.findByText('1 Action, with its lessons and deployed experts.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export the bundle' }));
    await screen.findByText(/^Bundle .+\.mieux-kb\.json saved: 3 records\.$/);
    const bundle = JSON.parse(await files[0]!.text) as { actions: { code: string }[]; experts: unknown[] };
    expect(bundle.actions.map((x) => x.code)).toEqual(['Ghana III']);

    // A colleague imported it, and both sides then changed the same expert.
    const b = newCore({ demo: false });
    await b.importBundle({ document: bundle });
    await new Promise((r) => setTimeout(r, 5));
    await a.updateExpert({ id: expert.value.id, data: { phone: '+33 6 00 00 00 01' } });
    // Versions are millisecond times: two edits in the same millisecond would read as one version.
    await new Promise((r) => setTimeout(r, 5));
    await b.updateExpert({ id: expert.value.id, data: { phone: '+33 6 00 00 00 02' } });
    const fromB = await b.exportBundle({});
    if (!fromB.ok) throw new Error(fromB.error.message);

    pick(/^Bundle file/, fromB.value.fileName, Buffer.from(fromB.value.contentBase64, 'base64'));
    const conflict = await screen.findByRole('group', { name: 'Expert · Hélène Dupré — Edited here and there' });
    expect((within(conflict).getByRole('radio', { name: /^This knowledge base’s version/ }) as HTMLInputElement).checked).toBe(true);
    const counts = screen.getByRole('table');
    expect(within(within(counts).getByRole('rowheader', { name: 'Actions' }).closest('tr')!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['0', '0', '1', '0']);
    fireEvent.click(within(conflict).getByRole('radio', { name: /^The bundle’s version/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Import the bundle' }));
    expect(await screen.findByText('The bundle was imported.')).toBeTruthy();
    const after = await a.getExpert({ id: expert.value.id });
    expect(after.ok && after.value.phone).toBe('+33 6 00 00 00 02');
  });
});
