// Search state: one request per keystroke, and only the latest query's answer is ever shown
// (answers can come back out of order). Saved and recent searches are personal preferences.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KbApi, KbError, SearchResult } from '../../../../shared/api';
import { PREF_KEYS, readJson, writeJson, type KeyValueStorage } from '../../app/prefs';

export type SearchSort = 'relevance' | 'date' | 'title';
export type Filters = Record<string, string[]>;

export interface SavedSearch {
  id: string;
  name: string;
  query: string;
  filters: Filters;
  sort: SearchSort;
}

export interface SearchState {
  query: string;
  filters: Filters;
  sort: SearchSort;
  result: SearchResult | null;
  loading: boolean;
  error: KbError | null;
  /** The keyboard-highlighted result (arrow keys), -1 for none. */
  active: number;
  /** How many hits are asked for: RESULT_LIMIT, more after "show more". */
  limit: number;
  saved: SavedSearch[];
  recent: string[];
  setQuery(query: string): Promise<void>;
  toggleFilter(facet: string, value: string): Promise<void>;
  removeFilter(facet: string, value: string): Promise<void>;
  clearFilters(): Promise<void>;
  setSort(sort: SearchSort): Promise<void>;
  /** Replaces query, filters and sort at once (a saved search, a link). */
  apply(s: { query: string; filters?: Filters; sort?: SearchSort }): Promise<void>;
  run(): Promise<void>;
  showMore(): Promise<void>;
  move(delta: number): void;
  rememberRecent(): void;
  saveCurrent(name: string): SavedSearch | null;
  deleteSaved(id: string): void;
}
export type SearchStore = StoreApi<SearchState>;

/** Hits shown at first: enough to choose from, few enough to paint within a frame or two. */
export const RESULT_LIMIT = 20;
export const MORE_RESULTS = 30;
const MAX_RECENT = 8;

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isSaved = (v: unknown): v is SavedSearch[] =>
  Array.isArray(v) && v.every((s) => s && typeof s === 'object' && typeof s.id === 'string' && typeof s.name === 'string' && typeof s.query === 'string');

function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

export function createSearchStore(api: KbApi, storage: KeyValueStorage): SearchStore {
  let seq = 0;
  return createStore<SearchState>()((set, get) => {
    const setFilters = (facet: string, values: string[]) => {
      const filters = { ...get().filters };
      if (values.length) filters[facet] = values;
      else delete filters[facet];
      set({ filters });
      return get().run();
    };
    return {
      query: '',
      filters: {},
      sort: 'relevance',
      result: null,
      loading: false,
      error: null,
      active: -1,
      limit: RESULT_LIMIT,
      saved: readJson(storage, PREF_KEYS.savedSearches, [], isSaved),
      recent: readJson(storage, PREF_KEYS.recentSearches, [], isStringArray),

      setQuery(query) {
        set({ query, limit: RESULT_LIMIT });
        return get().run();
      },
      toggleFilter(facet, value) {
        const current = get().filters[facet] ?? [];
        const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
        return setFilters(facet, next);
      },
      removeFilter(facet, value) {
        return setFilters(facet, (get().filters[facet] ?? []).filter((v) => v !== value));
      },
      clearFilters() {
        set({ filters: {} });
        return get().run();
      },
      setSort(sort) {
        set({ sort });
        return get().run();
      },
      apply({ query, filters = {}, sort = 'relevance' }) {
        set({ query, filters, sort });
        return get().run();
      },
      showMore() {
        set({ limit: get().limit + MORE_RESULTS });
        return get().run();
      },
      async run() {
        const mine = ++seq;
        const { query, filters, sort, limit } = get();
        if (!query.trim()) {
          set({ result: null, loading: false, error: null, active: -1 });
          return;
        }
        set({ loading: true });
        const r = await api.search({ query, filters, sort, limit });
        // A newer keystroke has been sent meanwhile: its answer, not this one, is what the user wants.
        if (mine !== seq) return;
        if (r.ok) set((st) => ({ result: r.value, loading: false, error: null, active: st.result?.query === r.value.query ? st.active : -1 }));
        else set({ loading: false, error: r.error });
      },
      move(delta) {
        const n = get().result?.hits.length ?? 0;
        if (!n) return;
        const a = get().active;
        set({ active: a < 0 ? (delta > 0 ? 0 : n - 1) : Math.min(n - 1, Math.max(0, a + delta)) });
      },
      rememberRecent() {
        const q = get().query.trim();
        if (!q) return;
        const recent = [q, ...get().recent.filter((r) => r !== q)].slice(0, MAX_RECENT);
        set({ recent });
        writeJson(storage, PREF_KEYS.recentSearches, recent);
      },
      saveCurrent(name) {
        const { query, filters, sort } = get();
        const clean = name.trim();
        if (!clean || !query.trim()) return null;
        const saved: SavedSearch = { id: newId(), name: clean, query, filters, sort };
        const list = [saved, ...get().saved.filter((s) => s.name !== clean)];
        set({ saved: list });
        writeJson(storage, PREF_KEYS.savedSearches, list);
        return saved;
      },
      deleteSaved(id) {
        const list = get().saved.filter((s) => s.id !== id);
        set({ saved: list });
        writeJson(storage, PREF_KEYS.savedSearches, list);
      },
    };
  });
}
