// Create or edit an Action, with pickers for every coded field.
import { useTranslation } from 'react-i18next';
import { ACTION_STATUSES, TEXT_LANGUAGES } from '../../../../shared/reference';
import { ACTION_DEFAULTS, ActionData, type Action, type ActionInput } from '../../../../shared/schemas';
import { useApi } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { FormButtons } from '../../components/FormButtons';
import { CodePicker, Fieldset, LinesField, SelectField, TextArea, TextField } from '../../components/fields';
import { useLabels } from '../../components/labels';
import { RecordPicker } from '../../components/RecordPicker';
import { useCall } from '../../components/useCall';
import { useRecordForm } from '../../components/useRecordForm';

type Draft = Omit<ActionInput, 'domain'> & { domain: ActionInput['domain'] | '' };
const nz = (v: string) => (v.trim() === '' ? null : v);

function toDraft(a?: Action): Draft {
  const base: Draft = { ...ACTION_DEFAULTS, code: '', domain: '' };
  if (!a) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const k of Object.keys(base)) out[k] = (a as unknown as Record<string, unknown>)[k];
  return out as Draft;
}

export function ActionForm({ id }: { id?: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const existing = useCall(() => (id ? api.getAction({ id }) : Promise.resolve({ ok: true as const, value: null })), [api, id]);
  if (existing.error) return <ErrorNotice what={t('errors.load', { what: t('types.action') })} error={existing.error} onRetry={existing.reload} />;
  if (existing.loading) return <p>{t('common.loading')}</p>;
  return <ActionEditor record={existing.value ?? undefined} />;
}

function ActionEditor({ record }: { record?: Action }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useLabels();
  const f = useRecordForm({
    initial: toDraft(record),
    schema: ActionData,
    save: (data) => {
      const d = data as ActionInput;
      return record ? api.updateAction({ id: record.id, data: d, expectedUpdatedAt: record.updatedAt }) : api.createAction({ data: d });
    },
    savedHref: (a) => `#/actions/${a.id}`,
  });
  const d = f.draft;
  const enumOptions = <T extends string>(list: readonly T[], key: 'status' | 'textLanguage') => list.map((c) => ({ code: c, label: t(`enums.${key}.${c}` as never) }));
  const heading = record ? t('actions.editTitle', { code: record.code }) : t('actions.new');

  return (
    <div className="page form-page">
      <h1>{heading}</h1>
      {f.dirty && <p className="unsaved-badge">{t('form.unsaved')}</p>}
      {f.view}
      <form onSubmit={f.onSubmit} noValidate aria-label={heading}>
        <Fieldset legend={t('types.action')}>
          <TextField label={t('actions.code')} required value={d.code} onChange={(v) => f.set('code', v)} error={f.error('code')} />
          <SelectField label={t('actions.status')} value={d.status ?? 'completed'} onChange={(v) => f.set('status', v as Draft['status'])} options={enumOptions(ACTION_STATUSES, 'status')} />
          <TextField label={t('actions.titleEn')} wide value={d.titleEn ?? ''} onChange={(v) => f.set('titleEn', nz(v))} error={f.error('titleEn')} />
          <TextField label={t('actions.titleFr')} wide value={d.titleFr ?? ''} onChange={(v) => f.set('titleFr', nz(v))} error={f.error('titleFr')} />
          <TextField label={t('actions.startDate')} hint={t('actions.dateHint')} value={d.startDate ?? ''} onChange={(v) => f.set('startDate', nz(v))} error={f.error('startDate')} />
          <TextField label={t('actions.endDate')} hint={t('actions.dateHint')} value={d.endDate ?? ''} onChange={(v) => f.set('endDate', nz(v))} error={f.error('endDate')} />
          <SelectField label={t('actions.language')} value={d.language ?? 'en'} onChange={(v) => f.set('language', v as Draft['language'])} options={enumOptions(TEXT_LANGUAGES, 'textLanguage')} />
          <LinesField label={t('actions.aliases')} hint={t('actions.aliasesHint')} value={d.aliases ?? []} onChange={(v) => f.set('aliases', v)} error={f.error('aliases')} />
        </Fieldset>
        <Fieldset legend={`${t('actions.domain')} · ${t('actions.countries')}`}>
          <SelectField label={t('actions.domain')} required value={d.domain} emptyLabel="—" onChange={(v) => f.set('domain', v as Draft['domain'])} options={labels.options('domain')} error={f.error('domain')} />
          <SelectField label={t('actions.region')} value={d.region ?? ''} emptyLabel="—" onChange={(v) => f.set('region', (nz(v) as Draft['region']) ?? null)} options={labels.options('region')} error={f.error('region')} />
          <CodePicker label={t('actions.topics')} value={d.topics ?? []} onChange={(v) => f.set('topics', v as Draft['topics'])} options={labels.options('topic')} error={f.error('topics')} />
          <CodePicker label={t('actions.impactAxes')} value={d.impactAxes ?? []} onChange={(v) => f.set('impactAxes', v as Draft['impactAxes'])} options={labels.options('axis')} error={f.error('impactAxes')} />
          <CodePicker label={t('actions.countries')} value={d.countries ?? []} onChange={(v) => f.set('countries', v)} options={labels.options('country')} error={f.error('countries')} />
          <CodePicker label={t('actions.expertCountries')} value={d.expertCountries ?? []} onChange={(v) => f.set('expertCountries', v)} options={labels.options('country')} error={f.error('expertCountries')} />
          <LinesField label={t('actions.partners')} hint={t('actions.partnersHint')} value={d.partners ?? []} onChange={(v) => f.set('partners', v)} error={f.error('partners')} />
        </Fieldset>
        <Fieldset legend={t('actions.summary')}>
          <TextArea label={t('actions.summary')} rows={5} value={d.summary ?? ''} onChange={(v) => f.set('summary', nz(v))} error={f.error('summary')} />
          <TextArea label={t('actions.objectives')} value={d.objectives ?? ''} onChange={(v) => f.set('objectives', nz(v))} error={f.error('objectives')} />
          <TextArea label={t('actions.activities')} value={d.activities ?? ''} onChange={(v) => f.set('activities', nz(v))} error={f.error('activities')} />
          <TextArea label={t('actions.results')} value={d.results ?? ''} onChange={(v) => f.set('results', nz(v))} error={f.error('results')} />
          <RecordPicker label={t('actions.relatedActions')} hint={t('actions.relatedHint')} type="action" multiple value={d.relatedActions ?? []} exclude={record ? [record.id] : []} onChange={(v) => f.set('relatedActions', v)} error={f.error('relatedActions')} />
          <TextField label={t('actions.publicUrl')} type="url" value={d.publicUrl ?? ''} onChange={(v) => f.set('publicUrl', nz(v))} error={f.error('publicUrl')} />
          <TextArea label={t('actions.notes')} value={d.notes ?? ''} onChange={(v) => f.set('notes', nz(v))} error={f.error('notes')} />
        </Fieldset>
        <FormButtons saving={f.saving} cancelHref={record ? `#/actions/${record.id}` : '#/actions'} />
      </form>
    </div>
  );
}
