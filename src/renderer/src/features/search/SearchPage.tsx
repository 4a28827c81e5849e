// The search screen: results on every keystroke, facets with live counts, chips to remove
// filters, sort, "did you mean", saved and recent searches, and full keyboard use.
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { FacetValue, SearchHit } from '../../../../shared/api';
import { useServices } from '../../app/context';
import { href, navigate, type Route } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Highlight } from '../../components/Highlight';
import { formatPartialDate, formatRange, textByKey, useLabels, type Labels, type RefKind } from '../../components/labels';
import { TypeIcon } from '../../components/TypeIcon';
import type { SearchSort } from './searchStore';

const FACETS = ['type', 'domain', 'topic', 'region', 'country', 'year', 'status', 'language'] as const;
const FACET_LIMIT = 8;
const EXAMPLES = ['frontière', 'trafficking', 'Costa Rica', 'diaspora', 'domain:IP'];

export function hitHref(h: Pick<SearchHit, 'type' | 'id'>): string {
  return `#/${h.type}s/${encodeURIComponent(h.id)}`;
}

export function SearchPage({ route, inputRef }: { route: Route; inputRef: React.RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const { search } = useServices();
  const s = useStore(search);
  const labels = useLabels();
  const [saving, setSaving] = useState(false);
  const [saveName, setSaveName] = useState('');
  const listRef = useRef<HTMLOListElement>(null);

  // A link such as #/search?q=…&domain=IMT starts that search once.
  const linkKey = route.params.toString();
  useEffect(() => {
    const q = route.params.get('q');
    if (q === null) return;
    const filters: Record<string, string[]> = {};
    for (const f of FACETS) {
      const values = route.params.getAll(f);
      if (values.length) filters[f] = values;
    }
    void search.getState().apply({ query: q, filters });
    // Only a new link restarts; typing afterwards must not be undone.
  }, [linkKey, search, route.params]);

  useEffect(() => {
    inputRef.current?.focus();
  }, [inputRef]);

  useEffect(() => {
    if (s.active < 0) return;
    listRef.current?.querySelectorAll('li.hit')[s.active]?.scrollIntoView({ block: 'nearest' });
  }, [s.active]);

  const open = (h: SearchHit) => {
    search.getState().rememberRecent();
    navigate(hitHref(h));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      search.getState().move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hits = s.result?.hits ?? [];
      const target = hits[s.active] ?? (s.active < 0 ? hits[0] : undefined);
      if (target) open(target);
      else search.getState().rememberRecent();
    } else if (e.key === 'Escape' && s.query) {
      void search.getState().setQuery('');
    }
  };

  const chips = Object.entries(s.filters).flatMap(([facet, values]) => values.map((value) => ({ facet, value })));
  const result = s.result;
  const toggleFilter = useCallback((facet: string, value: string) => void search.getState().toggleFilter(facet, value), [search]);
  const rememberRecent = search.getState().rememberRecent;
  const hasQuery = s.query.trim().length > 0;

  return (
    <div className="search-page">
      <h1 className="page-title">{t('search.title')}</h1>
      <div className="search-bar" role="search">
        <input
          ref={inputRef}
          type="search"
          className="search-input"
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          value={s.query}
          onChange={(e) => void search.getState().setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby="search-keyboard-help"
          autoComplete="off"
          spellCheck={false}
        />
        <select aria-label={t('search.sort')} value={s.sort} onChange={(e) => void search.getState().setSort(e.target.value as SearchSort)}>
          <option value="relevance">{t('search.sortRelevance')}</option>
          <option value="date">{t('search.sortDate')}</option>
          <option value="title">{t('search.sortTitle')}</option>
        </select>
      </div>
      <p id="search-keyboard-help" className="hint">
        {t('search.keyboardHelp')}
      </p>

      {chips.length > 0 && (
        <div className="active-filters">
          <span className="active-filters-label">{t('search.activeFilters')}</span>
          <ul className="chips">
            {chips.map(({ facet, value }) => {
              const text = `${t(`search.facet.${facet as (typeof FACETS)[number]}`, { defaultValue: facet })}: ${facetLabel(facet, value, labels, t)}`;
              return (
                <li key={`${facet}:${value}`} className="chip">
                  {text}
                  <button type="button" className="chip-remove" aria-label={t('common.remove', { label: text })} onClick={() => void search.getState().removeFilter(facet, value)}>
                    ×
                  </button>
                </li>
              );
            })}
          </ul>
          <button type="button" className="link-button" onClick={() => void search.getState().clearFilters()}>
            {t('search.clearFilters')}
          </button>
        </div>
      )}

      {s.error && <ErrorNotice what={t('errors.search')} error={s.error} onRetry={() => void search.getState().run()} />}

      <div className="search-layout">
        <aside className="facets" aria-label={t('search.filters')}>
          {result && hasQuery && <Facets facets={result.facets} selected={s.filters} labels={labels} onToggle={toggleFilter} />}
          <SavedSearches />
        </aside>

        <section className="results" aria-label={t('search.title')} aria-busy={s.loading} data-query={result?.query}>
          {!hasQuery && <EmptyState />}
          {hasQuery && result && (
            <>
              <p className="result-count" role="status">
                {t('search.results', { count: result.total })}
              </p>
              {result.suggestion && !result.suggestionApplied && (
                <p className="did-you-mean">
                  {t('search.didYouMean')}{' '}
                  <button type="button" className="link-button" onClick={() => void search.getState().setQuery(result.suggestion!)}>
                    {result.suggestion}
                  </button>{' '}
                  ?
                </p>
              )}
              {result.suggestion && result.suggestionApplied && <p className="did-you-mean">{t('search.showingInstead', { query: result.query, suggestion: result.suggestion })}</p>}
              {result.total === 0 && !result.suggestionApplied && (
                <div className="empty">
                  <p>
                    <strong>{t('search.noResults', { query: s.query })}</strong>
                  </p>
                  <p>{t('search.noResultsHelp')}</p>
                  {chips.length > 0 && (
                    <button type="button" onClick={() => void search.getState().clearFilters()}>
                      {t('search.clearFilters')}
                    </button>
                  )}
                </div>
              )}
              <ol className="hits" ref={listRef}>
                {result.hits.map((h, i) => (
                  <Hit key={`${h.type}:${h.id}`} hit={h} active={i === s.active} labels={labels} onOpen={rememberRecent} />
                ))}
              </ol>
              {result.hits.length < result.total && (
                <p>
                  <span className="hint">{t('common.showing', { shown: result.hits.length, total: result.total })}</span>{' '}
                  <button type="button" onClick={() => void search.getState().showMore()}>
                    {t('common.loadMore')}
                  </button>
                </p>
              )}
              {result.total > 0 && (
                <SaveSearch
                  saving={saving}
                  name={saveName}
                  onName={setSaveName}
                  onStart={() => {
                    setSaveName(s.query);
                    setSaving(true);
                  }}
                  onCancel={() => setSaving(false)}
                  onSave={() => {
                    if (search.getState().saveCurrent(saveName)) setSaving(false);
                  }}
                />
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}

function facetLabel(facet: string, value: string, labels: Labels, t: ReturnType<typeof useTranslation>['t']): string {
  switch (facet) {
    case 'type':
      // The plural form, as a facet names a kind of record.
      return textByKey(t, `types.${value}`, { count: 2, defaultValue: value });
    case 'status':
      return textByKey(t, `enums.status.${value}`, { defaultValue: value });
    case 'domain':
    case 'topic':
    case 'region':
    case 'country':
    case 'language':
      return labels.label(facet as RefKind, value);
    default:
      return value;
  }
}

// Memoised, as the hits below: a keystroke re-renders the page before its answer comes, and
// facets and hits are unchanged until it does.
const Facets = memo(function Facets({ facets, selected, labels, onToggle }: { facets: Record<string, FacetValue[]>; selected: Record<string, string[]>; labels: Labels; onToggle(facet: string, value: string): void }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  return (
    <>
      {FACETS.map((facet) => {
        const chosen = selected[facet] ?? [];
        const values = [...(facets[facet] ?? [])];
        // A chosen value stays visible (with its zero) so it can be unticked.
        for (const v of chosen) if (!values.some((x) => x.value === v)) values.push({ value: v, count: 0 });
        if (!values.length) return null;
        const shown = expanded[facet] ? values : values.slice(0, FACET_LIMIT);
        const title = t(`search.facet.${facet}`);
        return (
          <fieldset key={facet} className="facet">
            <legend>{title}</legend>
            <ul>
              {shown.map((v) => {
                const checked = chosen.includes(v.value);
                return (
                  <li key={v.value}>
                    <label className={checked ? 'checked' : undefined}>
                      <input type="checkbox" checked={checked} onChange={() => onToggle(facet, v.value)} />
                      <span className="facet-label">{facetLabel(facet, v.value, labels, t)}</span>
                      <span className="count">{v.count}</span>
                    </label>
                  </li>
                );
              })}
            </ul>
            {values.length > FACET_LIMIT && (
              <button type="button" className="link-button" aria-expanded={!!expanded[facet]} onClick={() => setExpanded((e) => ({ ...e, [facet]: !e[facet] }))}>
                {expanded[facet] ? t('search.fewerValues') : t('search.moreValues', { count: values.length - FACET_LIMIT })}
              </button>
            )}
          </fieldset>
        );
      })}
    </>
  );
});

const Hit = memo(function Hit({ hit, active, labels, onOpen }: { hit: SearchHit; active: boolean; labels: Labels; onOpen(): void }) {
  const { t } = useTranslation();
  const f = hit.facts;
  // Actions run from start to end; a lesson has the day it was recorded, an expert no date.
  const when = hit.type === 'action' ? formatRange(f.startDate, f.endDate, labels.lang, t('actions.ongoing')) : formatPartialDate(f.startDate, labels.lang);
  const facts = [
    hit.code && hit.type !== 'action' ? hit.code : null,
    f.countries.length ? f.countries.slice(0, 4).map((c) => labels.label('country', c)).join(', ') + (f.countries.length > 4 ? ` +${f.countries.length - 4}` : '') : null,
    when || null,
    f.domain ? labels.label('domain', f.domain) : null,
    f.status ? t(`enums.status.${f.status as 'ongoing'}`, { defaultValue: f.status }) : null,
  ].filter((x): x is string => !!x);
  return (
    <li className={`hit${active ? ' active' : ''}`} aria-current={active ? 'true' : undefined}>
      <div className="hit-type">
        <TypeIcon type={hit.type} />
        <span>{t(`types.${hit.type}`)}</span>
        {hit.type === 'action' && hit.code && <span className="hit-code">{hit.code}</span>}
      </div>
      <h2 className="hit-title">
        <a href={hitHref(hit)} onClick={onOpen}>
          <Highlight segments={hit.titleSegments} fallback={hit.title} />
        </a>
      </h2>
      {hit.snippet && (
        <p className="snippet">
          <Highlight segments={hit.segments} fallback={hit.snippet} />
        </p>
      )}
      {facts.length > 0 && (
        <ul className="facts" aria-label={t('search.facts')}>
          {facts.map((x) => (
            <li key={x}>{x}</li>
          ))}
        </ul>
      )}
    </li>
  );
});

function SaveSearch({ saving, name, onName, onStart, onCancel, onSave }: { saving: boolean; name: string; onName(v: string): void; onStart(): void; onCancel(): void; onSave(): void }) {
  const { t } = useTranslation();
  if (!saving) {
    return (
      <button type="button" className="save-search" onClick={onStart}>
        ☆ {t('search.save')}
      </button>
    );
  }
  return (
    <form
      className="save-search-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave();
      }}
    >
      <label htmlFor="save-search-name">{t('search.saveName')}</label>
      <input id="save-search-name" value={name} onChange={(e) => onName(e.target.value)} autoFocus />
      <button type="submit" className="primary">
        {t('search.saveConfirm')}
      </button>
      <button type="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </form>
  );
}

function SavedSearches() {
  const { t } = useTranslation();
  const { search } = useServices();
  const saved = useStore(search, (s) => s.saved);
  const recent = useStore(search, (s) => s.recent);
  return (
    <>
      <section className="saved-searches" aria-labelledby="saved-searches-title">
        <h2 id="saved-searches-title">{t('search.saved')}</h2>
        {saved.length === 0 && <p className="hint">{t('search.noSaved')}</p>}
        <ul>
          {saved.map((x) => (
            <li key={x.id}>
              <button type="button" className="link-button" onClick={() => void search.getState().apply(x)}>
                {x.name}
              </button>
              <button type="button" className="icon-button" aria-label={t('search.deleteSaved', { name: x.name })} onClick={() => search.getState().deleteSaved(x.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      </section>
      {recent.length > 0 && (
        <section className="recent-searches" aria-labelledby="recent-searches-title">
          <h2 id="recent-searches-title">{t('search.recent')}</h2>
          <ul>
            {recent.map((q) => (
              <li key={q}>
                <button type="button" className="link-button" onClick={() => void search.getState().setQuery(q)}>
                  {q}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function EmptyState() {
  const { t } = useTranslation();
  const { search } = useServices();
  return (
    <div className="empty-state">
      <h2>{t('search.emptyTitle')}</h2>
      <p>{t('search.emptyHelp')}</p>
      <p>
        {t('search.examples')}:{' '}
        {EXAMPLES.map((q, i) => (
          <span key={q}>
            {i > 0 && ' · '}
            <a href={href('/search', { q })} onClick={(e) => (e.preventDefault(), void search.getState().setQuery(q))}>
              {q}
            </a>
          </span>
        ))}
      </p>
    </div>
  );
}
