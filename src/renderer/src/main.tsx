import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { UiLanguage } from '../../shared/api';
import { createApi, defaultTransport, subscribeEvents } from './api/client';
import { App } from './app/App';
import { createServices, refreshAfterChange, ServicesProvider } from './app/context';
import { memoryStorage, PREF_KEYS, type KeyValueStorage } from './app/prefs';
import { navigate } from './app/router';
import { createI18n, initialLanguage } from './i18n';
import './styles.css';

function browserStorage(): KeyValueStorage {
  try {
    window.localStorage.getItem('probe');
    return window.localStorage;
  } catch {
    return memoryStorage();
  }
}

const storage = browserStorage();
const services = createServices(createApi(defaultTransport()), storage, subscribeEvents);
const i18n = createI18n(initialLanguage(storage, navigator.languages ?? [navigator.language]));
document.documentElement.lang = i18n.language;

function setLanguage(lang: UiLanguage) {
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
  storage.setItem(PREF_KEYS.uiLanguage, lang);
}

// The desktop shell's native menu asks the page to act, and the core says when records changed
// (an import from the File menu): lists on screen are refreshed. A browser tab has no such events.
subscribeEvents((e) => {
  if (e.type === 'changed') refreshAfterChange(services, e.entity);
  else if (e.type === 'menu') {
    if (e.command === 'setLanguage') setLanguage(e.language);
    else navigate('/actions/new');
  }
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ServicesProvider services={services}>
        <App onLanguage={setLanguage} />
      </ServicesProvider>
    </I18nextProvider>
  </StrictMode>,
);
