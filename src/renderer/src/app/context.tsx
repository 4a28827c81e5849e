// The API client and the stores reach components through context: components never look for
// data on `window`, so tests render them over an in-process core.
import { createContext, useContext, type ReactNode } from 'react';
import type { KbApi, KbEvent } from '../../../shared/api';
import { createReferenceStore, type ReferenceStore } from '../features/reference/referenceStore';
import { createRosterStore, type RosterStore } from '../features/experts/rosterStore';
import { createSearchStore, type SearchStore } from '../features/search/searchStore';
import { createSafetyStore, type SafetyStore } from '../features/settings/safetyStore';
import type { KeyValueStorage } from './prefs';

export interface AppServices {
  api: KbApi;
  storage: KeyValueStorage;
  reference: ReferenceStore;
  search: SearchStore;
  roster: RosterStore;
  safety: SafetyStore;
  /** The core's events (progress of a long import), where the transport delivers them: serve mode has none. */
  events(listener: (e: KbEvent) => void): () => void;
}

const NO_EVENTS = () => () => {};

export function createServices(api: KbApi, storage: KeyValueStorage, events: AppServices['events'] = NO_EVENTS): AppServices {
  return {
    api,
    storage,
    events,
    reference: createReferenceStore(api),
    search: createSearchStore(api, storage),
    roster: createRosterStore(api),
    safety: createSafetyStore(),
  };
}

/** Records changed under the screens: the lists on screen load again; `all` means the whole database (a restore, an erasure, an import). */
export function refreshAfterChange(services: AppServices, entity: Extract<KbEvent, { type: 'changed' }>['entity']): void {
  if (services.roster.getState().total !== null) void services.roster.getState().reload();
  void services.search.getState().run();
  if (entity === 'all') services.safety.getState().databaseReplaced();
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const s = useContext(ServicesContext);
  if (!s) throw new Error('useServices outside ServicesProvider');
  return s;
}

export const useApi = (): KbApi => useServices().api;
