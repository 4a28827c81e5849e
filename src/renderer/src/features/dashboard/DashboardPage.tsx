// The leaflet's key figures, computed live, and where the Actions are.
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/context';
import { href } from '../../app/router';
import { BarChart } from '../../components/BarChart';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useLabels } from '../../components/labels';
import { useCall } from '../../components/useCall';

export function DashboardPage() {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useLabels();
  const stats = useCall(() => api.getStats({}), [api]);
  const s = stats.value;
  const figures = s
    ? [
        { key: 'actions', value: s.actions, to: '#/actions' },
        { key: 'expertsDeployed', value: s.expertsDeployed, to: '#/roster' },
        { key: 'euOfficials', value: s.euOfficials, to: '#/roster' },
        { key: 'memberStates', value: s.memberStates, to: '#/roster' },
        { key: 'countries', value: s.countries, to: '#/browse' },
        { key: 'lessons', value: s.lessons, to: '#/search' },
      ] as const
    : [];
  return (
    <div className="page dashboard">
      <h1>{t('dashboard.title')}</h1>
      <p className="lead">{t('dashboard.subtitle')}</p>
      {stats.error && <ErrorNotice what={t('errors.load', { what: t('dashboard.title') })} error={stats.error} onRetry={stats.reload} />}
      {s && (
        <>
          <dl className="figures">
            {figures.map((f) => (
              <div key={f.key}>
                <dt>{t(`dashboard.${f.key}`)}</dt>
                <dd>
                  <a href={f.to}>{f.value.toLocaleString(labels.lang)}</a>
                </dd>
              </div>
            ))}
          </dl>
          <div className="two-columns">
            <section className="card">
              <h2>{t('dashboard.byDomain')}</h2>
              <BarChart
                title={t('dashboard.byDomain')}
                bars={(labels.reference?.domains ?? []).map((d) => ({ key: d.code, label: labels.label('domain', d.code), value: s.actionsByDomain[d.code] ?? 0, href: href('/actions', { domain: d.code }) }))}
              />
            </section>
            <section className="card">
              <h2>{t('dashboard.byRegion')}</h2>
              <BarChart
                title={t('dashboard.byRegion')}
                bars={(labels.reference?.regions ?? [])
                  .filter((r) => !(labels.reference?.regions ?? []).some((c) => c.parent === r.code))
                  .map((r) => ({ key: r.code, label: labels.label('region', r.code), value: s.actionsByRegion[r.code] ?? 0, href: href('/actions', { region: r.code }) }))}
              />
            </section>
          </div>
        </>
      )}
    </div>
  );
}
