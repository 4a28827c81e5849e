import type { Page } from '@playwright/test';
import { expect, expectAccessible, screenshot, test } from './fixtures';

const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

/** Adds a coded value (topic, country) by typing its label in the picker and pressing Enter. */
async function pick(page: Page, label: string, value: string, shown?: string) {
  const input = page.getByRole('combobox', { name: label });
  await input.fill(value);
  await input.press('Enter');
  await expect(page.getByRole('list', { name: label }).getByRole('listitem')).toContainText([shown ?? value]);
}

async function confirmDelete(page: Page) {
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm deletion' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete' }).click();
}

test('create, edit and delete an Action, with inline validation and unsaved-change protection', async ({ app: page, served }) => {
  await page.goto(page.url().replace(/#.*$/, '') + '#/actions');
  await page.getByRole('link', { name: 'New Action' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New Action' })).toBeVisible();

  // Saving the empty form shows the shared schema's messages next to the fields.
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(/Fix \d+ problems? before saving/)).toBeVisible();
  await expect(page.getByRole('textbox', { name: /Code/ })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('combobox', { name: /Domain/ })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('textbox', { name: /Code/ })).toBeFocused();
  await screenshot(page, 'action-form-errors');
  await expectAccessible(page);

  await page.getByRole('textbox', { name: /Code/ }).fill('Côte d’Ivoire IV');
  await page.getByRole('combobox', { name: /Domain/ }).selectOption('IMT');
  // The record-level rule of the schema: a title in one language at least.
  await expect(page.getByText('An Action needs a title in English or in French')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Title in English' })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('textbox', { name: 'Title in English' }).fill('Côte d’Ivoire IV: border management at land crossings');
  await expect(page.getByText('An Action needs a title in English or in French')).toHaveCount(0);
  await page.getByRole('textbox', { name: 'Title in French' }).fill('Côte d’Ivoire IV : gestion des frontières terrestres');
  await page.getByRole('textbox', { name: 'Start', exact: true }).fill('2024-13');
  await expect(page.getByText('Not a real calendar date')).toBeVisible();
  await page.getByRole('textbox', { name: 'Start', exact: true }).fill('2024-03');
  await pick(page, 'Topics', 'Border management and security');
  // Typed with a curly apostrophe and no accent, as people do.
  await pick(page, 'Partner countries', 'cote d’ivoire', "Côte d'Ivoire");
  await page.getByRole('textbox', { name: 'Partner institutions' }).fill('Direction de la Surveillance du Territoire');
  await page.getByRole('button', { name: 'Save' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Côte d’Ivoire IV: border management at land crossings' })).toBeVisible();
  await expect(page.locator('.record-facts')).toContainText('Border management and security');
  await expect(page.locator('.record-facts')).toContainText('Direction de la Surveillance du Territoire');
  const id = page.url().split('#/actions/')[1]!;
  const stored = await served.core.getAction({ id });
  expect(stored.ok && stored.value).toMatchObject({ code: 'Côte d’Ivoire IV', domain: 'IMT', countries: ['CI'], topics: ['IMT-BORDER'], startDate: '2024-03' });

  // Edit; leaving with unsaved changes asks first, and staying keeps the typing.
  await page.getByRole('link', { name: 'Edit' }).click();
  const title = page.getByRole('textbox', { name: 'Title in English' });
  await title.fill('Côte d’Ivoire IV: integrated border management');
  await nav(page, 'Browse');
  const ask = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(ask).toBeVisible();
  await screenshot(page, 'unsaved-changes');
  await ask.getByRole('button', { name: 'Stay on the form' }).click();
  await expect(title).toHaveValue('Côte d’Ivoire IV: integrated border management');
  await expect(page).toHaveURL(/\/edit$/);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Côte d’Ivoire IV: integrated border management' })).toBeVisible();

  // Leaving an edited form and choosing to discard really discards.
  await page.getByRole('link', { name: 'Edit' }).click();
  await title.fill('Discarded title');
  await nav(page, 'Dashboard');
  await page.getByRole('dialog', { name: 'Leave without saving?' }).getByRole('button', { name: 'Leave and discard' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'MIEUX+ at a glance' })).toBeVisible();
  const after = await served.core.getAction({ id });
  expect(after.ok && after.value.titleEn).toBe('Côte d’Ivoire IV: integrated border management');

  await page.goto(page.url().replace(/#.*$/, '') + `#/actions/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Côte d’Ivoire IV: integrated border management' })).toBeVisible();
  await confirmDelete(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Actions' })).toBeVisible();
  expect((await served.core.getAction({ id })).ok).toBe(false);
});

test('record a lesson from an Action, edit it and delete it', async ({ app: page, served }) => {
  const list = await served.core.listActions({ country: ['GH'], pageSize: 1 });
  const action = list.ok ? list.value.items[0]! : null;
  await page.goto(page.url().replace(/#.*$/, '') + `#/actions/${action!.id}`);
  await page.getByRole('link', { name: 'Record a lesson' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New lesson' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Actions' })).toContainText(action!.code);

  await page.getByRole('textbox', { name: /^Title/ }).fill('Les formateurs certifiés restent : prévoir leur rôle dès la demande');
  await page.getByRole('combobox', { name: /Kind/ }).selectOption('good_practice');
  await page.getByRole('form', { name: 'New lesson' }).getByRole('combobox', { name: 'Language', exact: true }).selectOption('fr');
  await page.getByRole('textbox', { name: 'Lesson', exact: true }).fill('Un pool de formateurs internes assure la durabilité.');
  await pick(page, 'DAC criteria', 'Sustainability');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Les formateurs certifiés restent : prévoir leur rôle dès la demande' })).toBeVisible();
  await expect(page.locator('.record-facts')).toContainText('Good practice');
  await expect(page.locator('.record-facts')).toContainText('Sustainability');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('combobox', { name: 'Review status' }).selectOption('validated');
  await screenshot(page, 'lesson-form');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.record-facts')).toContainText('Validated');

  await page.getByRole('link', { name: action!.code, exact: false }).first().click();
  await expect(page.getByRole('region', { name: /Lessons learned/ })).toContainText('Les formateurs certifiés restent');
  await page.getByRole('link', { name: 'Les formateurs certifiés restent : prévoir leur rôle dès la demande' }).click();
  await confirmDelete(page);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(action!.code.split(' ')[0]!);
  await expect(page.getByRole('region', { name: /Lessons learned/ })).not.toContainText('Les formateurs certifiés restent');
});

test('create an expert with languages, see the core refuse a taken e-mail on the field, edit and delete', async ({ app: page, served }) => {
  const taken = await served.core.listExperts({ pageSize: 1 });
  const email = taken.ok ? taken.value.items[0]!.email! : '';
  await nav(page, 'Roster');
  await page.getByRole('link', { name: 'New expert' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New expert' })).toBeVisible();
  await page.getByRole('textbox', { name: /Given name/ }).fill('Zoé');
  await page.getByRole('textbox', { name: /Family name/ }).fill('Lefèvre-Øster');
  await page.getByRole('textbox', { name: 'E-mail' }).fill('not an address');
  await expect(page.getByText('Not a valid e-mail address')).toBeVisible();
  await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
  await page.getByRole('combobox', { name: 'Member State' }).selectOption('BE');
  await page.getByRole('button', { name: 'Add a language' }).click();
  await page.getByRole('combobox', { name: 'Language 1' }).selectOption('fr');
  await page.getByRole('combobox', { name: 'Level' }).selectOption('native');
  await page.getByRole('button', { name: 'Add a language' }).click();
  await page.getByRole('combobox', { name: 'Language 2' }).selectOption('es');
  await page.getByRole('combobox', { name: 'Level' }).nth(1).selectOption('B2');
  await pick(page, 'Topics', 'Border management and security');
  await page.getByRole('textbox', { name: 'Consent given on' }).fill('2026-02-01');
  await page.getByRole('combobox', { name: 'Legal basis' }).selectOption('consent');
  await page.getByRole('button', { name: 'Save' }).click();

  // The core's answer names data.email: the message appears on that field, and nothing typed is lost.
  await expect(page.locator('.field-error')).toHaveText([`Another expert already has the e-mail ${email}`]);
  await expect(page.getByRole('alert')).toHaveText('Fix 1 problem before saving.');
  await expect(page.getByRole('textbox', { name: 'E-mail' })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('textbox', { name: /Family name/ })).toHaveValue('Lefèvre-Øster');
  await screenshot(page, 'expert-form-server-error');
  await expectAccessible(page);

  await page.getByRole('textbox', { name: 'E-mail' }).fill('zoe.lefevre@example.be');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Zoé Lefèvre-Øster' })).toBeVisible();
  await expect(page.locator('.languages')).toHaveText(/French\s*Native\s*Spanish\s*B2/);
  await expect(page.locator('.status-row')).toContainText('Consent: Given on 1 February 2026 (consent)');

  await page.getByRole('link', { name: 'Edit' }).click();
  await page.getByRole('combobox', { name: 'Availability', exact: true }).selectOption('limited');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator('.status-row')).toContainText('Limited');

  await confirmDelete(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Expert roster' })).toBeVisible();
  const gone = await served.core.listExperts({ pageSize: 1000 });
  expect(gone.ok && gone.value.items.some((e) => e.email === 'zoe.lefevre@example.be')).toBe(false);
});

test('deploy an expert on an Action by picking both, edit the deployment and delete it', async ({ app: page, served }) => {
  const list = await served.core.listActions({ country: ['CR'], pageSize: 1 });
  const action = list.ok ? list.value.items[0]! : null;
  await page.goto(page.url().replace(/#.*$/, '') + `#/actions/${action!.id}`);
  const before = await served.core.listDeployments({ actionId: action!.id, pageSize: 1 });
  await page.getByRole('link', { name: 'Add a deployment' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New deployment' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Action' })).toContainText(action!.code);

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('textbox', { name: 'Expert' })).toHaveAttribute('aria-invalid', 'true');

  await page.getByRole('textbox', { name: 'Expert' }).fill('Holloway');
  await page.getByRole('list', { name: 'Expert' }).getByRole('button', { name: /Gareth Holloway/ }).click();
  await expect(page.getByRole('list', { name: 'Expert' })).toContainText('Gareth Holloway');
  await page.getByRole('combobox', { name: 'Role' }).selectOption('trainer');
  await page.getByRole('combobox', { name: 'Activity' }).selectOption('workshop');
  await page.getByRole('textbox', { name: 'Start', exact: true }).fill('2026-09-14');
  await page.getByRole('textbox', { name: 'End', exact: true }).fill('2026-09-16');
  await page.getByRole('spinbutton', { name: 'Rating (1–5)' }).fill('7');
  await expect(page.getByRole('spinbutton', { name: 'Rating (1–5)' })).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('spinbutton', { name: 'Rating (1–5)' }).fill('5');
  await page.getByRole('textbox', { name: 'Location' }).fill('San José');
  await screenshot(page, 'deployment-form');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save' }).click();

  const table = page.getByRole('region', { name: /Experts deployed/ });
  await expect(table.getByRole('row', { name: /Gareth Holloway Trainer Workshop/ })).toBeVisible();
  const total = before.ok ? before.value.total + 1 : 0;
  await expect(page.getByRole('heading', { name: new RegExp(`^Experts deployed ${total}$`) })).toBeVisible();

  await table.getByRole('row', { name: /Gareth Holloway Trainer Workshop/ }).getByRole('link', { name: /Edit/ }).click();
  await page.getByRole('textbox', { name: 'Location' }).fill('Liberia, Guanacaste');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(table.getByRole('row', { name: /Gareth Holloway Trainer Workshop/ })).toContainText('Liberia, Guanacaste');

  await table.getByRole('row', { name: /Gareth Holloway Trainer Workshop/ }).getByRole('link', { name: /Edit/ }).click();
  await confirmDelete(page);
  await expect(page.getByRole('heading', { name: new RegExp(`^Experts deployed ${total - 1}$`) })).toBeVisible();
});
