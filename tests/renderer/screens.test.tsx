import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/renderer/src/i18n/en';
import { fr } from '../../src/renderer/src/i18n/fr';
import { formatPartialDate } from '../../src/renderer/src/components/labels';
import * as reference from '../../src/shared/reference';
import { newCore, renderApp } from './helpers';

describe('the search screen', () => {
  it('renders highlights as <mark> and record text as text, never as HTML', async () => {
    const core = newCore({ demo: false });
    await core.createAction({ data: { code: 'XSS I', titleEn: 'Frontière <img src=x onerror="alert(1)"> <b>bold</b>', domain: 'IMT', summary: 'Gestion des frontières <script>alert(2)</script>' } });
    const { container } = renderApp(core, { hash: '#/search' });
    const box = await screen.findByRole('searchbox', { name: 'Search' });
    fireEvent.change(box, { target: { value: 'frontiere' } });
    const link = await screen.findByRole('link', { name: 'Frontière <img src=x onerror="alert(1)"> <b>bold</b>' });
    expect(link.querySelector('mark')?.textContent).toBe('Frontière');
    expect(container.querySelector('img, script, b')).toBeNull();
    expect(container.querySelector('.snippet mark')?.textContent).toBe('frontières');
  });

  it('moves through the results with the arrow keys and opens one with Enter', async () => {
    const core = newCore();
    renderApp(core, { hash: '#/search' });
    const box = await screen.findByRole('searchbox', { name: 'Search' });
    fireEvent.change(box, { target: { value: 'Costa Rica' } });
    await screen.findByText(/\d+ results?/);
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    const items = document.querySelectorAll('li.hit');
    expect(items[1]!.getAttribute('aria-current')).toBe('true');
    const href = items[1]!.querySelector('a')!.getAttribute('href');
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(window.location.hash).toBe(href);
  });

  it('offers the correction of a typo from the knowledge base’s own words', async () => {
    const core = newCore();
    renderApp(core, { hash: '#/search' });
    const box = await screen.findByRole('searchbox', { name: 'Search' });
    fireEvent.change(box, { target: { value: 'traffiking' } });
    expect(await screen.findByText(/Showing results for “trafficking” instead/)).toBeTruthy();
  });
});

describe('forms', () => {
  it('shows the schema’s messages on the fields and saves a valid Action to the core', async () => {
    const core = newCore({ demo: false });
    renderApp(core, { hash: '#/actions/new' });
    fireEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Fix \d+ problems? before saving/)).toBeTruthy();
    const code = screen.getByRole('textbox', { name: /^Code/ });
    expect(code.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(code.getAttribute('aria-describedby')!.split(' ').pop()!)?.textContent).toBe('Required');

    fireEvent.change(code, { target: { value: 'Sénégal II' } });
    fireEvent.change(screen.getByRole('combobox', { name: /^Domain/ }), { target: { value: 'MD' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Title in French' }), { target: { value: 'Sénégal II : diaspora et développement' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(window.location.hash).toMatch(/^#\/actions\/[0-9a-f-]{36}$/));
    const list = await core.listActions({});
    expect(list.ok && list.value.items.map((a) => [a.code, a.domain, a.titleFr])).toEqual([['Sénégal II', 'MD', 'Sénégal II : diaspora et développement']]);
  });

  it('asks before leaving a form with unsaved changes', async () => {
    const core = newCore({ demo: false });
    renderApp(core, { hash: '#/experts/new' });
    fireEvent.change(await screen.findByRole('textbox', { name: /^Given name/ }), { target: { value: 'Ana' } });
    window.location.hash = '#/roster';
    fireEvent(window, new HashChangeEvent('hashchange'));
    const dialog = await screen.findByRole('dialog', { name: 'Leave without saving?' });
    expect(window.location.hash).toBe('#/experts/new');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Stay on the form' }));
    expect((screen.getByRole('textbox', { name: /^Given name/ }) as HTMLInputElement).value).toBe('Ana');
  });
});

describe('the interface languages', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));

  it('French has every English text, none empty or left in English by mistake', () => {
    expect(keys(fr).sort()).toEqual(keys(en).sort());
    const flat = (o: object): string[] => Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : flat(v as object)));
    expect(flat(fr).every((s) => s.trim().length > 0)).toBe(true);
    const get = (o: object, k: string) => k.split('.').reduce((x: never, p) => x[p], o as never) as string;
    // Words spelt the same in both languages; any other identical text is a forgotten translation.
    const sameInBoth = new Set(['Ctrl+K', '—', 'Action', 'Actions', 'Date', 'Dates', 'Type', 'Code', 'Notes', 'Institution', 'Expertise', 'Expert', 'Experts', 'Impact', '{{count, number}} Action', '{{count, number}} Actions', '{{count, number}} expert', '{{count, number}} experts', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2']);
    expect(keys(en).filter((k) => get(en, k) === get(fr, k) && !sameInBoth.has(get(en, k)))).toEqual([]);
  });

  it('every code of the contract has a label in both languages', () => {
    const lists: [keyof typeof en.enums, readonly string[]][] = [
      ['status', [...reference.ACTION_STATUSES, ...reference.REVIEW_STATUSES, ...reference.AVAILABILITIES]],
      ['polarity', reference.LESSON_POLARITIES],
      ['stage', reference.LESSON_STAGES],
      ['dac', reference.DAC_CRITERIA],
      ['evidence', reference.EVIDENCE_LEVELS],
      ['sector', reference.EXPERT_SECTORS],
      ['rosterStatus', reference.ROSTER_STATUSES],
      ['basis', reference.CONSENT_BASES],
      ['role', reference.DEPLOYMENT_ROLES],
      ['activity', reference.ACTIVITY_TYPES],
      ['textLanguage', reference.TEXT_LANGUAGES],
      ['level', reference.CEFR_LEVELS],
    ];
    for (const [group, codes] of lists) {
      for (const c of codes) {
        expect((en.enums[group] as Record<string, string>)[c], `en ${group}.${c}`).toBeTruthy();
        expect((fr.enums[group] as Record<string, string>)[c], `fr ${group}.${c}`).toBeTruthy();
      }
    }
  });

  it('switches the whole interface at once and keeps the records as they are', async () => {
    const core = newCore();
    const experts = await core.listExperts({ pageSize: 1 });
    const e = experts.ok ? experts.value.items[0]! : null;
    const { i18n } = renderApp(core, { hash: `#/experts/${e!.id}` });
    expect(await screen.findByRole('heading', { level: 1, name: `${e!.givenName} ${e!.familyName}` })).toBeTruthy();
    expect(screen.getByText('Member State')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Language' }), { target: { value: 'fr' } });
    await waitFor(() => expect(i18n.language).toBe('fr'));
    expect(await screen.findByText('État membre')).toBeTruthy();
    expect(screen.getByRole('combobox', { name: 'Langue' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: `${e!.givenName} ${e!.familyName}` })).toBeTruthy();
    expect(screen.getByText(e!.expertise!)).toBeTruthy();
  });

  it('writes partial dates as people do in each language', () => {
    expect(formatPartialDate('2021', 'fr')).toBe('2021');
    expect(formatPartialDate('2021-06', 'en')).toBe('June 2021');
    expect(formatPartialDate('2021-06', 'fr')).toBe('juin 2021');
    expect(formatPartialDate('2021-06-15', 'fr')).toBe('15 juin 2021');
  });
});
