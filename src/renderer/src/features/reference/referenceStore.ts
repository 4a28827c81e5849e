// The bilingual reference data (domains, topics, regions, countries, languages), loaded once.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KbApi, KbError, Reference } from '../../../../shared/api';

export interface ReferenceState {
  reference: Reference | null;
  error: KbError | null;
  load(): Promise<void>;
}
export type ReferenceStore = StoreApi<ReferenceState>;

export function createReferenceStore(api: KbApi): ReferenceStore {
  let pending: Promise<void> | null = null;
  return createStore<ReferenceState>()((set, get) => ({
    reference: null,
    error: null,
    load() {
      if (get().reference) return Promise.resolve();
      pending ??= api.getReference({}).then((r) => {
        pending = null;
        set(r.ok ? { reference: r.value, error: null } : { error: r.error });
      });
      return pending;
    },
  }));
}
