import { describe, expect, it } from 'vitest';
import { memoryStorage, PREF_KEYS } from '../../src/renderer/src/app/prefs';
import { createRosterStore, monthsAgo, PAGE_SIZE } from '../../src/renderer/src/features/experts/rosterStore';
import { createSearchStore, MORE_RESULTS, RESULT_LIMIT } from '../../src/renderer/src/features/search/searchStore';
import type { KbApi } from '../../src/shared/api';
import { apiOver, newCore } from './helpers';

/** The same API, but the answers to queries starting with "slow" arrive late. */
function withSlowQueries(api: KbApi): KbApi {
  return {
    ...api,
    search: async (input) => {
      const answer = await api.search(input);
      if (input.query.startsWith('slow')) await new Promise((r) => setTimeout(r, 150));
      return answer;
    },
  };
}

describe('the search store', () => {
  it('shows the latest query’s answer even when an older one arrives after it', async () => {
    const core = newCore();
    const store = createSearchStore(withSlowQueries(apiOver(core)), memoryStorage());
    const older = store.getState().setQuery('slow frontière');
    const newer = store.getState().setQuery('diaspora');
    await Promise.all([older, newer]);
    const result = store.getState().result!;
    expect(result.query).toBe('diaspora');
    expect(store.getState().query).toBe('diaspora');
    expect(result.total).toBeGreaterThan(0);
    expect(store.getState().loading).toBe(false);
  });

  it('applies facet filters (OR within, AND across) and removes them', async () => {
    const core = newCore();
    const store = createSearchStore(apiOver(core), memoryStorage());
    await store.getState().setQuery('migration');
    const all = store.getState().result!.total;
    await store.getState().toggleFilter('type', 'lesson');
    const lessons = store.getState().result!;
    expect(lessons.total).toBeLessThan(all);
    expect(lessons.hits.every((h) => h.type === 'lesson')).toBe(true);
    await store.getState().toggleFilter('type', 'action');
    expect(store.getState().result!.hits.every((h) => h.type !== 'expert')).toBe(true);
    await store.getState().removeFilter('type', 'lesson');
    await store.getState().removeFilter('type', 'action');
    expect(store.getState().filters).toEqual({});
    expect(store.getState().result!.total).toBe(all);
  });

  it('keeps saved and recent searches in the given storage, for the next start', async () => {
    const core = newCore();
    const storage = memoryStorage();
    const store = createSearchStore(apiOver(core), storage);
    await store.getState().apply({ query: 'asile', filters: { type: ['lesson'] }, sort: 'date' });
    expect(store.getState().saveCurrent('   ')).toBeNull();
    const saved = store.getState().saveCurrent('Leçons asile')!;
    store.getState().rememberRecent();
    await store.getState().setQuery('retour');
    store.getState().rememberRecent();

    const again = createSearchStore(apiOver(core), storage);
    expect(again.getState().saved).toEqual([{ id: saved.id, name: 'Leçons asile', query: 'asile', filters: { type: ['lesson'] }, sort: 'date' }]);
    expect(again.getState().recent).toEqual(['retour', 'asile']);
    again.getState().deleteSaved(saved.id);
    expect(createSearchStore(apiOver(core), storage).getState().saved).toEqual([]);
  });

  it('ignores damaged preferences instead of failing', () => {
    const storage = memoryStorage();
    storage.setItem(PREF_KEYS.savedSearches, '{not json');
    storage.setItem(PREF_KEYS.recentSearches, JSON.stringify([1, 2]));
    const store = createSearchStore(apiOver(newCore({ demo: false })), storage);
    expect(store.getState().saved).toEqual([]);
    expect(store.getState().recent).toEqual([]);
  });

  it('asks for 20 hits, then more on demand, and starts again at 20 for a new query', async () => {
    const store = createSearchStore(apiOver(newCore()), memoryStorage());
    await store.getState().setQuery('migration');
    expect(store.getState().result!.total).toBeGreaterThan(RESULT_LIMIT + MORE_RESULTS);
    expect(store.getState().result!.hits).toHaveLength(RESULT_LIMIT);
    await store.getState().showMore();
    expect(store.getState().result!.hits).toHaveLength(RESULT_LIMIT + MORE_RESULTS);
    await store.getState().setQuery('migrations');
    expect(store.getState().result!.hits).toHaveLength(RESULT_LIMIT);
  });

  it('moves the keyboard highlight within the results', async () => {
    const store = createSearchStore(apiOver(newCore()), memoryStorage());
    await store.getState().setQuery('formation');
    const n = store.getState().result!.hits.length;
    expect(n).toBeGreaterThan(2);
    store.getState().move(1);
    expect(store.getState().active).toBe(0);
    store.getState().move(-1);
    expect(store.getState().active).toBe(0);
    store.getState().move(-1);
    store.getState().move(1000);
    expect(store.getState().active).toBe(n - 1);
  });
});

describe('the roster store', () => {
  it('loads only the pages asked for and counts like the core', async () => {
    const core = newCore({ demo: false });
    const many = Array.from({ length: PAGE_SIZE + 30 }, (_, i) => ({
      givenName: `Given${i}`,
      familyName: `Family${String(i).padStart(4, '0')}`,
      languages: i % 3 === 0 ? [{ code: 'es', level: 'C1' as const }] : [{ code: 'es', level: 'A2' as const }],
      availability: i % 2 === 0 ? ('available' as const) : ('unavailable' as const),
    }));
    for (const data of many) await core.createExpert({ data });
    const store = createRosterStore(apiOver(core));
    await store.getState().reload();
    expect(store.getState().total).toBe(PAGE_SIZE + 30);
    expect(Object.keys(store.getState().pages)).toEqual(['0']);
    expect(store.getState().row(PAGE_SIZE + 5)).toBeUndefined();
    await store.getState().ensureRows(PAGE_SIZE, PAGE_SIZE + 10);
    expect(store.getState().row(PAGE_SIZE + 5)?.familyName).toBe(`Family${String(PAGE_SIZE + 5).padStart(4, '0')}`);

    await store.getState().setFilters({ language: 'es', minLevel: 'B2', availableNow: true });
    const expected = many.filter((_, i) => i % 3 === 0 && i % 2 === 0).length;
    expect(store.getState().total).toBe(expected);
    expect(store.getState().row(0)?.availability).toBe('available');

    await store.getState().setSort('familyName');
    expect(store.getState().order).toBe('desc');
    expect(store.getState().row(0)!.familyName > store.getState().row(1)!.familyName).toBe(true);
  });

  it('drops pages of an older filter that arrive after a newer one', async () => {
    const core = newCore();
    const store = createRosterStore(apiOver(core));
    const first = store.getState().reload();
    const second = store.getState().setFilters({ language: 'fr', minLevel: 'C1' });
    await Promise.all([first, second]);
    const fr = await core.listExperts({ language: { code: 'fr', minLevel: 'C1' }, pageSize: 1 });
    expect(store.getState().total).toBe(fr.ok ? fr.value.total : -1);
  });

  it('turns "confirmed in the last 12 months" into a month the core compares', () => {
    expect(monthsAgo(12, new Date(Date.UTC(2026, 10, 29)))).toBe('2025-11');
    expect(monthsAgo(24, new Date(Date.UTC(2026, 0, 5)))).toBe('2024-01');
  });
});
