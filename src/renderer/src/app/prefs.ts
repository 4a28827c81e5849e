// UI preferences (interface language, saved and recent searches) live in the browser's storage:
// they belong to this person on this machine, not to the shared knowledge base.
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** For tests and for browsers that refuse storage (private modes): remembers for this session only. */
export function memoryStorage(): KeyValueStorage {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
}

export function readJson<T>(storage: KeyValueStorage, key: string, fallback: T, valid: (v: unknown) => v is T): T {
  try {
    const raw = storage.getItem(key);
    if (raw === null) return fallback;
    const v: unknown = JSON.parse(raw);
    return valid(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

export function writeJson(storage: KeyValueStorage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // A full or refused storage only loses the preference, never the work.
  }
}

export const PREF_KEYS = {
  uiLanguage: 'mieux-kb.uiLanguage',
  savedSearches: 'mieux-kb.savedSearches',
  recentSearches: 'mieux-kb.recentSearches',
} as const;
