import type { KbCore } from '../../src/core';
import { expect, expectAccessible, screenshot, test } from './fixtures';

/** The demo Action with the most lessons that also has deployed experts. */
async function richAction(core: KbCore) {
  const actions = await core.listActions({ pageSize: 1000 });
  if (!actions.ok) throw new Error(actions.error.message);
  let best: { id: string; code: string; lessons: number; deployments: number } | null = null;
  for (const a of actions.value.items) {
    const l = await core.listLessons({ actionId: a.id, pageSize: 1 });
    const d = await core.listDeployments({ actionId: a.id, pageSize: 1 });
    if (!l.ok || !d.ok || !d.value.total) continue;
    if (!best || l.value.total > best.lessons) best = { id: a.id, code: a.code, lessons: l.value.total, deployments: d.value.total };
  }
  return best!;
}

test('an Action page shows its facts, lessons and deployed experts, and leads to each', async ({ app: page, served }) => {
  const target = await richAction(served.core);
  const full = await served.core.getAction({ id: target.id });
  if (!full.ok) throw new Error(full.error.message);

  // Found by its code through the search box, as a user would.
  await page.keyboard.press('Control+k');
  await page.getByRole('searchbox', { name: 'Search' }).fill(target.code);
  const title = full.value.titleEn ?? full.value.titleFr!;
  await page.getByRole('link', { name: title, exact: true }).first().click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const facts = page.locator('.record-facts');
  await expect(facts).toContainText(full.value.partners[0] ?? '');
  await expect(page.getByRole('heading', { name: new RegExp(`^Lessons learned ${target.lessons}$`) })).toBeVisible();
  await expect(page.getByRole('heading', { name: new RegExp(`^Experts deployed ${target.deployments}$`) })).toBeVisible();
  await expect(page.getByRole('region', { name: /Lessons learned/ }).locator('.record-list > li')).toHaveCount(target.lessons);
  const rows = page.getByRole('region', { name: /Experts deployed/ }).getByRole('row');
  await expect(rows).toHaveCount(target.deployments + 1);
  await screenshot(page, 'action');
  await expectAccessible(page);

  // A lesson learned from it
  const lessonLink = page.getByRole('region', { name: /Lessons learned/ }).locator('.record-title').first();
  const lessonTitle = (await lessonLink.textContent())!;
  await lessonLink.click();
  await expect(page.getByRole('heading', { level: 1, name: lessonTitle })).toBeVisible();
  await expect(page.locator('.record-facts')).toContainText(target.code);
  await screenshot(page, 'lesson');
  await expectAccessible(page);
  await page.goBack();

  // An expert deployed on it
  const expertLink = rows.nth(1).getByRole('link').first();
  const expertName = (await expertLink.textContent())!;
  await expertLink.click();
  await expect(page.getByRole('heading', { level: 1, name: expertName })).toBeVisible();
  await expect(page.locator('.languages li').first()).toHaveText(/\S+ (A1|A2|B1|B2|C1|C2|Native)$/);
  await expect(page.locator('.status-row')).toContainText(/Consent:/);
  await expect(page.locator('.status-row')).toContainText(/Confirmed|Never confirmed/);
  await expect(page.getByRole('region', { name: /Deployment history/ }).getByRole('link', { name: target.code, exact: true }).first()).toBeVisible();
  await screenshot(page, 'expert');
  await expectAccessible(page);
});

test('a record that does not exist says so and what to do', async ({ app: page }) => {
  await page.goto(page.url().replace(/#.*$/, '') + '#/actions/6f1c0000-0000-4000-8000-000000000000');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not load Action.');
  await expect(alert).toContainText(/deleted by someone else/);
  await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
});
