// The application shell: header with navigation and the interface language, and the page the
// address (#/…) names. Ctrl/Cmd+K reaches the search box from anywhere.
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { UI_LANGUAGES, type UiLanguage } from '../../../shared/api';
import { ActionForm } from '../features/actions/ActionForm';
import { ActionListPage } from '../features/actions/ActionListPage';
import { ActionPage } from '../features/actions/ActionPage';
import { BriefPage } from '../features/brief/BriefPage';
import { BrowsePage } from '../features/browse/BrowsePage';
import { DashboardPage } from '../features/dashboard/DashboardPage';
import { DeploymentForm } from '../features/deployments/DeploymentForm';
import { ExpertForm } from '../features/experts/ExpertForm';
import { ExpertPage } from '../features/experts/ExpertPage';
import { RosterPage } from '../features/experts/RosterPage';
import { ImportPage } from '../features/import/ImportPage';
import { SharePage } from '../features/import/SharePage';
import { LessonForm } from '../features/lessons/LessonForm';
import { LessonPage } from '../features/lessons/LessonPage';
import { ReviewQueuePage } from '../features/privacy/ReviewQueuePage';
import { SearchPage } from '../features/search/SearchPage';
import { DamagedDatabaseNotice } from '../features/settings/DamagedDatabaseNotice';
import { FlashNotice } from '../features/settings/FlashNotice';
import { SettingsIcon, SettingsPage } from '../features/settings/SettingsPage';
import { useServices } from './context';
import { navigate, useRoute, type Route } from './router';

const LANGUAGE_NAMES: Record<UiLanguage, string> = { en: 'English', fr: 'Français' };

export function App({ onLanguage }: { onLanguage(lang: UiLanguage): void }) {
  const { t, i18n } = useTranslation();
  const route = useRoute();
  const searchInput = useRef<HTMLInputElement>(null);
  const section = route.segments[0] ?? '';
  // Not on every change of the whole database (an import would lose a form's unsaved edits): only
  // when this window restored a backup, after which whatever the page read is from another file.
  const restores = useStore(useServices().safety, (s) => s.restores);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        if (searchInput.current) {
          searchInput.current.focus();
          searchInput.current.select();
        } else navigate('/search');
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  // A new page starts at its top.
  useEffect(() => {
    window.scrollTo?.(0, 0);
  }, [route.path]);

  const nav: { to: string; label: string; active: boolean }[] = [
    { to: '#/', label: t('app.dashboard'), active: section === '' },
    { to: '#/search', label: t('app.search'), active: section === 'search' },
    { to: '#/browse', label: t('app.browse'), active: section === 'browse' || section === 'actions' || section === 'lessons' || section === 'share' },
    { to: '#/roster', label: t('app.roster'), active: section === 'roster' || section === 'experts' || section === 'deployments' },
    { to: '#/brief', label: t('brief.nav'), active: section === 'brief' },
  ];

  return (
    <>
      <a className="skip-link" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
        {t('app.skip')}
      </a>
      <header className="app-header">
        <a className="brand" href="#/">
          <span className="brand-mark" aria-hidden="true">
            M+
          </span>
          <span className="brand-name">{t('app.name')}</span>
        </a>
        <nav aria-label={t('app.nav')}>
          <ul>
            {nav.map((n) => (
              <li key={n.to}>
                <a href={n.to} aria-current={n.active ? 'page' : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {section !== 'search' && (
          // The nav already says "Search": this one only teaches the shortcut, and so fits the French header on one line.
          <a className="search-shortcut" href="#/search" title={t('app.search')}>
            <span className="visually-hidden">{t('app.search')} </span>
            <kbd>{t('app.shortcut')}</kbd>
          </a>
        )}
        <a className="settings-link" href="#/settings" title={t('settings.link')} aria-current={section === 'settings' ? 'page' : undefined}>
          <SettingsIcon />
          <span className="visually-hidden">{t('settings.link')}</span>
        </a>
        <div className="language-switcher">
          <label htmlFor="ui-language" className="visually-hidden">
            {t('app.language')}
          </label>
          <select id="ui-language" value={i18n.language} onChange={(e) => onLanguage(e.target.value as UiLanguage)}>
            {UI_LANGUAGES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LANGUAGE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <DamagedDatabaseNotice />
        <FlashNotice path={route.path} />
        <Page key={restores} route={route} searchInput={searchInput} />
      </main>
    </>
  );
}

function Page({ route, searchInput }: { route: Route; searchInput: React.RefObject<HTMLInputElement | null> }): ReactNode {
  const [section, id, sub] = route.segments;
  const isNew = id === 'new';
  switch (section) {
    case undefined:
      return <DashboardPage />;
    case 'search':
      return <SearchPage route={route} inputRef={searchInput} />;
    case 'browse':
      return <BrowsePage />;
    case 'roster':
      return id === 'import' ? <ImportPage /> : <RosterPage route={route} />;
    case 'share':
      return <SharePage key={route.params.toString()} route={route} />;
    case 'settings':
      return id === 'review' ? <ReviewQueuePage /> : <SettingsPage />;
    case 'actions':
      if (!id) return <ActionListPage key={route.params.toString()} route={route} />;
      if (isNew) return <ActionForm key="new" />;
      return sub === 'edit' ? <ActionForm key={id} id={id} /> : <ActionPage key={id} id={id} />;
    case 'lessons':
      if (isNew) return <LessonForm key={`new:${route.params.get('actionId') ?? ''}`} actionId={route.params.get('actionId')} />;
      if (id) return sub === 'edit' ? <LessonForm key={id} id={id} /> : <LessonPage key={id} id={id} />;
      break;
    case 'experts':
      if (isNew) return <ExpertForm key="new" />;
      if (id) return sub === 'edit' ? <ExpertForm key={id} id={id} /> : <ExpertPage key={id} id={id} />;
      break;
    case 'deployments':
      if (isNew) return <DeploymentForm key={`new:${route.params.toString()}`} actionId={route.params.get('actionId')} expertId={route.params.get('expertId')} />;
      if (id && sub === 'edit') return <DeploymentForm key={id} id={id} />;
      break;
    case 'brief':
      return <BriefPage route={route} />;
  }
  return <NotFound />;
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <h1>{t('app.notFound')}</h1>
      <p>{t('app.notFoundHelp')}</p>
      <p>
        <a href="#/">{t('app.backHome')}</a>
      </p>
    </div>
  );
}
