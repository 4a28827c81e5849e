// Browse by thematic domain, by region and country, on the map and along the years. Every
// count is a link to the list of the Actions it counts.
import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/context';
import { href } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TypeIcon } from '../../components/TypeIcon';
import { useLabels } from '../../components/labels';
import { useCall } from '../../components/useCall';
import { countActions, loadAllActions, type BrowseCounts } from './browseCounts';

// The map's geometry is the largest piece of the app: it loads when Browse is opened.
const WorldMap = lazy(() => import('./WorldMap'));

export function BrowsePage() {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useLabels();
  const actions = useCall(() => loadAllActions(api), [api]);
  const counts = useMemo(() => (actions.value && labels.reference ? countActions(actions.value, labels.reference) : null), [actions.value, labels.reference]);

  return (
    <div className="page browse">
      <h1>{t('browse.title')}</h1>
      {actions.error && <ErrorNotice what={t('errors.load', { what: t('actions.listTitle') })} error={actions.error} onRetry={actions.reload} />}
      {!counts && !actions.error && <p>{t('common.loading')}</p>}
      {counts && labels.reference && (
        <>
          <section className="card" aria-labelledby="by-domain">
            <h2 id="by-domain">{t('browse.byDomain')}</h2>
            <p className="hint">{t('browse.expertsHint')}</p>
            <div className="domain-grid">
              {labels.reference.domains.map((d) => (
                <article key={d.code} className="domain">
                  <h3>
                    <a href={href('/actions', { domain: d.code })}>
                      {labels.label('domain', d.code)} <span className="count-badge">{counts.domain.get(d.code) ?? 0}</span>
                    </a>
                  </h3>
                  <ul className="count-list">
                    {labels.reference!.topics
                      .filter((tp) => tp.domain === d.code)
                      .map((tp) => (
                        <li key={tp.code}>
                          <a href={href('/actions', { topic: tp.code })}>
                            <span>{labels.label('topic', tp.code)}</span> <span className="count">{counts.topic.get(tp.code) ?? 0}</span>
                          </a>
                          <a className="topic-experts" href={href('/roster', { topic: tp.code, available: '1' })} aria-label={`${t('browse.availableExperts')}: ${labels.label('topic', tp.code)}`} title={t('browse.availableExperts')}>
                            <TypeIcon type="expert" />
                          </a>
                        </li>
                      ))}
                  </ul>
                </article>
              ))}
            </div>
          </section>

          <section className="card" aria-labelledby="by-region">
            <h2 id="by-region">{t('browse.byRegion')}</h2>
            <RegionTree counts={counts} />
          </section>

          <section className="card" aria-labelledby="map-title">
            <h2 id="map-title">{t('browse.map')}</h2>
            <p className="hint">{t('browse.mapHelp')}</p>
            <Suspense fallback={<p>{t('browse.mapLoading')}</p>}>
              <WorldMap counts={counts.country} />
            </Suspense>
          </section>

          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('browse.timeline')}</h2>
            <p className="hint">{t('browse.timelineHelp')}</p>
            <Timeline years={counts.year} />
          </section>
        </>
      )}
    </div>
  );
}

function RegionTree({ counts }: { counts: BrowseCounts }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const ref = labels.reference!;
  const countriesOf = (region: string) =>
    ref.countries
      .filter((c) => c.region === region && (counts.country.get(c.code) ?? 0) > 0)
      .sort((a, b) => (counts.country.get(b.code) ?? 0) - (counts.country.get(a.code) ?? 0) || labels.label('country', a.code).localeCompare(labels.label('country', b.code), labels.lang));
  const node = (code: string, depth: number) => {
    const children = ref.regions.filter((r) => r.parent === code);
    const countries = countriesOf(code);
    return (
      <li key={code} className={`region depth-${depth}`}>
        <a href={href('/actions', { region: code })} className="region-name">
          {labels.label('region', code)} <span className="count-badge">{counts.region.get(code) ?? 0}</span>
        </a>
        {children.length > 0 && <ul className="region-children">{children.map((c) => node(c.code, depth + 1))}</ul>}
        {countries.length > 0 && (
          <ul className="country-list" aria-label={t('browse.actionsCount', { count: counts.region.get(code) ?? 0 })}>
            {countries.map((c) => (
              <li key={c.code}>
                <a href={href('/actions', { country: c.code })}>
                  {labels.label('country', c.code)} <span className="count">{counts.country.get(c.code)}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </li>
    );
  };
  return <ul className="region-tree">{ref.regions.filter((r) => !r.parent).map((r) => node(r.code, 0))}</ul>;
}

function Timeline({ years }: { years: Map<number, number> }) {
  const { t } = useTranslation();
  if (!years.size) return null;
  const keys = [...years.keys()];
  const first = Math.min(...keys);
  const last = Math.max(...keys);
  const max = Math.max(...years.values());
  const all = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return (
    <ol className="timeline">
      {all.map((y) => {
        const n = years.get(y) ?? 0;
        const label = t('browse.yearActions', { year: y, count: n });
        return (
          <li key={y}>
            {n > 0 ? (
              <a href={href('/actions', { yearFrom: y, yearTo: y })} title={label}>
                <span className="visually-hidden">{label}</span>
                <span className="timeline-count" aria-hidden="true">
                  {n}
                </span>
                <span className="timeline-bar" style={{ height: `${Math.max(4, (n / max) * 100)}%` }} />
                <span className="timeline-year" aria-hidden="true">
                  {y}
                </span>
              </a>
            ) : (
              <span className="timeline-empty" title={label}>
                <span className="timeline-count">0</span>
                <span className="timeline-bar" style={{ height: '0%' }} />
                <span className="timeline-year">{y}</span>
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
