import { expect, expectAccessible, screenshot, test } from './fixtures';

const countIn = async (text: Promise<string | null>) => Number((await text)!.match(/\d+/)![0]);

test('browse by domain, region, country, map and year: every count leads to that many Actions', async ({ app: page, served }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Browse' })).toBeVisible();
  await expect(page.locator('.world-map svg a').first()).toBeVisible();
  await screenshot(page, 'browse');
  await page.locator('.world-map').scrollIntoViewIfNeeded();
  await screenshot(page, 'browse-map');
  await page.locator('.timeline').scrollIntoViewIfNeeded();
  await screenshot(page, 'browse-timeline');
  await expectAccessible(page);

  // Domain → its Actions
  const imt = page.getByRole('heading', { level: 3 }).getByRole('link', { name: /Irregular migration and trafficking in human beings/ });
  const imtCount = await countIn(imt.locator('.count-badge').textContent());
  const expected = await served.core.listActions({ domain: ['IMT'], pageSize: 1 });
  expect(expected.ok && expected.value.total).toBe(imtCount);
  await imt.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Actions' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(`${imtCount} Actions`);
  await expect(page.getByRole('link', { name: /^Remove Domain: Irregular migration/ })).toBeVisible();
  await expect(page.locator('.record-list > li')).toHaveCount(imtCount);
  await expectAccessible(page);
  await page.goBack();

  // Topic → its Actions
  const border = page.locator('.count-list a').filter({ hasText: 'Border management and security' });
  const borderCount = await countIn(border.locator('.count').textContent());
  await border.click();
  await expect(page.getByRole('status')).toHaveText(new RegExp(`^${borderCount} Actions?$`));
  await page.goBack();

  // Region → countries → a country's Actions
  const lac = page.locator('.region-name').filter({ hasText: 'Latin America and Caribbean' });
  const lacCount = await countIn(lac.locator('.count-badge').textContent());
  const lacExpected = await served.core.listActions({ region: ['LAC'], pageSize: 1 });
  expect(lacExpected.ok && lacExpected.value.total).toBe(lacCount);
  const costaRica = page.locator('.country-list a').filter({ hasText: 'Costa Rica' });
  const crCount = await countIn(costaRica.locator('.count').textContent());
  await costaRica.click();
  await expect(page.getByRole('status')).toHaveText(new RegExp(`^${crCount} Actions?$`));
  await expect(page.locator('.record-list .facts').first()).toContainText('Costa Rica');
  await page.goBack();

  // The map: Costa Rica is clickable and carries the same count.
  const onMap = page.getByRole('link', { name: `Costa Rica: ${crCount} Actions` });
  await expect(onMap).toHaveCount(1);
  await onMap.click();
  await expect(page.getByRole('status')).toHaveText(new RegExp(`^${crCount} Actions?$`));
  await page.goBack();

  // The timeline: a year's bar lists the Actions running that year.
  const bar = page.locator('.timeline a').nth(3);
  const [, year, n] = /^(\d{4}): (\d+) Actions?$/.exec((await bar.getAttribute('title'))!)!;
  const running = await served.core.listActions({ yearFrom: Number(year), yearTo: Number(year), pageSize: 1 });
  expect(running.ok && running.value.total).toBe(Number(n));
  await bar.click();
  await expect(page.getByRole('status')).toHaveText(new RegExp(`^${n} Actions?$`));
  await expect(page.getByRole('link', { name: `Remove Year: ${year}` })).toBeVisible();
  await screenshot(page, 'actions-by-year');
});
