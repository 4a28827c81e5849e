// The roster: a virtualized table (only the visible rows are in the page), sortable columns and
// filters that answer "French-speaking border-management experts available now" in two clicks.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { CEFR_LEVELS } from '../../../../shared/reference';
import type { Expert } from '../../../../shared/schemas';
import { useServices } from '../../app/context';
import type { Route } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatPartialDate, useLabels } from '../../components/labels';
import { memberStates } from './ExpertForm';
import { isStale, LEVEL_ORDER } from './expertView';
import { ExportButtons } from '../import/ExportButtons';
import { NO_FILTERS, toListInput, type Level, type RosterFilters, type RosterSortColumn } from './rosterStore';

const ROW_HEIGHT = 52;
const QUICK_LANGUAGES = ['fr', 'en', 'es', 'pt', 'ar', 'ru'];
const COLUMNS: { key: RosterSortColumn | 'languages'; sortable: boolean }[] = [
  { key: 'familyName', sortable: true },
  { key: 'memberState', sortable: true },
  { key: 'institution', sortable: true },
  { key: 'languages', sortable: false },
  { key: 'availability', sortable: true },
  { key: 'lastConfirmedOn', sortable: true },
];

/** Filters given in the address (#/roster?topic=IMT-BORDER&available=1), e.g. from Browse. */
function filtersFromRoute(route: Route): Partial<RosterFilters> | null {
  const p = route.params;
  if (![...p.keys()].length) return null;
  const level = p.get('minLevel');
  return {
    ...NO_FILTERS,
    memberState: p.get('memberState') ?? '',
    topic: p.get('topic') ?? '',
    language: p.get('language') ?? '',
    minLevel: (CEFR_LEVELS as readonly string[]).includes(level ?? '') ? (level as Level) : NO_FILTERS.minLevel,
    availableNow: p.get('available') === '1',
  };
}

export function RosterPage({ route }: { route: Route }) {
  const { t } = useTranslation();
  const { roster } = useServices();
  const labels = useLabels();
  const s = useStore(roster);
  const scrollRef = useRef<HTMLDivElement>(null);
  const routeKey = route.params.toString();

  useEffect(() => {
    const fromRoute = filtersFromRoute(route);
    if (fromRoute) void roster.getState().setFilters(fromRoute);
    else if (roster.getState().total === null) void roster.getState().reload();
    // A new address sets new filters; the same address keeps what the user changed since.
  }, [routeKey, roster]);

  const count = s.total ?? 0;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (count) void roster.getState().ensureRows(first, last);
  }, [first, last, count, roster, s.pages]);

  const f = s.filters;
  const set = (patch: Partial<RosterFilters>) => void roster.getState().setFilters(patch);
  const active = JSON.stringify(f) !== JSON.stringify(NO_FILTERS);

  return (
    <div className="page roster">
      <div className="page-head">
        <h1>{t('roster.title')}</h1>
        <div className="actions-bar">
          <a className="button" href="#/roster/import">
            {t('importer.open')}
          </a>
          <a className="button primary" href="#/experts/new">
            {t('experts.new')}
          </a>
        </div>
      </div>

      <section className="roster-filters" aria-label={t('roster.filters')}>
        <div className="quick-filters" role="group" aria-label={t('roster.quickLanguages')}>
          {QUICK_LANGUAGES.map((code) => (
            <button key={code} type="button" className="toggle" aria-pressed={f.language === code} onClick={() => set({ language: f.language === code ? '' : code })}>
              {labels.label('language', code)}
            </button>
          ))}
          <button type="button" className="toggle available" aria-pressed={f.availableNow} onClick={() => set({ availableNow: !f.availableNow })}>
            {t('roster.availableNow')}
          </button>
        </div>
        <div className="filter-row">
          <label>
            <span>{t('roster.topic')}</span>
            <select value={f.topic} onChange={(e) => set({ topic: e.target.value })}>
              <option value="">{t('common.any')}</option>
              {(labels.reference?.domains ?? []).map((d) => (
                <optgroup key={d.code} label={labels.label('domain', d.code)}>
                  {(labels.reference?.topics ?? [])
                    .filter((tp) => tp.domain === d.code)
                    .map((tp) => (
                      <option key={tp.code} value={tp.code}>
                        {labels.label('topic', tp.code)}
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </label>
          <label>
            <span>{t('roster.language')}</span>
            <select value={f.language} onChange={(e) => set({ language: e.target.value })}>
              <option value="">{t('common.any')}</option>
              {labels.options('language').map((o) => (
                <option key={o.code} value={o.code}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('roster.minLevel')}</span>
            <select value={f.minLevel} onChange={(e) => set({ minLevel: e.target.value as Level })}>
              {CEFR_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {t(`enums.level.${l}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('roster.memberState')}</span>
            <select value={f.memberState} onChange={(e) => set({ memberState: e.target.value })}>
              <option value="">{t('common.any')}</option>
              {memberStates(labels).map((o) => (
                <option key={o.code} value={o.code}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            <span>{t('roster.freshness')}</span>
            <select value={String(f.freshMonths)} onChange={(e) => set({ freshMonths: Number(e.target.value) as RosterFilters['freshMonths'] })}>
              <option value="0">{t('roster.freshAny')}</option>
              <option value="12">{t('roster.fresh12')}</option>
              <option value="24">{t('roster.fresh24')}</option>
            </select>
          </label>
          {active && (
            <button type="button" className="link-button" onClick={() => set(NO_FILTERS)}>
              {t('roster.clear')}
            </button>
          )}
        </div>
      </section>

      {s.error && <ErrorNotice what={t('errors.load', { what: t('roster.title') })} error={s.error} onRetry={() => void roster.getState().reload()} />}
      <p className="result-count" role="status">
        {s.total === null ? t('common.loading') : t('roster.count', { count: s.total })}
      </p>
      {s.total === 0 && <p className="empty">{t('roster.none')}</p>}
      <ExportButtons type="experts" filters={active ? exportFilters(f) : null} shown={s.total} />

      <div className="roster-table" role="table" aria-label={t('roster.table')} aria-rowcount={count + 1}>
        <div role="rowgroup" className="roster-head">
          <div role="row" className="roster-row" aria-rowindex={1}>
            {COLUMNS.map((c) => {
              const label = t(`roster.columns.${c.key}`);
              const sorted = s.sort === c.key;
              return (
                <div key={c.key} role="columnheader" className={`cell col-${c.key}`} aria-sort={sorted ? (s.order === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {c.sortable ? (
                    <button type="button" className="sort-button" onClick={() => void roster.getState().setSort(c.key as RosterSortColumn)} aria-label={t('roster.sortBy', { column: label })}>
                      {label} <span aria-hidden="true">{sorted ? (s.order === 'asc' ? '▲' : '▼') : '↕'}</span>
                    </button>
                  ) : (
                    label
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div ref={scrollRef} className="roster-scroll" role="rowgroup">
          <div className="roster-sizer" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((v) => {
              const e = roster.getState().row(v.index);
              return (
                <div key={v.key} role="row" aria-rowindex={v.index + 2} className={`roster-row${v.index % 2 ? ' odd' : ''}`} style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}>
                  {e ? <ExpertCells e={e} lang={labels.lang} language={f.language} /> : <div role="cell" className="cell loading-cell">…</div>}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

/** The list's filters as the export takes them: the same selection, without paging or order. */
function exportFilters(f: RosterFilters) {
  const { page: _page, pageSize: _size, sort: _sort, order: _order, ...filters } = toListInput(f, 'familyName', 'asc', 1);
  return filters;
}

/** The language filtered on comes first, then the strongest: what the reader is looking for. */
function languagesInOrder(e: Expert, first: string) {
  const rank = (l: Expert['languages'][number]) => (l.code === first ? 100 : LEVEL_ORDER.indexOf(l.level));
  return [...e.languages].sort((a, b) => rank(b) - rank(a));
}

function ExpertCells({ e, lang, language }: { e: Expert; lang: 'en' | 'fr'; language: string }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const stale = isStale(e.lastConfirmedOn);
  return (
    <>
      <div role="cell" className="cell col-familyName" title={`${e.familyName}, ${e.givenName}`}>
        <a href={`#/experts/${e.id}`}>
          {e.familyName}, {e.givenName}
        </a>
      </div>
      <div role="cell" className="cell col-memberState">
        {e.memberState && (
          <>
            {/* The column sorts by this ISO code: showing it makes the order readable. */}
            <span className="iso">{e.memberState}</span> {labels.label('country', e.memberState)}
          </>
        )}
      </div>
      <div role="cell" className="cell col-institution" title={e.institution ?? undefined}>
        {e.institution}
      </div>
      <div role="cell" className="cell col-languages">
        {languagesInOrder(e, language).map((l) => `${l.code.toUpperCase()} ${l.level === 'native' ? t('enums.nativeShort') : l.level}`).join(' · ')}
      </div>
      <div role="cell" className="cell col-availability">
        <span className={`status availability-${e.availability}`}>{t(`enums.status.${e.availability}`)}</span>
      </div>
      <div role="cell" className={`cell col-lastConfirmedOn${stale ? ' stale-text' : ''}`}>
        {formatPartialDate(e.lastConfirmedOn, lang) || '—'}
      </div>
    </>
  );
}
