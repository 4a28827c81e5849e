// What the safety screens share across pages: which copy of the database is open (a restore swaps
// it, so anything read from the old one is read again) and a notice that outlives a navigation
// (the roster says an expert was erased; the page the restore started from says it was done).
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface Flash {
  message: string;
  /** The page (route path) it belongs to; it goes away when the user moves on. */
  path: string;
}

export interface SafetyState {
  /** Goes up whenever the whole database changed under the screens (restore, erasure, import). */
  generation: number;
  /** Goes up when a restore from this window replaced the file: the page on screen is rebuilt from it. */
  restores: number;
  flash: Flash | null;
  databaseReplaced(): void;
  restored(): void;
  showFlash(flash: Flash | null): void;
}

export type SafetyStore = StoreApi<SafetyState>;

export function createSafetyStore(): SafetyStore {
  return createStore<SafetyState>()((set) => ({
    generation: 0,
    restores: 0,
    flash: null,
    databaseReplaced: () => set((s) => ({ generation: s.generation + 1 })),
    restored: () => set((s) => ({ restores: s.restores + 1 })),
    showFlash: (flash) => set({ flash }),
  }));
}
