import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, expectAccessible, screenshot, test } from './fixtures';

const section = (page: Page, name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });
const items = (page: Page, name: string) => section(page, name).locator('li.brief-item');
const titleOf = async (item: Locator) => (await item.locator('.brief-item-title a').textContent())!;

async function readDownload(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: fs.readFileSync((await download.path())!, 'utf8') };
}

test('New request → brief → pin an expert → export HTML, PDF and bundle', async ({ app: page }, testInfo) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'New request' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Preparation brief' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'What does the partner ask for?' })).toBeVisible();
  await screenshot(page, 'brief-empty');
  await expectAccessible(page);

  await page.getByRole('combobox', { name: 'Partner countries' }).fill("Côte d'Ivoire");
  await page.getByRole('combobox', { name: 'Topics' }).fill('Diaspora engagement');
  await page.getByRole('textbox', { name: 'Description of the request' }).fill('Côte d’Ivoire asks for support to draft its diaspora engagement policy');
  await page.getByRole('textbox', { name: 'Planned from' }).fill('2027-03');
  await page.getByRole('button', { name: 'Prepare the brief' }).click();

  await expect(items(page, 'Similar past Actions').first()).toBeVisible();
  await expect(section(page, 'Similar past Actions').getByRole('link', { name: /^Ghana IV/ })).toBeVisible();
  await expect(items(page, 'Applicable lessons learned').first()).toBeVisible();
  const experts = items(page, 'Expert shortlist');
  expect(await experts.count()).toBeGreaterThan(3);
  await screenshot(page, 'brief');
  await expectAccessible(page);

  // Pin the third expert: first in the list, marked, and explained factor by factor.
  const chosen = await titleOf(experts.nth(2));
  await page.getByRole('button', { name: `Pin ${chosen}` }).click();
  await expect(experts.first().locator('.brief-item-title a')).toHaveText(chosen);
  await expect(experts.first().getByText('Pinned', { exact: true })).toBeVisible();
  await expect(experts.first().getByRole('button', { name: `Unpin ${chosen}` })).toHaveAttribute('aria-pressed', 'true');
  await experts.first().getByRole('button', { name: `How this score was made: ${chosen}` }).click();
  const factors = experts.first().getByRole('table');
  await expect(factors.getByRole('row')).toHaveCount(8);
  await expect(factors).toContainText('Regional experience');
  await expect(factors).toContainText(/\d × 20 = /);
  await experts.first().scrollIntoViewIfNeeded();
  await screenshot(page, 'brief-pinned');
  await expectAccessible(page);

  // Reload keeps the brief and its pin: both are in the address. So does Back from a record.
  await page.reload();
  await expect(experts.first().locator('.brief-item-title a')).toHaveText(chosen);
  await experts.first().getByRole('link', { name: chosen }).click();
  await expect(page.getByRole('heading', { level: 1, name: chosen })).toBeVisible();
  await page.goBack();
  await expect(experts.first().locator('.brief-item-title a')).toHaveText(chosen);
  await expect(experts.first().getByText('Pinned', { exact: true })).toBeVisible();
  const action = (await items(page, 'Similar past Actions').first().locator('.brief-item-title a').textContent())!;
  const actionCode = action.split(':')[0]!;

  const html = await readDownload(page, () => page.getByRole('button', { name: 'Download HTML' }).click());
  expect(html.name).toMatch(/^brief-CI-\d{4}-\d{2}-\d{2}\.html$/);
  expect(html.text).toMatch(/^<!DOCTYPE html>/);
  expect(html.text).toContain(chosen);
  expect(html.text).toContain(actionCode);
  // The pinned expert comes first in the document's shortlist too, marked.
  const shortlist = html.text.slice(html.text.indexOf('Expert shortlist'));
  expect(shortlist.indexOf(chosen)).toBeLessThan(shortlist.indexOf(await titleOf(experts.nth(1))));
  expect(shortlist).toMatch(new RegExp(`${chosen}</strong> <span class="tag pin">pinned`));

  // Save as PDF: the button opens the print dialog, whose "Save as PDF" prints the page as it
  // looks in print media. Headless Chromium never closes that dialog (a second print then fails),
  // so only window.print is replaced, by a counter; page.pdf prints the page the same way.
  type Printable = { print(): void; printed: number };
  await page.evaluate(() => {
    const w = globalThis as unknown as Printable;
    w.printed = 0;
    w.print = () => void (w.printed += 1);
  });
  await page.getByRole('button', { name: 'Save as PDF / Print' }).click();
  expect(await page.evaluate(() => (globalThis as unknown as Printable).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.app-header')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Prepare the brief' })).toBeHidden();
  await expect(page.getByRole('button', { name: `Unpin ${chosen}` })).toBeHidden();
  // Every expert's score is explained on paper, opened or not on screen.
  await expect(experts.nth(1).getByRole('table')).toBeVisible();
  await screenshot(page, 'brief-print');
  const pdfPath = testInfo.outputPath('brief.pdf');
  await page.pdf({ path: pdfPath, format: 'A4', printBackground: true });
  const pdf = fs.readFileSync(pdfPath);
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(30_000);
  expect(pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0).toBeGreaterThan(1);
  await page.emulateMedia({ media: 'screen' });

  const bundle = await readDownload(page, () => page.getByRole('button', { name: 'Download bundle (.mieux-kb.json)' }).click());
  expect(bundle.name).toMatch(/\.mieux-kb\.json$/);
  const doc = JSON.parse(bundle.text) as { format: string; actions: { code: string }[]; experts: { givenName: string; familyName: string }[] };
  expect(doc.format).toBe('mieux-kb');
  expect(doc.experts.map((x) => `${x.givenName} ${x.familyName}`)).toContain(chosen);
  expect(doc.actions.map((a) => a.code)).toContain(actionCode);

  // The same brief in French.
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('fr');
  await expect(page.getByRole('heading', { level: 1, name: 'Note de préparation' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Experts proposés/ })).toBeVisible();
  await expect(items(page, 'Experts proposés').first().getByText('Épinglé', { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'La demande telle que comprise' })).toContainText('Engagement de la diaspora');
  await screenshot(page, 'brief-fr');
  await expectAccessible(page);
});

test('an Action page prepares a brief from that Action', async ({ app: page, served }) => {
  const list = await served.core.listActions({ pageSize: 500 });
  if (!list.ok) throw new Error(list.error.message);
  const ghana = list.value.items.find((a) => a.code === 'Ghana IV')!;
  await page.goto(`${served.server.url}#/actions/${ghana.id}`);
  await page.getByRole('link', { name: 'Prepare a brief' }).click();
  const form = page.getByRole('group', { name: 'The request' });
  await expect(form.getByRole('link', { name: 'Prepared from the Action Ghana IV' })).toBeVisible();
  await expect(form.getByRole('list', { name: 'Partner countries' })).toHaveText(/Ghana/);
  await expect(page.getByRole('region', { name: 'The request as understood' })).toContainText('Ghana');
  await expect(items(page, 'Expert shortlist').first()).toBeVisible();
  await expect(section(page, 'Similar past Actions').getByRole('link', { name: /^Ghana IV/ })).toHaveCount(0);
  await screenshot(page, 'brief-from-action');
  await expectAccessible(page);
});

test('a request the knowledge base knows nothing about says so in each list', async ({ app: page, served }) => {
  await page.goto(`${served.server.url}#/brief?text=${encodeURIComponent('xylophone quinoa zeppelin')}`);
  await expect(page.getByText('No similar past Action found.')).toBeVisible();
  await expect(page.getByText('No expert found for this request.')).toBeVisible();
  await screenshot(page, 'brief-no-results');
  await expectAccessible(page);
});
