// Record or edit one expert's deployment to an Action (role, activity, dates, feedback).
import { useTranslation } from 'react-i18next';
import { ACTIVITY_TYPES, DEPLOYMENT_ROLES } from '../../../../shared/reference';
import { DEPLOYMENT_DEFAULTS, DeploymentData, type Deployment, type DeploymentInput } from '../../../../shared/schemas';
import { useApi } from '../../app/context';
import { DeleteButton } from '../../components/DeleteButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Fieldset, SelectField, TextArea, TextField } from '../../components/fields';
import { FormButtons } from '../../components/FormButtons';
import { RecordPicker } from '../../components/RecordPicker';
import { useCall } from '../../components/useCall';
import { useRecordForm } from '../../components/useRecordForm';

type Draft = DeploymentInput;
const nz = (v: string) => (v.trim() === '' ? null : v);
/** Numbers typed in a text box: empty is "not known", anything else must be a whole number. */
const num = (v: string): number | null => (v.trim() === '' ? null : Number(v));

function toDraft(d: Deployment | undefined, actionId?: string | null, expertId?: string | null): Draft {
  const base: Draft = { ...DEPLOYMENT_DEFAULTS, expert: expertId ?? '', action: actionId ?? '' };
  if (!d) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const k of Object.keys(base)) out[k] = (d as unknown as Record<string, unknown>)[k];
  return out as Draft;
}

export function DeploymentForm({ id, actionId, expertId }: { id?: string; actionId?: string | null; expertId?: string | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const existing = useCall(() => (id ? api.getDeployment({ id }) : Promise.resolve({ ok: true as const, value: null })), [api, id]);
  if (existing.error) return <ErrorNotice what={t('errors.load', { what: t('deployments.editTitle') })} error={existing.error} onRetry={existing.reload} />;
  if (existing.loading) return <p>{t('common.loading')}</p>;
  return <DeploymentEditor record={existing.value ?? undefined} actionId={actionId} expertId={expertId} />;
}

function DeploymentEditor({ record, actionId, expertId }: { record?: Deployment; actionId?: string | null; expertId?: string | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const f = useRecordForm({
    initial: toDraft(record, actionId, expertId),
    schema: DeploymentData,
    save: (data) => (record ? api.updateDeployment({ id: record.id, data, expectedUpdatedAt: record.updatedAt }) : api.createDeployment({ data })),
    savedHref: (d) => `#/actions/${d.action}`,
  });
  const d = f.draft;
  const heading = record ? t('deployments.editTitle') : t('deployments.new');
  const back = record ? `#/actions/${record.action}` : actionId ? `#/actions/${actionId}` : expertId ? `#/experts/${expertId}` : '#/roster';
  return (
    <div className="page form-page">
      <div className="page-head">
        <h1>{heading}</h1>
        {record && (
          <div className="actions-bar">
            <DeleteButton question={t('deployments.deleteConfirm', { expert: record.expertName, action: record.actionCode })} remove={() => api.deleteDeployment({ id: record.id })} then={`#/actions/${record.action}`} />
          </div>
        )}
      </div>
      {f.dirty && <p className="unsaved-badge">{t('form.unsaved')}</p>}
      {f.view}
      <form onSubmit={f.onSubmit} noValidate aria-label={heading}>
        <Fieldset legend={`${t('deployments.expert')} · ${t('deployments.action')}`}>
          <RecordPicker label={t('deployments.expert')} type="expert" value={d.expert ? [d.expert] : []} onChange={(v) => f.set('expert', v[0] ?? '')} error={f.error('expert')} />
          <RecordPicker label={t('deployments.action')} type="action" value={d.action ? [d.action] : []} onChange={(v) => f.set('action', v[0] ?? '')} error={f.error('action')} />
          <SelectField label={t('deployments.role')} value={d.role ?? 'expert'} onChange={(v) => f.set('role', v as Draft['role'])} options={DEPLOYMENT_ROLES.map((c) => ({ code: c, label: t(`enums.role.${c}`) }))} />
          <SelectField label={t('deployments.activityType')} value={d.activityType ?? 'other'} onChange={(v) => f.set('activityType', v as Draft['activityType'])} options={ACTIVITY_TYPES.map((c) => ({ code: c, label: t(`enums.activity.${c}`) }))} />
          <TextField label={t('deployments.startDate')} hint={t('actions.dateHint')} value={d.startDate ?? ''} onChange={(v) => f.set('startDate', nz(v))} error={f.error('startDate')} />
          <TextField label={t('deployments.endDate')} hint={t('actions.dateHint')} value={d.endDate ?? ''} onChange={(v) => f.set('endDate', nz(v))} error={f.error('endDate')} />
          <TextField label={t('deployments.days')} type="number" value={d.days === null || d.days === undefined ? '' : String(d.days)} onChange={(v) => f.set('days', num(v))} error={f.error('days')} />
          <TextField label={t('deployments.location')} value={d.location ?? ''} onChange={(v) => f.set('location', nz(v))} error={f.error('location')} />
          <TextField label={t('deployments.rating')} type="number" value={d.rating === null || d.rating === undefined ? '' : String(d.rating)} onChange={(v) => f.set('rating', num(v))} error={f.error('rating')} />
          <TextArea label={t('deployments.feedback')} value={d.feedback ?? ''} onChange={(v) => f.set('feedback', nz(v))} error={f.error('feedback')} />
        </Fieldset>
        <FormButtons saving={f.saving} cancelHref={back} />
      </form>
    </div>
  );
}
