// Record or edit a lesson learned; from an Action's page it starts linked to that Action.
import { useTranslation } from 'react-i18next';
import { DAC_CRITERIA, EVIDENCE_LEVELS, LESSON_POLARITIES, LESSON_STAGES, REVIEW_STATUSES, TEXT_LANGUAGES } from '../../../../shared/reference';
import { LESSON_DEFAULTS, LessonData, type Lesson, type LessonInput } from '../../../../shared/schemas';
import { useApi } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CodePicker, Fieldset, SelectField, TextArea, TextField } from '../../components/fields';
import { FormButtons } from '../../components/FormButtons';
import { useLabels } from '../../components/labels';
import { RecordPicker } from '../../components/RecordPicker';
import { useCall } from '../../components/useCall';
import { useRecordForm } from '../../components/useRecordForm';

type Draft = Omit<LessonInput, 'polarity'> & { polarity: LessonInput['polarity'] | '' };
const nz = (v: string) => (v.trim() === '' ? null : v);

function toDraft(l: Lesson | undefined, actionId: string | null | undefined): Draft {
  const base: Draft = { ...LESSON_DEFAULTS, title: '', polarity: '', actions: actionId ? [actionId] : [] };
  if (!l) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const k of Object.keys(base)) out[k] = (l as unknown as Record<string, unknown>)[k];
  return out as Draft;
}

export function LessonForm({ id, actionId }: { id?: string; actionId?: string | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const existing = useCall(() => (id ? api.getLesson({ id }) : Promise.resolve({ ok: true as const, value: null })), [api, id]);
  if (existing.error) return <ErrorNotice what={t('errors.load', { what: t('types.lesson') })} error={existing.error} onRetry={existing.reload} />;
  if (existing.loading) return <p>{t('common.loading')}</p>;
  return <LessonEditor record={existing.value ?? undefined} actionId={actionId} />;
}

function LessonEditor({ record, actionId }: { record?: Lesson; actionId?: string | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useLabels();
  const f = useRecordForm({
    initial: toDraft(record, actionId),
    schema: LessonData,
    save: (data) => {
      const d = data as LessonInput;
      return record ? api.updateLesson({ id: record.id, data: d, expectedUpdatedAt: record.updatedAt }) : api.createLesson({ data: d });
    },
    savedHref: (l) => `#/lessons/${l.id}`,
  });
  const d = f.draft;
  const opts = <T extends string>(list: readonly T[], key: 'polarity' | 'stage' | 'evidence' | 'status' | 'textLanguage' | 'dac') => list.map((c) => ({ code: c, label: t(`enums.${key}.${c}` as never) }));
  const heading = record ? t('lessons.editTitle') : t('lessons.new');
  const back = record ? `#/lessons/${record.id}` : actionId ? `#/actions/${actionId}` : '#/search';
  return (
    <div className="page form-page">
      <h1>{heading}</h1>
      {f.dirty && <p className="unsaved-badge">{t('form.unsaved')}</p>}
      {f.view}
      <form onSubmit={f.onSubmit} noValidate aria-label={heading}>
        <Fieldset legend={t('types.lesson')}>
          <div className="field-row wide">
            <TextField label={t('lessons.title')} required value={d.title} onChange={(v) => f.set('title', v)} error={f.error('title')} />
          </div>
          <SelectField label={t('lessons.polarity')} required value={d.polarity} emptyLabel="—" onChange={(v) => f.set('polarity', v as Draft['polarity'])} options={opts(LESSON_POLARITIES, 'polarity')} error={f.error('polarity')} />
          <SelectField label={t('lessons.stage')} value={d.stage ?? ''} emptyLabel="—" onChange={(v) => f.set('stage', nz(v) as Draft['stage'])} options={opts(LESSON_STAGES, 'stage')} error={f.error('stage')} />
          <SelectField label={t('lessons.reviewStatus')} value={d.reviewStatus ?? 'draft'} onChange={(v) => f.set('reviewStatus', v as Draft['reviewStatus'])} options={opts(REVIEW_STATUSES, 'status')} />
          <SelectField label={t('lessons.evidence')} value={d.evidence ?? ''} emptyLabel="—" onChange={(v) => f.set('evidence', nz(v) as Draft['evidence'])} options={opts(EVIDENCE_LEVELS, 'evidence')} />
          <SelectField label={t('lessons.language')} value={d.language ?? 'en'} onChange={(v) => f.set('language', v as Draft['language'])} options={opts(TEXT_LANGUAGES, 'textLanguage')} />
          <TextField label={t('lessons.recordedOn')} hint={t('actions.dateHint')} value={d.recordedOn ?? ''} onChange={(v) => f.set('recordedOn', nz(v))} error={f.error('recordedOn')} />
          <TextField label={t('lessons.author')} value={d.author ?? ''} onChange={(v) => f.set('author', nz(v))} error={f.error('author')} />
          <CodePicker label={t('lessons.dacCriteria')} value={d.dacCriteria ?? []} onChange={(v) => f.set('dacCriteria', v as Draft['dacCriteria'])} options={opts(DAC_CRITERIA, 'dac')} error={f.error('dacCriteria')} />
        </Fieldset>
        <Fieldset legend={t('lessons.lesson')}>
          <TextArea label={t('lessons.context')} value={d.context ?? ''} onChange={(v) => f.set('context', nz(v))} error={f.error('context')} />
          <TextArea label={t('lessons.lesson')} value={d.lesson ?? ''} onChange={(v) => f.set('lesson', nz(v))} error={f.error('lesson')} />
          <TextArea label={t('lessons.recommendation')} value={d.recommendation ?? ''} onChange={(v) => f.set('recommendation', nz(v))} error={f.error('recommendation')} />
        </Fieldset>
        <Fieldset legend={t('lessons.actions')}>
          <RecordPicker label={t('lessons.actions')} hint={t('actions.relatedHint')} type="action" multiple value={d.actions ?? []} onChange={(v) => f.set('actions', v)} error={f.error('actions')} />
          <CodePicker label={t('lessons.topics')} value={d.topics ?? []} onChange={(v) => f.set('topics', v as Draft['topics'])} options={labels.options('topic')} error={f.error('topics')} />
          <CodePicker label={t('lessons.countries')} value={d.countries ?? []} onChange={(v) => f.set('countries', v)} options={labels.options('country')} error={f.error('countries')} />
        </Fieldset>
        <FormButtons saving={f.saving} cancelHref={back} />
      </form>
    </div>
  );
}
