// The roster: filters and sort run in the core; rows arrive page by page as the virtualized table
// scrolls, so 10,000 or 100,000 experts cost the same as 200 on screen.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KbApi, KbError, MethodInput } from '../../../../shared/api';
import type { Expert } from '../../../../shared/schemas';
import type { CEFR_LEVELS } from '../../../../shared/reference';

export type Level = (typeof CEFR_LEVELS)[number];
export type RosterSortColumn = 'familyName' | 'memberState' | 'institution' | 'availability' | 'lastConfirmedOn';

export interface RosterFilters {
  memberState: string;
  topic: string;
  language: string;
  minLevel: Level;
  availableNow: boolean;
  /** Profiles confirmed within this many months; 0 for any. */
  freshMonths: 0 | 12 | 24;
}

export const NO_FILTERS: RosterFilters = { memberState: '', topic: '', language: '', minLevel: 'B2', availableNow: false, freshMonths: 0 };
export const PAGE_SIZE = 200;

export interface RosterState {
  filters: RosterFilters;
  sort: RosterSortColumn;
  order: 'asc' | 'desc';
  total: number | null;
  /** Loaded pages by page index (0-based). */
  pages: Record<number, Expert[]>;
  error: KbError | null;
  setFilters(patch: Partial<RosterFilters>): Promise<void>;
  setSort(column: RosterSortColumn): Promise<void>;
  /** Makes sure the rows from `start` to `end` are loaded or on their way. */
  ensureRows(start: number, end: number): Promise<void>;
  reload(): Promise<void>;
  row(index: number): Expert | undefined;
}
export type RosterStore = StoreApi<RosterState>;

/** `YYYY-MM` of `months` ago: the core compares partial dates as text. */
export function monthsAgo(months: number, now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function toListInput(f: RosterFilters, sort: RosterSortColumn, order: 'asc' | 'desc', page: number, now = new Date()): MethodInput<'listExperts'> {
  return {
    page,
    pageSize: PAGE_SIZE,
    sort,
    order,
    memberState: f.memberState ? [f.memberState] : undefined,
    topic: f.topic ? [f.topic as never] : undefined,
    language: f.language ? { code: f.language, minLevel: f.minLevel } : undefined,
    availability: f.availableNow ? ['available'] : undefined,
    confirmedSince: f.freshMonths ? monthsAgo(f.freshMonths, now) : undefined,
  };
}

export function createRosterStore(api: KbApi): RosterStore {
  // Each filter or sort change starts a new generation; pages of an older one are dropped.
  let generation = 0;
  const inFlight = new Set<string>();
  return createStore<RosterState>()((set, get) => {
    const loadPage = async (pageIndex: number) => {
      const gen = generation;
      const key = `${gen}:${pageIndex}`;
      if (inFlight.has(key) || get().pages[pageIndex]) return;
      inFlight.add(key);
      const { filters, sort, order } = get();
      const r = await api.listExperts(toListInput(filters, sort, order, pageIndex + 1));
      inFlight.delete(key);
      if (gen !== generation) return;
      if (r.ok) set((s) => ({ total: r.value.total, pages: { ...s.pages, [pageIndex]: r.value.items }, error: null }));
      else set({ error: r.error });
    };
    const restart = () => {
      generation++;
      set({ pages: {}, total: null, error: null });
      return loadPage(0);
    };
    return {
      filters: NO_FILTERS,
      sort: 'familyName',
      order: 'asc',
      total: null,
      pages: {},
      error: null,
      setFilters(patch) {
        set({ filters: { ...get().filters, ...patch } });
        return restart();
      },
      setSort(column) {
        const { sort, order } = get();
        set(sort === column ? { order: order === 'asc' ? 'desc' : 'asc' } : { sort: column, order: 'asc' });
        return restart();
      },
      async ensureRows(start, end) {
        const first = Math.floor(Math.max(0, start) / PAGE_SIZE);
        const last = Math.floor(Math.max(0, end) / PAGE_SIZE);
        const loads: Promise<void>[] = [];
        for (let p = first; p <= last; p++) loads.push(loadPage(p));
        await Promise.all(loads);
      },
      reload: restart,
      row(index) {
        return get().pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE];
      },
    };
  });
}
