// An Action with everything known about it: its facts, texts, the lessons learned from it, the
// experts deployed and the Actions it follows on from.
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/context';
import { href } from '../../app/router';
import { DeleteButton } from '../../components/DeleteButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { actionTitle, formatPartialDate, formatRange, useLabels } from '../../components/labels';
import { Facts, LongText, Tags } from '../../components/Record';
import { useRecordNames } from '../../components/RecordPicker';
import { useCall } from '../../components/useCall';
import { HistoryPanel } from '../history/HistoryPanel';

export function ActionPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useLabels();
  const action = useCall(() => api.getAction({ id }), [api, id]);
  const lessons = useCall(() => api.listLessons({ actionId: id, pageSize: 200 }), [api, id]);
  const deployments = useCall(() => api.listDeployments({ actionId: id, pageSize: 500, order: 'asc' }), [api, id]);
  const related = useRecordNames('action', action.value?.relatedActions ?? []);

  if (action.error) return <ErrorNotice what={t('errors.load', { what: t('types.action') })} error={action.error} onRetry={action.reload} />;
  const a = action.value;
  if (!a) return <p>{t('common.loading')}</p>;
  const title = actionTitle(a, labels.lang);
  const otherTitle = labels.lang === 'fr' ? (a.titleFr ? a.titleEn : null) : a.titleEn ? a.titleFr : null;
  const countries = (codes: string[]) => codes.map((c) => labels.label('country', c));

  return (
    <article className="page record">
      <p className="record-kind">
        {t('types.action')} · {a.code}
      </p>
      <div className="page-head">
        <h1>{title}</h1>
        <div className="actions-bar">
          <a className="button" href={`#/actions/${a.id}/edit`}>
            {t('common.edit')}
          </a>
          <a className="button" href={href('/brief', { actionId: a.id })}>
            {t('brief.fromActionButton')}
          </a>
          <DeleteButton question={t('actions.deleteConfirm', { code: a.code })} remove={() => api.deleteAction({ id: a.id })} then="#/actions" />
        </div>
      </div>
      {otherTitle && (
        <p className="subtitle" lang={labels.lang === 'fr' ? 'en' : 'fr'}>
          {otherTitle}
        </p>
      )}
      <Facts
        rows={[
          [t('actions.status'), <span className={`status status-${a.status}`}>{t(`enums.status.${a.status}`)}</span>],
          [t('actions.dates'), formatRange(a.startDate, a.endDate, labels.lang, t('actions.ongoing'))],
          [t('actions.domain'), <a href={href('/actions', { domain: a.domain })}>{labels.label('domain', a.domain)}</a>],
          [t('actions.topics'), <Tags items={a.topics.map((x) => labels.label('topic', x))} />],
          [t('actions.impactAxes'), <Tags items={a.impactAxes.map((x) => labels.label('axis', x))} />],
          [
            t('actions.countries'),
            a.countries.length ? (
              <span className="inline-links">
                {a.countries.map((c) => (
                  <a key={c} href={href('/actions', { country: c })}>
                    {labels.label('country', c)}
                  </a>
                ))}
              </span>
            ) : null,
          ],
          [t('actions.region'), a.regions.map((r) => labels.label('region', r)).join(', ')],
          [t('actions.partners'), a.partners.length ? <ul className="plain">{a.partners.map((p) => <li key={p}>{p}</li>)}</ul> : null],
          [t('actions.expertCountries'), countries(a.expertCountries).join(', ')],
          [t('actions.aliases'), a.aliases.join(', ')],
          [t('actions.language'), t(`enums.textLanguage.${a.language}`)],
          [
            t('actions.publicUrl'),
            a.publicUrl ? (
              <a href={a.publicUrl} target="_blank" rel="noopener noreferrer">
                {a.publicUrl}
              </a>
            ) : null,
          ],
        ]}
      />
      <LongText title={t('actions.summary')} text={a.summary} lang={a.language} />
      <LongText title={t('actions.objectives')} text={a.objectives} lang={a.language} />
      <LongText title={t('actions.activities')} text={a.activities} lang={a.language} />
      <LongText title={t('actions.results')} text={a.results} lang={a.language} />

      <section className="related" aria-labelledby="lessons-title">
        <div className="section-head">
          <h2 id="lessons-title">
            {t('actions.lessons')} {lessons.value && <span className="count-badge">{lessons.value.total}</span>}
          </h2>
          <a className="button" href={href('/lessons/new', { actionId: a.id })}>
            {t('actions.addLesson')}
          </a>
        </div>
        {lessons.error && <ErrorNotice what={t('errors.load', { what: t('actions.lessons') })} error={lessons.error} onRetry={lessons.reload} />}
        {lessons.value?.total === 0 && <p className="hint">{t('actions.noLessons')}</p>}
        <ul className="record-list">
          {lessons.value?.items.map((l) => (
            <li key={l.id}>
              <a className="record-title" href={`#/lessons/${l.id}`} lang={l.language}>
                {l.title}
              </a>
              <ul className="facts">
                <li>{t(`enums.polarity.${l.polarity}`)}</li>
                {l.stage && <li>{t(`enums.stage.${l.stage}`)}</li>}
                <li>{t(`enums.status.${l.reviewStatus}`)}</li>
                {l.recordedOn && <li>{formatPartialDate(l.recordedOn, labels.lang)}</li>}
              </ul>
              {l.lesson && (
                <p className="snippet" lang={l.language}>
                  {l.lesson}
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="related" aria-labelledby="deployments-title">
        <div className="section-head">
          <h2 id="deployments-title">
            {t('actions.deployments')} {deployments.value && <span className="count-badge">{deployments.value.total}</span>}
          </h2>
          <a className="button" href={href('/deployments/new', { actionId: a.id })}>
            {t('actions.addDeployment')}
          </a>
        </div>
        {deployments.error && <ErrorNotice what={t('errors.load', { what: t('actions.deployments') })} error={deployments.error} onRetry={deployments.reload} />}
        {deployments.value?.total === 0 && <p className="hint">{t('actions.noDeployments')}</p>}
        {deployments.value && deployments.value.total > 0 && (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('deployments.expert')}</th>
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
                    <a href={`#/experts/${d.expert}`}>{d.expertName}</a>
                  </td>
                  <td>{t(`enums.role.${d.role}`)}</td>
                  <td>{t(`enums.activity.${d.activityType}`)}</td>
                  <td>{formatRange(d.startDate, d.endDate, labels.lang, t('actions.ongoing'))}</td>
                  <td>{d.location}</td>
                  <td>
                    <a href={`#/deployments/${d.id}/edit`} aria-label={`${t('common.edit')}: ${d.expertName}`}>
                      {t('common.edit')}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      {a.relatedActions.length > 0 && (
        <section className="related" aria-labelledby="related-title">
          <h2 id="related-title">{t('actions.relatedActions')}</h2>
          <ul className="record-list">
            {a.relatedActions.map((rid) => (
              <li key={rid}>
                <a className="record-title" href={`#/actions/${rid}`}>
                  {related[rid] ?? '…'}
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <LongText title={t('actions.notes')} text={a.notes} lang={a.language} />
      <HistoryPanel entity="action" id={a.id} version={a.updatedAt} />
    </article>
  );
}
