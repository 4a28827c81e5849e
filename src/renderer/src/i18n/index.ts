// i18next with both languages bundled: the app is offline, and switching must be instant.
// The interface language is a personal preference, independent of the language of the records.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { UI_LANGUAGES, type UiLanguage } from '../../../shared/api';
import { PREF_KEYS, type KeyValueStorage } from '../app/prefs';
import { en } from './en';
import { fr } from './fr';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export function isUiLanguage(v: unknown): v is UiLanguage {
  return typeof v === 'string' && (UI_LANGUAGES as readonly string[]).includes(v);
}

/** The remembered choice, else the system's language when we have it, else English. */
export function initialLanguage(storage: KeyValueStorage, systemLanguages: readonly string[]): UiLanguage {
  const saved = storage.getItem(PREF_KEYS.uiLanguage);
  if (isUiLanguage(saved)) return saved;
  const system = systemLanguages.map((l) => l.slice(0, 2).toLowerCase()).find(isUiLanguage);
  return system ?? 'en';
}

export function createI18n(language: UiLanguage): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: { en: { translation: en }, fr: { translation: fr } },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
