// The list every count leads to: Actions filtered by domain, topic, region, country, years or status.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbError } from '../../../../shared/api';
import type { ActionSummary } from '../../../../shared/schemas';
import { useApi } from '../../app/context';
import { href, type Route } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { actionTitle, formatRange, useLabels, type RefKind } from '../../components/labels';
import { ExportButtons } from '../import/ExportButtons';
import { actionFilters, selectedFilters, type ActionFilters } from './actionFilters';

const PAGE = 50;
const LIST_FILTERS = ['domain', 'topic', 'region', 'country', 'status'] as const;

export function ActionListPage({ route }: { route: Route }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useLabels();
  const p = route.params;
  const key = p.toString();
  const [items, setItems] = useState<ActionSummary[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<KbError | null>(null);

  const filters = actionFilters(p);
  const selected = selectedFilters(filters);

  useEffect(() => {
    let live = true;
    void api.listActions({ ...selected, page, pageSize: PAGE, sort: 'startDate', order: 'desc' }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error);
      setError(null);
      setTotal(r.value.total);
      setItems((prev) => (page === 1 ? r.value.items : [...prev, ...r.value.items]));
    });
    return () => {
      live = false;
    };
    // `filters` is derived from the address: `key` stands for it (a new address remounts the page).
  }, [api, key, page]);

  const chips = [
    ...LIST_FILTERS.flatMap((f) => filters[f].map((v) => ({ f, v, text: `${t(`search.facet.${f}`)}: ${f === 'status' ? t(`enums.status.${v as 'ongoing'}`) : labels.label(f as RefKind, v)}` }))),
    ...(filters.yearFrom || filters.yearTo
      ? [{ f: 'year', v: '', text: `${t('search.facet.year')}: ${filters.yearFrom === filters.yearTo ? filters.yearFrom : `${filters.yearFrom ?? '…'}–${filters.yearTo ?? '…'}`}` }]
      : []),
  ];
  const without = (f: string, v: string) => {
    const next = new URLSearchParams(p);
    if (f === 'year') {
      next.delete('yearFrom');
      next.delete('yearTo');
    } else {
      const rest = next.getAll(f).filter((x) => x !== v);
      next.delete(f);
      rest.forEach((x) => next.append(f, x));
    }
    const q = next.toString();
    return `#/actions${q ? `?${q}` : ''}`;
  };

  return (
    <div className="page">
      <div className="page-head">
        <h1>{t('actions.listTitle')}</h1>
        <a className="button primary" href="#/actions/new">
          {t('actions.new')}
        </a>
      </div>
      {chips.length > 0 && (
        <div className="active-filters">
          <span className="active-filters-label">{t('actions.filteredBy')}</span>
          <ul className="chips">
            {chips.map((c) => (
              <li key={`${c.f}:${c.v}`} className="chip">
                {c.text}
                <a className="chip-remove" href={without(c.f, c.v)} aria-label={t('common.remove', { label: c.text })}>
                  ×
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && <ErrorNotice what={t('errors.load', { what: t('actions.listTitle') })} error={error} onRetry={() => setPage(1)} />}
      {total !== null && (
        <p className="result-count" role="status">
          {t('browse.actionsCount', { count: total })}
        </p>
      )}
      {total === 0 && <p className="empty">{t('actions.none')}</p>}
      <div className="export-panel">
        <ExportButtons type="actions" filters={selected} shown={total} />
        <ExportButtons type="lessons" filters={selected && lessonFilters(selected)} hint={selected ? t('exports.lessonsHint') : undefined} />
        <a className="button" href={`#/share${key ? `?${key}` : ''}`}>
          {t('share.link')}
        </a>
      </div>
      <ul className="record-list">
        {items.map((a) => (
          <li key={a.id}>
            <a href={`#/actions/${a.id}`} className="record-title">
              {actionTitle(a, labels.lang)}
            </a>
            <ul className="facts">
              <li>{a.code}</li>
              <li>{a.countries.map((c) => labels.label('country', c)).join(', ')}</li>
              {formatRange(a.startDate, a.endDate, labels.lang, t('actions.ongoing')) && <li>{formatRange(a.startDate, a.endDate, labels.lang, t('actions.ongoing'))}</li>}
              <li>{labels.label('domain', a.domain)}</li>
              <li>{t(`enums.status.${a.status}`)}</li>
            </ul>
          </li>
        ))}
      </ul>
      {total !== null && items.length < total && (
        <p>
          <span className="hint">{t('common.showing', { shown: items.length, total })}</span>{' '}
          <button type="button" onClick={() => setPage((n) => n + 1)}>
            {t('common.loadMore')}
          </button>
        </p>
      )}
      <p className="back-link">
        <a href={href('/browse')}>← {t('browse.title')}</a>
      </p>
    </div>
  );
}

/** Lessons have the Actions' thematic and geographic filters, not their status or years. */
function lessonFilters({ domain, topic, region, country }: ActionFilters): ActionFilters | null {
  return selectedFilters({ domain, topic, region, country });
}
