// The safety screens in a browser against serve mode: backups, how many to keep and restore over
// HTTP with the running core, a record's history, consent withdrawal, the personal-data export,
// the retention review, French, and the notice over a damaged database.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore } from '../../src/core';
import { rendererBundleDir, startServer } from '../../src/core/http/server';
import { damageTable } from '../core/damage';
import { expect, expectAccessible, screenshot, test } from './fixtures';

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

test('Back up now, then restore that backup in two clicks: the data is as it was', async ({ app: page, served }) => {
  const core = served.core;
  const before = value(await core.listActions({ pageSize: 1 })).total;
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByText('The knowledge base passed its check.')).toBeVisible();

  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Backup made on' })).toContainText(`${before} Actions`);
  const table = page.getByRole('table', { name: 'Backups, newest first' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await screenshot(page, 'settings');
  const daily = page.getByRole('spinbutton', { name: 'Daily backups' });
  await daily.fill('0');
  await page.getByRole('button', { name: 'Save the numbers' }).click();
  await expect(page.getByText('Enter a whole number from 1 to 366.')).toBeVisible();
  await daily.scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-keep-refused');
  await daily.fill('10');
  await page.getByRole('button', { name: 'Save the numbers' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved. 10 daily backups are kept' })).toBeVisible();
  expect(value(await core.getBackupSettings({}))).toMatchObject({ keepDaily: 10, keepSafety: 5 });
  await page.getByRole('status').filter({ hasText: 'Saved. 10 daily backups are kept' }).scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-keep');
  await expectAccessible(page);

  value(await core.createAction({ data: { code: 'After the backup', titleEn: 'Made after the backup', domain: 'MD' } }));
  await table.getByRole('button', { name: /^Restore the backup of / }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('The current database file is moved aside and kept, never deleted.');
  await screenshot(page, 'settings-restore-confirm');
  await dialog.getByRole('button', { name: 'Restore' }).click();

  await expect(page.getByRole('status').filter({ hasText: /^Backup of .* restored\./ })).toContainText('The previous database file is kept at');
  await screenshot(page, 'settings-restored');
  // The running core reopened the restored file: the Action made after the backup is gone, the rest is there.
  expect(value(await core.listActions({ pageSize: 1 })).total).toBe(before);
  // And the screens read the restored file too.
  await page.goto(`${served.server.url}#/actions`);
  await expect(page.getByRole('status')).toHaveText(`${before} Actions`);
});

test('an edit shows in the expert’s history; withdrawing consent takes them out of the roster', async ({ app: page, served }) => {
  const core = served.core;
  const everyone = value(await core.listExperts({ pageSize: 1 })).total;
  const e = value(await core.listExperts({ pageSize: 1 })).items[0]!;
  const name = `${e.givenName} ${e.familyName}`;
  await page.goto(`${served.server.url}#/experts/${e.id}/edit`);
  await page.getByRole('textbox', { name: 'Position' }).fill('Head of the asylum unit');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  await page.getByRole('button', { name: 'History' }).click();
  const newest = page.getByRole('table', { name: 'Changes, newest first' }).getByRole('row').nth(1);
  await expect(newest).toContainText('Edited');
  await expect(newest.getByRole('cell').nth(3)).toHaveText('Position');
  await newest.scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-expert-history');

  await page.getByRole('button', { name: 'Withdraw consent' }).click();
  await page.getByRole('dialog', { name: `Withdraw the consent of ${name}?` }).getByRole('button', { name: 'Withdraw consent' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Consent withdrawn.' })).toHaveText(`Consent withdrawn. ${name} no longer appears in the roster, search or exports.`);
  await expect(page.getByRole('table', { name: 'Changes, newest first' }).getByRole('row').nth(1)).toContainText('Consent withdrawn');
  await screenshot(page, 'settings-expert-withdrawn');
  await expectAccessible(page);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roster' }).click();
  await expect(page.getByRole('status')).toHaveText(`${everyone - 1} experts`);
  await expect(page.getByRole('link', { name: `${e.familyName}, ${e.givenName}` })).toHaveCount(0);
});

test('the expert’s data downloads as JSON and as a readable page', async ({ app: page, served }) => {
  const e = value(await served.core.listExperts({ pageSize: 1 })).items[0]!;
  await page.goto(`${served.server.url}#/experts/${e.id}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Personal data' })).toBeVisible();

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export their data (JSON)' }).click()]);
  expect(json.suggestedFilename()).toMatch(/^personal-data-.+\.json$/);
  const data = JSON.parse(fs.readFileSync((await json.path())!, 'utf8'));
  expect(data.expert).toMatchObject({ id: e.id, givenName: e.givenName, familyName: e.familyName });
  expect(Object.keys(data)).toEqual(['exportedAt', 'expert', 'related', 'history']);
  expect(data.history.length).toBeGreaterThan(0);

  const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export their data (readable page)' }).click()]);
  expect(html.suggestedFilename()).toMatch(/^personal-data-.+\.html$/);
  const text = fs.readFileSync((await html.path())!, 'utf8');
  expect(text).toMatch(/^<!doctype html>/i);
  expect(text).toContain(e.familyName);
  await expect(page.getByRole('status').filter({ hasText: /^Saved personal-data-/ })).toBeVisible();
  await screenshot(page, 'settings-expert-personal-data');
});

test('Settings and the retention review in French', async ({ app: page }) => {
  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await page.getByRole('link', { name: 'Paramètres' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Paramètres' })).toBeVisible();
  await page.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Sauvegarde faite le' })).toBeVisible();
  await screenshot(page, 'settings-fr');
  await expectAccessible(page);
  await page.getByRole('navigation', { name: 'Pages des paramètres' }).getByRole('link', { name: 'Revue de conservation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Revue de conservation' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Non confirmés? depuis 24 mois ou plus/ })).toBeVisible();
  await screenshot(page, 'settings-review-fr');
  await expectAccessible(page);
});

test('a damaged database: the app explains, exports what is readable, and restores the last verified backup', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-kb-e2e-damaged-'));
  const dbPath = path.join(dir, 'kb.sqlite');
  const healthy = createCore({ dbPath, demoIfNew: true });
  const backup = value(await healthy.createBackup({}));
  healthy.close();
  damageTable(dbPath, 'lessons');
  const core = createCore({ dbPath });
  const server = await startServer({ core, staticDir: rendererBundleDir(), port: 0 });
  try {
    await page.goto(server.url);
    const notice = page.getByRole('alert').filter({ hasText: 'The knowledge base file is damaged' });
    await expect(notice).toBeVisible();
    const date = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(backup.createdAt));
    await expect(notice).toContainText(`Last verified backup: ${date}`);
    await screenshot(page, 'settings-damaged');
    await expectAccessible(page);

    const [download] = await Promise.all([page.waitForEvent('download'), notice.getByRole('button', { name: 'Export what is still readable' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.mieux-kb\.json$/);
    const doc = JSON.parse(fs.readFileSync((await download.path())!, 'utf8'));
    expect(doc).toMatchObject({ format: 'mieux-kb', version: 1, lessons: [] });
    expect(doc.actions).toHaveLength(backup.counts.actions!);

    await notice.getByRole('button', { name: 'Restore this backup' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^Backup of .* restored\./ })).toBeVisible();
    await expect(notice).toHaveCount(0);
    expect(value(await core.listLessons({ pageSize: 1 })).total).toBe(backup.counts.lessons);
    await screenshot(page, 'settings-damaged-restored');
  } finally {
    await server.close();
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
