import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { newCore, renderApp } from './helpers';

const items = (section: string) => within(screen.getByRole('region', { name: new RegExp(`^${section}`) })).getAllByRole('listitem').filter((li) => li.classList.contains('brief-item'));
const titleOf = (li: HTMLElement) => li.querySelector('.brief-item-title a')!.textContent!;

/** "New request" from the header, Côte d'Ivoire and the diaspora topic, then "Prepare the brief". */
async function askForDiasporaBrief() {
  fireEvent.click(await screen.findByRole('link', { name: 'New request' }));
  fireEvent.change(await screen.findByRole('combobox', { name: 'Partner countries' }), { target: { value: "Côte d'Ivoire" } });
  fireEvent.change(screen.getByRole('combobox', { name: 'Topics' }), { target: { value: 'Diaspora engagement' } });
  fireEvent.change(screen.getByRole('textbox', { name: 'Description of the request' }), { target: { value: 'Support to draft a national diaspora engagement policy' } });
  fireEvent.click(screen.getByRole('button', { name: 'Prepare the brief' }));
  await screen.findByRole('heading', { level: 2, name: /^Similar past Actions/ });
}

describe('the preparation brief', () => {
  it('turns a new request into similar Actions, lessons and explained experts, kept in the address', async () => {
    const core = newCore();
    renderApp(core);
    await askForDiasporaBrief();
    expect(window.location.hash).toMatch(/^#\/brief\?.*country=CI.*topic=MD-DIASPORA/);
    expect(items('Similar past Actions').map(titleOf)).toContain('Ghana IV: finalisation of the diaspora engagement policy');
    expect(items('Applicable lessons learned').length).toBeGreaterThan(0);
    const experts = items('Expert shortlist');
    expect(experts.length).toBeGreaterThan(2);
    expect(experts[0]!.querySelector('a')!.getAttribute('href')).toMatch(/^#\/experts\/[0-9a-f-]{36}$/);
    // The request as the brief understood it: the country's working language and the level needed.
    expect(screen.getByRole('region', { name: 'The request as understood' }).textContent).toContain('French (level B2 or better)');

    // Every expert's score, factor by factor: value × weight = points, adding up to the score.
    const first = experts[0]!;
    const name = titleOf(first);
    const why = within(first).getByRole('button', { name: `How this score was made: ${name}` });
    const table = within(first).getByRole('table', { hidden: true });
    expect(table.classList.contains('collapsed')).toBe(true);
    fireEvent.click(why);
    expect(why.getAttribute('aria-expanded')).toBe('true');
    expect(table.classList.contains('collapsed')).toBe(false);
    const rows = within(table).getAllByRole('row').slice(1, -1);
    expect(rows.map((r) => r.querySelector('th')!.textContent)).toEqual(['Topic', 'Language', 'Availability', 'Profile freshness', 'Regional experience', 'Ratings']);
    expect(rows[0]!.textContent).toMatch(/1 × 30 = 30$/);
    const points = rows.map((r) => Number(r.querySelector('strong')!.textContent));
    const score = Number(/Score ([\d.]+)/.exec(first.querySelector('.score')!.textContent!)![1]);
    expect(points.reduce((a, b) => a + b, 0)).toBeCloseTo(score, 0);
  });

  it('pins an expert to the top of the list, marked, and removes a suggestion until undone', async () => {
    const core = newCore();
    renderApp(core);
    await askForDiasporaBrief();
    const third = titleOf(items('Expert shortlist')[2]!);
    fireEvent.click(screen.getByRole('button', { name: `Pin ${third}` }));
    await waitFor(() => expect(titleOf(items('Expert shortlist')[0]!)).toBe(third));
    const pinned = items('Expert shortlist')[0]!;
    expect(within(pinned).getByText('Pinned')).toBeTruthy();
    expect(within(pinned).getByRole('button', { name: `Unpin ${third}` }).getAttribute('aria-pressed')).toBe('true');
    expect(items('Expert shortlist').filter((li) => li.classList.contains('pinned'))).toHaveLength(1);
    expect(window.location.hash).toMatch(/pin=experts%3A[0-9a-f-]{36}/);

    const action = titleOf(items('Similar past Actions')[0]!);
    fireEvent.click(screen.getByRole('button', { name: `Remove ${action}` }));
    await waitFor(() => expect(items('Similar past Actions').map(titleOf)).not.toContain(action));
    // The pin survives the removal of another suggestion.
    expect(titleOf(items('Expert shortlist')[0]!)).toBe(third);
    const removed = screen.getByRole('region', { name: 'Removed suggestions' });
    const undo = await within(removed).findByRole('button', { name: new RegExp(`^Undo the removal of ${action.split(':')[0]}`) });
    fireEvent.click(undo);
    await waitFor(() => expect(items('Similar past Actions').map(titleOf)).toContain(action));
    expect(screen.queryByRole('region', { name: 'Removed suggestions' })).toBeNull();
  });

  it('asks for something to go on and for real dates before preparing', async () => {
    const core = newCore();
    renderApp(core, { hash: '#/brief' });
    expect(await screen.findByRole('heading', { level: 2, name: 'What does the partner ask for?' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Prepare the brief' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Give at least a partner country, a domain, a topic or a description.');
    fireEvent.change(screen.getByRole('textbox', { name: 'Description of the request' }), { target: { value: 'border management' } });
    const from = screen.getByRole('textbox', { name: 'Planned from' });
    fireEvent.change(from, { target: { value: '2027-13' } });
    fireEvent.click(screen.getByRole('button', { name: 'Prepare the brief' }));
    expect(from.getAttribute('aria-invalid')).toBe('true');
    expect(window.location.hash).toBe('#/brief');
    fireEvent.change(from, { target: { value: '2027-03' } });
    fireEvent.click(screen.getByRole('button', { name: 'Prepare the brief' }));
    await waitFor(() => expect(window.location.hash).toBe('#/brief?text=border+management&from=2027-03'));
    expect(await screen.findByRole('heading', { level: 2, name: /^Similar past Actions/ })).toBeTruthy();
  });

  it('starts from an Action: its page leads to a brief with its countries and topics', async () => {
    const core = newCore();
    const list = await core.listActions({ pageSize: 200 });
    const ghana = list.ok ? list.value.items.find((a) => a.code === 'Ghana IV')! : null;
    renderApp(core, { hash: `#/actions/${ghana!.id}` });
    fireEvent.click(await screen.findByRole('link', { name: 'Prepare a brief' }));
    await waitFor(() => expect(window.location.hash).toBe(`#/brief?actionId=${ghana!.id}`));
    const form = await screen.findByRole('group', { name: 'The request' });
    expect(within(form).getByRole('link', { name: 'Prepared from the Action Ghana IV' })).toBeTruthy();
    expect(within(within(form).getByRole('list', { name: 'Partner countries' })).getByText('Ghana')).toBeTruthy();
    expect(within(within(form).getByRole('list', { name: 'Topics' })).getByText('Diaspora engagement')).toBeTruthy();
    await screen.findByRole('heading', { level: 2, name: /^Expert shortlist/ });
    // The Action itself is never suggested as similar to itself.
    expect(items('Similar past Actions').map(titleOf).some((x) => x.startsWith('Ghana IV'))).toBe(false);
  });

  it('speaks French, Actions’ and experts’ labels included', async () => {
    const core = newCore();
    const { i18n } = renderApp(core, { hash: '#/brief?country=CI&topic=MD-DIASPORA' });
    await i18n.changeLanguage('fr');
    expect(await screen.findByRole('heading', { level: 1, name: 'Note de préparation' })).toBeTruthy();
    expect(await screen.findByRole('heading', { level: 2, name: /^Experts proposés/ })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'La demande telle que comprise' }).textContent).toContain('Engagement de la diaspora');
    const first = items('Experts proposés')[0]!;
    expect(within(first).getByRole('button', { name: `Épingler ${titleOf(first)}` })).toBeTruthy();
    expect(first.querySelector('.score')!.textContent).toMatch(/^Score : \d+(,\d)?$/);
  });
});
