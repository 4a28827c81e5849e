import { expect, expectAccessible, screenshot, test } from './fixtures';

const total = (r: { ok: boolean; value?: { total: number } }) => (r.ok ? r.value!.total : -1);

test('the roster filters by language level, topic and availability, sorts, and renders only the visible rows', async ({ app: page, served }) => {
  const core = served.core;
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roster' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Expert roster' })).toBeVisible();
  const everyone = total(await core.listExperts({ pageSize: 1 }));
  await expect(page.getByRole('status')).toHaveText(`${everyone} experts`);

  // Virtualized: a few dozen rows in the page, not all of them; scrolling brings the last one.
  await screenshot(page, 'roster');
  const rows = page.locator('.roster-scroll [role="row"]');
  expect(await rows.count()).toBeLessThan(everyone);
  const last = await core.listExperts({ pageSize: 1, page: everyone });
  await page.locator('.roster-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  if (last.ok) await expect(page.getByRole('link', { name: `${last.value.items[0]!.familyName}, ${last.value.items[0]!.givenName}` })).toBeVisible();
  await expectAccessible(page);

  // Spanish at B2 or better
  await page.getByLabel('Speaks').selectOption('es');
  await page.getByLabel('At least').selectOption('B2');
  const spanish = total(await core.listExperts({ pageSize: 1, language: { code: 'es', minLevel: 'B2' } }));
  const anySpanish = total(await core.listExperts({ pageSize: 1, language: { code: 'es', minLevel: 'A1' } }));
  expect(spanish).toBeLessThan(anySpanish);
  await expect(page.getByRole('status')).toHaveText(new RegExp(`^${spanish} experts?$`));
  const languageCells = page.locator('.roster-scroll .col-languages');
  for (const text of await languageCells.allTextContents()) expect(text).toMatch(/^ES (B2|C1|C2|native)/);
  await screenshot(page, 'roster-spanish-b2');

  // Sorting by Member State, then the other way
  await page.getByRole('button', { name: 'Sort by Member State' }).click();
  await expect(page.getByRole('columnheader', { name: /Member State/ })).toHaveAttribute('aria-sort', 'ascending');
  // Sorted by the ISO code each row shows in front of the country's name.
  const codes = async () => (await page.locator('.roster-scroll .col-memberState .iso').allTextContents()).join(' ');
  await expect.poll(async () => (await codes()).split(' ').length).toBeGreaterThan(5);
  await expect.poll(codes).toBe((await codes()).split(' ').sort().join(' '));
  const ascending = await codes();
  await page.getByRole('button', { name: 'Sort by Member State' }).click();
  await expect(page.getByRole('columnheader', { name: /Member State/ })).toHaveAttribute('aria-sort', 'descending');
  // Polled whole: while the list reloads it can be empty or half drawn.
  const descending = async () => {
    const list = (await codes()).split(' ');
    return list.length > 5 && list.join(' ') === [...list].sort().reverse().join(' ') && list[0]! >= ascending.split(' ').at(-1)!;
  };
  await expect.poll(descending).toBe(true);
});

test('French-speaking border-management experts available now, in two clicks from Browse', async ({ app: page, served }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Browse' }).click();
  // Click 1: the experts available now for the topic
  await page.getByRole('link', { name: 'Experts available now: Border management and security' }).click();
  await expect(page.getByRole('button', { name: 'Available now' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('Topic')).toHaveValue('IMT-BORDER');
  // Click 2: French
  await page.getByRole('group', { name: 'Quick language filters' }).getByRole('button', { name: 'French' }).click();
  const expected = await served.core.listExperts({ pageSize: 500, topic: ['IMT-BORDER'], availability: ['available'], language: { code: 'fr', minLevel: 'B2' } });
  if (!expected.ok) throw new Error(expected.error.message);
  expect(expected.value.total).toBeGreaterThan(0);
  await expect(page.getByRole('status')).toHaveText(new RegExp(`^${expected.value.total} experts?$`));
  const names = expected.value.items.map((e) => `${e.familyName}, ${e.givenName}`).sort();
  await expect.poll(async () => (await page.locator('.roster-scroll .col-familyName').allTextContents()).sort()).toEqual(names);
  await expect(page.locator('.roster-scroll .col-availability').first()).toHaveText('Available');
  await screenshot(page, 'roster-french-border-available');
});

test('the roster stays a few dozen rows in the page at 10,000 experts and jumps to any of them', async ({ app: page, served }) => {
  const experts = Array.from({ length: 10_000 }, (_, i) => ({
    givenName: `Given${i}`,
    familyName: `Zz-${String(i).padStart(5, '0')}`,
    memberState: 'AT',
    languages: [{ code: 'de', level: 'native' }],
  }));
  const imported = await served.core.importExchange({ document: { format: 'mieux-kb', version: 1, experts } });
  expect(imported.ok && imported.value.experts.created).toBe(10_000);
  const total = await served.core.listExperts({ pageSize: 1 });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Roster' }).click();
  await expect(page.getByRole('status')).toHaveText(`${(total.ok ? total.value.total : 0).toLocaleString('en')} experts`);

  // Jump to the middle: the rows there arrive (one page of 200 from the core), and the page
  // still holds only the rows in view.
  const started = Date.now();
  await page.locator('.roster-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight / 2));
  await expect(page.locator('.roster-scroll .col-familyName a').first()).toHaveText(/^Zz-0\d{4}, Given\d+$/);
  expect(Date.now() - started).toBeLessThan(3000);
  expect(await page.locator('.roster-scroll [role="row"]').count()).toBeLessThan(60);
  await page.locator('.roster-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByRole('link', { name: 'Zz-09999, Given9999' })).toBeVisible();
  await screenshot(page, 'roster-10k');
});
