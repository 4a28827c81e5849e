// Roster import, exports and sharing bundles in the browser, in serve mode over the demo knowledge
// base, with the golden fixture files a user would pick.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { KbCore } from '../../src/core';
import { expect, expectAccessible, screenshot, test } from './fixtures';

const FIXTURES = path.resolve(__dirname, '../fixtures/import');
const total = async (core: KbCore, filters: Record<string, unknown> = {}) => {
  const r = await core.listExperts({ pageSize: 1, ...filters });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.total;
};

async function openImport(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roster' }).click();
  await page.getByRole('link', { name: 'Import a spreadsheet' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import a roster spreadsheet' })).toBeVisible();
}

test('a French Excel CSV: preview, apply, the experts in the roster, then undo the import', async ({ app: page, served }) => {
  const before = await total(served.core);
  await openImport(page);
  await page.getByLabel(/^Spreadsheet file/).setInputFiles(path.join(FIXTURES, 'fr-excel-semicolon-cp1252.csv'));
  await expect(page.getByText(/Detected: Windows-1252, Semicolon \(;\)/)).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Field for column “Prénom”' })).toHaveValue('givenName');
  await expect(page.locator('.count-create dd')).toHaveText('3');
  // The demo roster has a Hélène Dupré at the same ministry, under another e-mail: the user decides.
  const dupre = page.getByRole('group', { name: /^Line 2: Hélène Dupré/ });
  await expect(page.getByRole('button', { name: 'Apply the import (4 changes)' })).toBeDisabled();
  await screenshot(page, 'import-preview');
  await expectAccessible(page);
  await dupre.scrollIntoViewIfNeeded();
  await screenshot(page, 'import-dry-run');
  await dupre.getByRole('radio', { name: /^Update Hélène Dupré/ }).check();

  await page.getByRole('button', { name: 'Apply the import (4 changes)' }).click();
  await expect(page.getByText('Import complete: 3 created, 1 updated, 0 unchanged, 0 rejected.')).toBeVisible();
  expect(await total(served.core)).toBe(before + 3);
  await screenshot(page, 'import-done');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Undo this import' }).click();
  const dialog = page.getByRole('dialog', { name: 'Undo this import?' });
  await dialog.getByRole('button', { name: 'Undo the import' }).click();
  await expect(page.getByText('The import was undone: the knowledge base is back as it was before it.')).toBeVisible();
  await page.getByRole('link', { name: 'Open the roster' }).click();
  await expect(page.getByRole('status')).toHaveText(`${before} experts`);
  expect(await total(served.core)).toBe(before);
});

test('an XLSX workbook: its sheet, a rejected row with its line, and the imported experts in the roster', async ({ app: page, served }) => {
  await openImport(page);
  await page.getByLabel(/^Spreadsheet file/).setInputFiles(path.join(FIXTURES, 'roster.xlsx'));
  await expect(page.getByRole('combobox', { name: 'Sheet' })).toHaveValue('Roster');
  const rejected = page.locator('.rejected-rows tbody tr');
  await expect(rejected).toHaveCount(1);
  await expect(rejected.locator('td').first()).toHaveText('5');
  await expect(rejected).toContainText('"nadia.benali@" is not a valid e-mail address');
  await rejected.scrollIntoViewIfNeeded();
  await screenshot(page, 'import-xlsx-preview');

  // Karl Gruber looks like the demo's Lukas Gruber (same family name, no e-mail in common): a new expert.
  await page.getByRole('group', { name: /^Line 3: Karl Gruber/ }).getByRole('radio', { name: 'Create a new expert' }).check();
  await page.getByRole('button', { name: 'Apply the import (3 changes)' }).click();
  await expect(page.getByText('Import complete: 2 created, 1 updated, 0 unchanged, 1 rejected.')).toBeVisible();
  await page.goto(`${served.server.url}#/roster?memberState=AT`);
  await expect(page.getByRole('status')).toHaveText(`${await total(served.core, { memberState: ['AT'] })} experts`);
  await page.locator('.roster-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByRole('link', { name: 'Gruber, Karl' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Gruber, Lukas' })).toBeVisible();
});

test('the import preview in French', async ({ app: page }) => {
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Experts' }).click();
  await page.getByRole('link', { name: 'Importer un tableau' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Importer un tableau d’experts' })).toBeVisible();
  await page.getByLabel(/^Fichier tableur/).setInputFiles(path.join(FIXTURES, 'extra-columns.csv'));
  await expect(page.getByText('Non importées (minimisation des données) : « Date de naissance », « Numéro de passeport »')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Champ pour la colonne « Pays »' })).toHaveValue('memberState');
  await expect(page.getByRole('combobox', { name: 'Champ pour la colonne « Pays »' }).locator('option:checked')).toHaveText('État membre');
  await screenshot(page, 'import-preview-fr');
  await expectAccessible(page);
  await page.getByRole('heading', { level: 2, name: 'Ce que fera l’import' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'import-dry-run-fr');
});

test('the experts export as CSV starts with a UTF-8 BOM and keeps accents', async ({ app: page, served }) => {
  const experts = await served.core.listExperts({ pageSize: 500 });
  const accented = experts.ok ? experts.value.items.find((e) => /[^\x20-\x7e]/.test(`${e.familyName}${e.givenName}`)) : undefined;
  expect(accented, 'the demo roster has an accented name').toBeDefined();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roster' }).click();
  const bar = page.getByRole('group', { name: 'Export experts' });
  const [download] = await Promise.all([page.waitForEvent('download'), bar.getByRole('button', { name: 'CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.toString('utf8')).toContain(accented!.familyName);
  await expect(bar).toContainText(/records exported to/);
  await screenshot(page, 'import-roster-export');
  await expectAccessible(page);
});

test('a sharing bundle of an Actions selection, imported back into the same knowledge base, changes nothing', async ({ app: page, served }) => {
  await page.goto(`${served.server.url}#/actions?region=AFRICA`);
  await expect(page.getByRole('group', { name: 'Export Actions' })).toBeVisible();
  await screenshot(page, 'import-actions-exports');
  await page.getByRole('link', { name: 'Share these Actions' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Share with a colleague' })).toBeVisible();
  await expect(page.getByText(/^\d+ Actions?, with/)).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the bundle' }).click()]);
  expect(download.suggestedFilename()).toMatch(/\.mieux-kb\.json$/);
  const file = (await download.path())!;
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as { actions: unknown[] };

  await page.getByLabel('Bundle file (.mieux-kb.json)').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: fs.readFileSync(file) });
  const actions = page.getByRole('row', { name: /^Actions/ });
  await expect(actions.getByRole('cell')).toHaveText(['0', '0', String(bundle.actions.length), '0']);
  await expect(page.getByText('No conflict.')).toBeVisible();
  await screenshot(page, 'import-bundle-dry-run');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Import the bundle' }).click();
  await expect(page.getByText('The bundle was imported.')).toBeVisible();
  await expect(actions.getByRole('cell')).toHaveText(['0', '0', String(bundle.actions.length), '0']);
});
