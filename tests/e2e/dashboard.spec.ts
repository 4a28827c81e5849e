import { expect, expectAccessible, screenshot, test } from './fixtures';

test('the dashboard shows the key figures computed live, and its charts lead to the Actions', async ({ app: page, served }) => {
  const stats = await served.core.getStats({});
  if (!stats.ok) throw new Error(stats.error.message);
  const s = stats.value;
  await expect(page.getByRole('heading', { level: 1, name: 'MIEUX+ at a glance' })).toBeVisible();
  const figure = (name: string) => page.locator('.figures > div').filter({ has: page.getByText(name, { exact: true }) }).locator('dd');
  await expect(figure('Actions')).toHaveText(String(s.actions));
  await expect(figure('Experts deployed')).toHaveText(String(s.expertsDeployed));
  await expect(figure('EU officials')).toHaveText(String(s.euOfficials));
  await expect(figure('Member States represented')).toHaveText(String(s.memberStates));
  await screenshot(page, 'dashboard');
  await expectAccessible(page);

  // A new Action counts at once.
  await served.core.createAction({ data: { code: 'Test I', titleEn: 'Test I: counted', domain: 'MD', countries: ['SN'] } });
  await page.reload();
  await expect(figure('Actions')).toHaveText(String(s.actions + 1));

  const bar = page.getByRole('list', { name: 'Actions by region' }).getByRole('link', { name: /Latin America and Caribbean/ });
  const n = s.actionsByRegion.LAC ?? 0;
  await expect(bar).toContainText(String(n));
  await bar.click();
  await expect(page.getByRole('status')).toHaveText(`${n} Actions`);
});

test('a call that fails says what failed and what to do, and keeps what was typed', async ({ app: page, served, allowedErrors }) => {
  allowedErrors.push(/ERR_CONNECTION_REFUSED/);
  await page.goto(page.url().replace(/#.*$/, '') + '#/experts/new');
  await page.getByRole('textbox', { name: /Given name/ }).fill('Ana');
  await page.getByRole('textbox', { name: /Family name/ }).fill('Ferreira');
  // The knowledge base stops answering (the server is gone).
  await served.server.close();
  await page.getByRole('button', { name: 'Save' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Could not save');
  await expect(alert).toContainText(/did not answer/);
  await expect(alert).toContainText(/your unsaved work stays on screen/);
  await expect(page.getByRole('textbox', { name: /Family name/ })).toHaveValue('Ferreira');
  await screenshot(page, 'save-failed');
});
