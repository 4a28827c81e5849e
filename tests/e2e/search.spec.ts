import { expect, expectAccessible, screenshot, test } from './fixtures';

test('search forgives accents and typos, filters by facet and opens a result with the keyboard', async ({ app: page }) => {
  await expect(page.getByRole('heading', { level: 1, name: 'MIEUX+ at a glance' })).toBeVisible();
  await page.keyboard.press('Control+k');
  const box = page.getByRole('searchbox', { name: 'Search' });
  await expect(box).toBeFocused();
  await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible();

  // Typed without its accent, the French word still finds records written with it.
  await box.pressSequentially('frontiere');
  const results = page.getByRole('region', { name: 'Search' }).getByRole('listitem').filter({ has: page.getByRole('link') });
  await expect(page.getByRole('status')).toHaveText(/\d+ results?/);
  await expect(page.locator('.hit mark').first()).toHaveText(/frontières?/i);
  await screenshot(page, 'search');
  await expectAccessible(page);

  const before = Number((await page.getByRole('status').textContent())!.match(/\d+/)![0]);
  await page.getByRole('group', { name: 'Type' }).getByRole('checkbox', { name: /Lessons/ }).check();
  await expect(page.getByRole('button', { name: /Remove Type: Lessons/ })).toBeVisible();
  const after = Number((await page.getByRole('status').textContent())!.match(/\d+/)![0]);
  expect(after).toBeLessThan(before);
  await expect(page.locator('.hit .hit-type')).toHaveText(Array(await page.locator('.hit').count()).fill(/Lesson/));
  await screenshot(page, 'search-facet');

  await page.getByRole('button', { name: /Remove Type: Lessons/ }).click();
  await expect(page.getByRole('button', { name: /Remove Type/ })).toHaveCount(0);

  // A typo: the knowledge base's own vocabulary offers the correction.
  await box.fill('traffiking');
  await expect(page.getByText(/Showing results for “trafficking”|Did you mean/)).toBeVisible();
  await expect(results.first()).toBeVisible();

  await box.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const second = await page.locator('.hit').nth(1).getByRole('link').textContent();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(second!.trim());
});
