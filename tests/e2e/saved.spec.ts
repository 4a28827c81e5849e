import { expect, screenshot, test } from './fixtures';

test('a search saved with a name comes back after a reload and re-runs with its filters; recent searches are offered', async ({ app: page }) => {
  await page.keyboard.press('Control+k');
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill('diaspora');
  await page.getByRole('group', { name: 'Type' }).getByRole('checkbox', { name: /Actions/ }).check();
  await expect(page.getByRole('button', { name: 'Remove Type: Actions' })).toBeVisible();
  const count = (await page.getByRole('status').textContent())!;

  await page.getByRole('button', { name: /Save this search/ }).click();
  await page.getByRole('textbox', { name: 'Name of the saved search' }).fill('Diaspora Actions');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const saved = page.getByRole('region', { name: 'Saved searches' });
  await expect(saved.getByRole('button', { name: 'Diaspora Actions', exact: true })).toBeVisible();

  // Opening a result makes the query a recent search.
  await page.locator('.hit-title a').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  // After a reload: the box starts empty, offering the recent and the saved searches.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(box).toHaveValue('');
  await expect(page.getByRole('heading', { name: 'Find past Actions, lessons learned and experts' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Recent searches' }).getByRole('button', { name: 'diaspora' })).toBeVisible();
  await screenshot(page, 'search-empty-state');
  await saved.getByRole('button', { name: 'Diaspora Actions', exact: true }).click();
  await expect(box).toHaveValue('diaspora');
  await expect(page.getByRole('button', { name: 'Remove Type: Actions' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(count);

  await saved.getByRole('button', { name: 'Delete saved search Diaspora Actions' }).click();
  await expect(saved.getByRole('button', { name: 'Diaspora Actions', exact: true })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('region', { name: 'Saved searches' })).toContainText('No saved search yet');
});
