// A lesson learned: what happened, the lesson, the recommendation, and where it comes from.
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/context';
import { href } from '../../app/router';
import { DeleteButton } from '../../components/DeleteButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatPartialDate, useLabels } from '../../components/labels';
import { Facts, LongText, Tags } from '../../components/Record';
import { useRecordNames } from '../../components/RecordPicker';
import { useCall } from '../../components/useCall';
import { HistoryPanel } from '../history/HistoryPanel';

export function LessonPage({ id }: { id: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useLabels();
  const lesson = useCall(() => api.getLesson({ id }), [api, id]);
  const actions = useRecordNames('action', lesson.value?.actions ?? []);
  if (lesson.error) return <ErrorNotice what={t('errors.load', { what: t('types.lesson') })} error={lesson.error} onRetry={lesson.reload} />;
  const l = lesson.value;
  if (!l) return <p>{t('common.loading')}</p>;
  return (
    <article className="page record">
      <p className="record-kind">{t('types.lesson')}</p>
      <div className="page-head">
        <h1 lang={l.language}>{l.title}</h1>
        <div className="actions-bar">
          <a className="button" href={`#/lessons/${l.id}/edit`}>
            {t('common.edit')}
          </a>
          <DeleteButton question={t('lessons.deleteConfirm', { title: l.title })} remove={() => api.deleteLesson({ id: l.id })} then={l.actions[0] ? `#/actions/${l.actions[0]}` : '#/search'} />
        </div>
      </div>
      <Facts
        rows={[
          [t('lessons.polarity'), <span className={`polarity polarity-${l.polarity}`}>{t(`enums.polarity.${l.polarity}`)}</span>],
          [t('lessons.stage'), l.stage ? t(`enums.stage.${l.stage}`) : null],
          [t('lessons.reviewStatus'), t(`enums.status.${l.reviewStatus}`)],
          [t('lessons.evidence'), l.evidence ? t(`enums.evidence.${l.evidence}`) : null],
          [t('lessons.dacCriteria'), <Tags items={l.dacCriteria.map((c) => t(`enums.dac.${c}`))} />],
          [
            t('lessons.actions'),
            l.actions.length ? (
              <span className="inline-links">
                {l.actions.map((a) => (
                  <a key={a} href={`#/actions/${a}`}>
                    {actions[a] ?? '…'}
                  </a>
                ))}
              </span>
            ) : null,
          ],
          [t('lessons.topics'), <Tags items={l.topics.map((x) => labels.label('topic', x))} />],
          [
            t('lessons.countries'),
            l.countries.length ? (
              <span className="inline-links">
                {l.countries.map((c) => (
                  <a key={c} href={href('/actions', { country: c })}>
                    {labels.label('country', c)}
                  </a>
                ))}
              </span>
            ) : null,
          ],
          [t('lessons.author'), l.author],
          [t('lessons.recordedOn'), formatPartialDate(l.recordedOn, labels.lang)],
          [t('lessons.language'), t(`enums.textLanguage.${l.language}`)],
        ]}
      />
      <LongText title={t('lessons.context')} text={l.context} lang={l.language} />
      <LongText title={t('lessons.lesson')} text={l.lesson} lang={l.language} />
      <LongText title={t('lessons.recommendation')} text={l.recommendation} lang={l.language} />
      <HistoryPanel entity="lesson" id={l.id} version={l.updatedAt} />
    </article>
  );
}
