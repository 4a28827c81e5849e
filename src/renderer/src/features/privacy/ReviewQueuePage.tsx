// The retention review: profiles not confirmed for N months, experts not deployed for N years.
// A list to act on, never a deletion: each row leads to the profile, where erasing asks for the
// name to be typed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { ReviewItem } from '../../../../shared/safety-api';
import { useServices } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatPartialDate, useLabels } from '../../components/labels';
import { useCall } from '../../components/useCall';
import { SettingsTabs } from '../settings/SettingsPage';

/** The core's bounds for each period: a value outside them is kept in the box, not sent. */
const clamp = (raw: string, max: number, fallback: number) => {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= max ? n : fallback;
};

export function ReviewQueuePage() {
  const { t } = useTranslation();
  const { api, safety } = useServices();
  const generation = useStore(safety, (s) => s.generation);
  const [monthsText, setMonthsText] = useState('24');
  const [yearsText, setYearsText] = useState('5');
  const months = clamp(monthsText, 600, 24);
  const years = clamp(yearsText, 50, 5);
  const queue = useCall(() => api.reviewQueue({ unconfirmedMonths: months, undeployedYears: years }), [api, months, years, generation]);

  return (
    <div className="page settings">
      <h1>{t('review.title')}</h1>
      <SettingsTabs current="review" />
      <p className="lead">{t('review.help')}</p>
      <div className="filter-row">
        <label>
          {t('review.months')}
          <input type="number" min={1} max={600} value={monthsText} onChange={(e) => setMonthsText(e.target.value)} />
        </label>
        <label>
          {t('review.years')}
          <input type="number" min={1} max={50} value={yearsText} onChange={(e) => setYearsText(e.target.value)} />
        </label>
      </div>
      {queue.error && <ErrorNotice what={t('errors.load', { what: t('review.title') })} error={queue.error} onRetry={queue.reload} />}
      {queue.value && (
        <>
          <ReviewTable title={t('review.unconfirmed', { count: queue.value.unconfirmed.length, months })} items={queue.value.unconfirmed} />
          <ReviewTable title={t('review.undeployed', { count: queue.value.undeployed.length, years })} items={queue.value.undeployed} />
        </>
      )}
    </div>
  );
}

function ReviewTable({ title, items }: { title: string; items: ReviewItem[] }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const date = (d: string | null) => (d ? formatPartialDate(d, lang) : t('review.never'));
  return (
    <section className="card">
      <h2>{title}</h2>
      {items.length === 0 ? (
        <p className="hint">{t('review.empty')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('review.name')}</th>
              <th scope="col">{t('review.email')}</th>
              <th scope="col">{t('review.lastConfirmed')}</th>
              <th scope="col">{t('review.lastDeployed')}</th>
              <th scope="col">{t('review.state')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((x) => (
              <tr key={x.id}>
                <td>
                  <a href={`#/experts/${x.id}`}>{x.name}</a>
                </td>
                <td>{x.email}</td>
                <td>{date(x.lastConfirmedOn)}</td>
                <td>{date(x.lastDeployedOn)}</td>
                <td>{(x.restricted || x.consentWithdrawn) && <span className="badge warn">{t('review.hidden')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
