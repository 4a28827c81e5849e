import { expect, expectAccessible, screenshot, test } from './fixtures';

test('switching to French and back changes the interface, not the records, and is remembered', async ({ app: page }) => {
  await page.keyboard.press('Control+k');
  const box = page.getByRole('searchbox', { name: 'Search' });
  await box.fill('Ghana III');
  const firstTitle = (await page.locator('.hit-title').first().textContent())!;

  await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
  await expect(page.getByRole('combobox', { name: 'Langue' })).toHaveValue('fr');
  await expect(page.getByRole('searchbox', { name: 'Rechercher' })).toHaveValue('Ghana III');
  await expect(page.getByRole('heading', { level: 1, name: 'Recherche' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Parcourir' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/\d+ résultats?/);
  // The record keeps its own language: the search hit's title is unchanged.
  await expect(page.locator('.hit-title').first()).toHaveText(firstTitle);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  await screenshot(page, 'search-fr');
  await expectAccessible(page);

  // Remembered after a reload, on every screen.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Recherche' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Tableau de bord' }).click();
  await expect(page.getByRole('heading', { level: 1, name: "MIEUX+ en un coup d'œil" })).toBeVisible();
  await expect(page.getByText('États membres représentés')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Parcourir' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Par domaine thématique' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Migration irrégulière et traite des êtres humains/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Experts' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fichier des experts' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Disponibles maintenant' })).toBeVisible();
  await screenshot(page, 'roster-fr');
  await expectAccessible(page);

  await page.getByRole('combobox', { name: 'Langue' }).selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: 'Expert roster' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
});
