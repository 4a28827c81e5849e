// An expert's profile: languages with levels, topics, deployments, availability, and the two
// things to check before any contact: profile freshness and consent.
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/context';
import { href } from '../../app/router';
import { DeleteButton } from '../../components/DeleteButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatPartialDate, formatRange, useLabels } from '../../components/labels';
import { Facts, LongText, Tags } from '../../components/Record';
import { useCall } from '../../components/useCall';
import { HistoryPanel } from '../history/HistoryPanel';
import { PersonalDataPanel } from '../privacy/PersonalDataPanel';
import { consentState, isStale } from './expertView';

export function ExpertPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useLabels();
  const expert = useCall(() => api.getExpert({ id }), [api, id]);
  const deployments = useCall(() => api.listDeployments({ expertId: id, pageSize: 500 }), [api, id]);
  if (expert.error) return <ErrorNotice what={t('errors.load', { what: t('types.expert') })} error={expert.error} onRetry={expert.reload} />;
  const e = expert.value;
  if (!e) return <p>{t('common.loading')}</p>;
  const name = `${e.givenName} ${e.familyName}`;
  const consent = consentState(e);
  const stale = isStale(e.lastConfirmedOn);
  const confirmed = formatPartialDate(e.lastConfirmedOn, labels.lang);

  return (
    <article className="page record">
      <p className="record-kind">
        {t('types.expert')}
        {e.restricted && <span className="badge warn">{t('experts.restrictedBadge')}</span>}
      </p>
      <div className="page-head">
        <h1>{name}</h1>
        <div className="actions-bar">
          <a className="button" href={href('/deployments/new', { expertId: e.id })}>
            {t('actions.addDeployment')}
          </a>
          <a className="button" href={`#/experts/${e.id}/edit`}>
            {t('common.edit')}
          </a>
          <DeleteButton question={t('experts.deleteConfirm', { name })} remove={() => api.deleteExpert({ id: e.id })} then="#/roster" />
        </div>
      </div>
      {(e.position || e.institution) && <p className="subtitle">{[e.position, e.institution].filter(Boolean).join(', ')}</p>}
      <div className="status-row">
        <span className={`status availability-${e.availability}`}>{t(`enums.status.${e.availability}`)}</span>
        <span className={`status ${stale ? 'stale' : 'fresh'}`}>{e.lastConfirmedOn ? t(stale ? 'experts.stale' : 'experts.fresh', { date: confirmed }) : t('experts.neverConfirmed')}</span>
        <span className={`status consent-${consent}`}>
          {t('experts.consent')}:{' '}
          {consent === 'withdrawn'
            ? t('experts.consentWithdrawn', { date: formatPartialDate(e.consent.withdrawnOn, labels.lang) })
            : consent === 'given'
              ? t('experts.consentGiven', { date: formatPartialDate(e.consent.givenOn, labels.lang), basis: e.consent.basis ? t(`enums.basis.${e.consent.basis}`) : '—' })
              : t('experts.consentMissing')}
        </span>
      </div>
      <Facts
        rows={[
          [t('experts.memberState'), labels.label('country', e.memberState)],
          [t('experts.sector'), t(`enums.sector.${e.sector}`)],
          [
            t('experts.languages'),
            e.languages.length ? (
              <ul className="languages">
                {e.languages.map((l) => (
                  <li key={l.code}>
                    {labels.label('language', l.code)} <span className="level">{t(`enums.level.${l.level}`)}</span>
                  </li>
                ))}
              </ul>
            ) : null,
          ],
          [t('experts.topics'), <Tags items={e.topics.map((x) => labels.label('topic', x))} />],
          [t('experts.availabilityNote'), e.availabilityNote],
          [t('experts.email'), e.email ? <a href={`mailto:${e.email}`}>{e.email}</a> : null],
          [t('experts.phone'), e.phone],
          [t('experts.rosterStatus'), t(`enums.rosterStatus.${e.rosterStatus}`)],
        ]}
      />
      <LongText title={t('experts.expertise')} text={e.expertise} />

      <section className="related" aria-labelledby="history-title">
        <h2 id="history-title">
          {t('experts.deployments')} {deployments.value && <span className="count-badge">{deployments.value.total}</span>}
        </h2>
        {deployments.error && <ErrorNotice what={t('errors.load', { what: t('experts.deployments') })} error={deployments.error} onRetry={deployments.reload} />}
        {deployments.value?.total === 0 && <p className="hint">{t('experts.noDeployments')}</p>}
        {deployments.value && deployments.value.total > 0 && (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('deployments.action')}</th>
                <th scope="col">{t('deployments.role')}</th>
                <th scope="col">{t('deployments.activityType')}</th>
                <th scope="col">{t('deployments.dates')}</th>
                <th scope="col">{t('deployments.location')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.edit')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {deployments.value.items.map((d) => (
                <tr key={d.id}>
                  <td>
                    <a href={`#/actions/${d.action}`}>{d.actionCode}</a>
                  </td>
                  <td>{t(`enums.role.${d.role}`)}</td>
                  <td>{t(`enums.activity.${d.activityType}`)}</td>
                  <td>{formatRange(d.startDate, d.endDate, labels.lang, t('actions.ongoing'))}</td>
                  <td>{d.location}</td>
                  <td>
                    <a href={`#/deployments/${d.id}/edit`} aria-label={`${t('common.edit')}: ${d.actionCode}`}>
                      {t('common.edit')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <LongText title={t('experts.notes')} text={e.notes} />
      <PersonalDataPanel expert={e} onChanged={expert.reload} />
      <HistoryPanel entity="expert" id={e.id} version={e.updatedAt} />
    </article>
  );
}
