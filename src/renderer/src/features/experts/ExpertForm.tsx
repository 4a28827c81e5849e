// Create or edit an expert's profile, with languages and levels, topics, availability and consent.
import { useTranslation } from 'react-i18next';
import { AVAILABILITIES, CEFR_LEVELS, CONSENT_BASES, EXPERT_SECTORS, ROSTER_STATUSES } from '../../../../shared/reference';
import { EXPERT_DEFAULTS, ExpertData, type Expert, type ExpertInput } from '../../../../shared/schemas';
import { useApi } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { CheckboxField, CodePicker, Fieldset, SelectField, TextArea, TextField } from '../../components/fields';
import { FormButtons } from '../../components/FormButtons';
import { useLabels } from '../../components/labels';
import { useCall } from '../../components/useCall';
import { useRecordForm, type RecordForm } from '../../components/useRecordForm';

type Draft = ExpertInput & { consent: NonNullable<ExpertInput['consent']>; languages: NonNullable<ExpertInput['languages']> };
const nz = (v: string) => (v.trim() === '' ? null : v);

function toDraft(e?: Expert): Draft {
  const base = { ...EXPERT_DEFAULTS, givenName: '', familyName: '' } as Draft;
  if (!e) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const k of Object.keys(base)) out[k] = (e as unknown as Record<string, unknown>)[k];
  return out as Draft;
}

export function ExpertForm({ id }: { id?: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const existing = useCall(() => (id ? api.getExpert({ id }) : Promise.resolve({ ok: true as const, value: null })), [api, id]);
  if (existing.error) return <ErrorNotice what={t('errors.load', { what: t('types.expert') })} error={existing.error} onRetry={existing.reload} />;
  if (existing.loading) return <p>{t('common.loading')}</p>;
  return <ExpertEditor record={existing.value ?? undefined} />;
}

function ExpertEditor({ record }: { record?: Expert }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useLabels();
  const f = useRecordForm({
    initial: toDraft(record),
    schema: ExpertData,
    save: (data) => (record ? api.updateExpert({ id: record.id, data, expectedUpdatedAt: record.updatedAt }) : api.createExpert({ data })),
    savedHref: (e) => `#/experts/${e.id}`,
  });
  const d = f.draft;
  const opts = <T extends string>(list: readonly T[], key: 'sector' | 'status' | 'rosterStatus' | 'basis') => list.map((c) => ({ code: c, label: t(`enums.${key}.${c}` as never) }));
  const heading = record ? t('experts.editTitle', { name: `${record.givenName} ${record.familyName}` }) : t('experts.new');
  const consent = (patch: Partial<Draft['consent']>) => f.set('consent', { ...d.consent, ...patch });
  return (
    <div className="page form-page">
      <h1>{heading}</h1>
      {f.dirty && <p className="unsaved-badge">{t('form.unsaved')}</p>}
      {f.view}
      <form onSubmit={f.onSubmit} noValidate aria-label={heading}>
        <Fieldset legend={t('types.expert')}>
          <TextField label={t('experts.givenName')} required value={d.givenName} onChange={(v) => f.set('givenName', v)} error={f.error('givenName')} />
          <TextField label={t('experts.familyName')} required value={d.familyName} onChange={(v) => f.set('familyName', v)} error={f.error('familyName')} />
          <TextField label={t('experts.email')} type="email" value={d.email ?? ''} onChange={(v) => f.set('email', nz(v))} error={f.error('email')} />
          <TextField label={t('experts.phone')} type="tel" value={d.phone ?? ''} onChange={(v) => f.set('phone', nz(v))} error={f.error('phone')} />
          <TextField label={t('experts.institution')} value={d.institution ?? ''} onChange={(v) => f.set('institution', nz(v))} error={f.error('institution')} />
          <TextField label={t('experts.position')} value={d.position ?? ''} onChange={(v) => f.set('position', nz(v))} error={f.error('position')} />
          <SelectField label={t('experts.memberState')} value={d.memberState ?? ''} emptyLabel="—" onChange={(v) => f.set('memberState', nz(v))} options={memberStates(labels)} error={f.error('memberState')} />
          <SelectField label={t('experts.sector')} value={d.sector ?? 'public_administration'} onChange={(v) => f.set('sector', v as Draft['sector'])} options={opts(EXPERT_SECTORS, 'sector')} />
        </Fieldset>
        <Fieldset legend={`${t('experts.languages')} · ${t('experts.topics')}`}>
          <LanguagesEditor f={f} />
          <CodePicker label={t('experts.topics')} value={d.topics ?? []} onChange={(v) => f.set('topics', v as Draft['topics'])} options={labels.options('topic')} error={f.error('topics')} />
          <TextArea label={t('experts.expertise')} value={d.expertise ?? ''} onChange={(v) => f.set('expertise', nz(v))} error={f.error('expertise')} />
        </Fieldset>
        <Fieldset legend={`${t('experts.availability')} · ${t('experts.consent')}`}>
          <SelectField label={t('experts.availability')} value={d.availability ?? 'available'} onChange={(v) => f.set('availability', v as Draft['availability'])} options={opts(AVAILABILITIES, 'status')} />
          <TextField label={t('experts.availabilityNote')} value={d.availabilityNote ?? ''} onChange={(v) => f.set('availabilityNote', nz(v))} error={f.error('availabilityNote')} />
          <SelectField label={t('experts.rosterStatus')} value={d.rosterStatus ?? 'active'} onChange={(v) => f.set('rosterStatus', v as Draft['rosterStatus'])} options={opts(ROSTER_STATUSES, 'rosterStatus')} />
          <TextField label={t('experts.lastConfirmedOn')} hint={t('actions.dateHint')} value={d.lastConfirmedOn ?? ''} onChange={(v) => f.set('lastConfirmedOn', nz(v))} error={f.error('lastConfirmedOn')} />
          <TextField label={t('experts.consentGivenOn')} hint={t('actions.dateHint')} value={d.consent.givenOn ?? ''} onChange={(v) => consent({ givenOn: nz(v) })} error={f.error('consent.givenOn')} />
          <SelectField label={t('experts.consentBasis')} value={d.consent.basis ?? ''} emptyLabel="—" onChange={(v) => consent({ basis: nz(v) as Draft['consent']['basis'] })} options={opts(CONSENT_BASES, 'basis')} error={f.error('consent.basis')} />
          <TextField label={t('experts.consentWithdrawnOn')} hint={t('actions.dateHint')} value={d.consent.withdrawnOn ?? ''} onChange={(v) => consent({ withdrawnOn: nz(v) })} error={f.error('consent.withdrawnOn')} />
          <CheckboxField label={t('experts.restricted')} checked={!!d.restricted} onChange={(v) => f.set('restricted', v)} />
          <TextArea label={t('experts.notes')} value={d.notes ?? ''} onChange={(v) => f.set('notes', nz(v))} error={f.error('notes')} />
        </Fieldset>
        <FormButtons saving={f.saving} cancelHref={record ? `#/experts/${record.id}` : '#/roster'} />
      </form>
    </div>
  );
}

/** EU Member States first: experts are public officials of Member State administrations. */
export function memberStates(labels: ReturnType<typeof useLabels>) {
  const eu = new Set((labels.reference?.countries ?? []).filter((c) => c.euMember).map((c) => c.code));
  const all = labels.options('country');
  return [...all.filter((o) => eu.has(o.code)), ...all.filter((o) => !eu.has(o.code))];
}

function LanguagesEditor({ f }: { f: RecordForm<Draft> }) {
  const { t } = useTranslation();
  const labels = useLabels();
  const list = f.draft.languages;
  const update = (i: number, patch: Partial<(typeof list)[number]>) => f.set('languages', list.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <fieldset className="field wide languages-editor">
      <legend>{t('experts.languages')}</legend>
      {list.map((l, i) => (
        <div key={i} className="language-row">
          <SelectField label={`${t('experts.language')} ${i + 1}`} value={l.code} emptyLabel="—" onChange={(v) => update(i, { code: v })} options={labels.options('language')} error={f.error(`languages[${i}].code`)} />
          <SelectField label={t('experts.level')} value={l.level} onChange={(v) => update(i, { level: v as (typeof CEFR_LEVELS)[number] })} options={CEFR_LEVELS.map((c) => ({ code: c, label: t(`enums.level.${c}`) }))} error={f.error(`languages[${i}].level`)} />
          <button type="button" className="icon-button" aria-label={t('experts.removeLanguage', { n: i + 1 })} onClick={() => f.set('languages', list.filter((_, j) => j !== i))}>
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => f.set('languages', [...list, { code: '', level: 'B2' }])}>
        + {t('experts.addLanguage')}
      </button>
      {f.error('languages') && <span className="field-error">{f.error('languages')}</span>}
    </fieldset>
  );
}
