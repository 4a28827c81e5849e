// Settings: the database's health, its backups (make one, restore any in two clicks, how many
// automatic ones to keep), and the audit trail (the name written as "who", and a check that no
// entry was changed or removed).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { KbError } from '../../../../shared/api';
import { RETENTION_BOUNDS, type BackupInfo, type BackupRetention, type DatabaseHealth } from '../../../../shared/safety-api';
import { useServices } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/fields';
import { useLabels } from '../../components/labels';
import { useAction } from '../../components/useAction';
import { useCall, type Loaded } from '../../components/useCall';
import { describeCounts, formatBytes, formatDateTime } from './format';
import { RestoreButton } from './RestoreButton';

/** A gear: the header has no room for one more word in French, and the gear is understood everywhere. */
export function SettingsIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M19.14 12.94c.04-.3.06-.61.06-.94 0-.32-.02-.64-.07-.94l2.03-1.58a.49.49 0 0 0 .12-.61l-1.92-3.32a.49.49 0 0 0-.59-.22l-2.39.96c-.5-.38-1.03-.7-1.62-.94l-.36-2.54a.48.48 0 0 0-.48-.41h-3.84a.47.47 0 0 0-.47.41l-.36 2.54c-.59.24-1.13.57-1.62.94l-2.39-.96a.48.48 0 0 0-.59.22L2.74 8.87a.47.47 0 0 0 .12.61l2.03 1.58c-.05.3-.09.63-.09.94s.02.64.07.94l-2.03 1.58a.49.49 0 0 0-.12.61l1.92 3.32c.12.22.37.29.59.22l2.39-.96c.5.38 1.03.7 1.62.94l.36 2.54c.05.24.24.41.48.41h3.84c.24 0 .44-.17.47-.41l.36-2.54c.59-.24 1.13-.56 1.62-.94l2.39.96c.22.08.47 0 .59-.22l1.92-3.32a.48.48 0 0 0-.12-.61l-2.01-1.58zM12 15.6A3.6 3.6 0 1 1 12 8.4a3.6 3.6 0 0 1 0 7.2z"
      />
    </svg>
  );
}

export function SettingsTabs({ current }: { current: 'general' | 'review' }) {
  const { t } = useTranslation();
  const tabs = [
    { key: 'general', to: '#/settings', label: t('settings.general') },
    { key: 'review', to: '#/settings/review', label: t('settings.review') },
  ];
  return (
    <nav className="sub-nav" aria-label={t('settings.nav')}>
      {tabs.map((x) => (
        <a key={x.key} href={x.to} aria-current={x.key === current ? 'page' : undefined}>
          {x.label}
        </a>
      ))}
    </nav>
  );
}

export function SettingsPage() {
  const { t } = useTranslation();
  const { api, safety } = useServices();
  const generation = useStore(safety, (s) => s.generation);
  // A new backup can become the last verified one: the health is read again after each.
  const [made, setMade] = useState<BackupInfo | null>(null);
  const health = useCall(() => api.getDatabaseHealth({}), [api, generation, made]);
  return (
    <div className="page settings">
      <h1>{t('settings.title')}</h1>
      <SettingsTabs current="general" />
      <HealthCard health={health} />
      <BackupsCard health={health.value} made={made} onMade={setMade} />
      <AuditCard />
    </div>
  );
}

function HealthCard({ health }: { health: Loaded<DatabaseHealth> }) {
  const { t } = useTranslation();
  const { lang } = useLabels();
  const h = health.value;
  return (
    <section className="card" aria-labelledby="health-title">
      <h2 id="health-title">{t('settings.health')}</h2>
      {health.error && <ErrorNotice what={t('errors.load', { what: t('settings.health') })} error={health.error} onRetry={health.reload} />}
      {h && (
        <>
          <p className={`status ${h.state === 'ok' ? 'fresh' : 'stale'}`}>{t(h.state === 'ok' ? 'settings.healthOk' : 'settings.healthDamaged')}</p>
          <dl className="record-facts flat">
            <div>
              <dt>{t('settings.checkedAt')}</dt>
              <dd>
                {formatDateTime(h.checkedAt, lang)} · {t(`settings.checkKind.${h.check}`)}
              </dd>
            </div>
            <div>
              <dt>{t('settings.lastVerified')}</dt>
              <dd>{h.lastVerifiedBackup ? formatDateTime(h.lastVerifiedBackup.createdAt, lang) : t('settings.noVerified')}</dd>
            </div>
            <div>
              <dt>{t('settings.file')}</dt>
              <dd>
                <code>{h.path}</code>
              </dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}

function BackupsCard({ health, made, onMade }: { health: DatabaseHealth | null; made: BackupInfo | null; onMade(b: BackupInfo): void }) {
  const { t } = useTranslation();
  const { api, safety } = useServices();
  const { lang } = useLabels();
  const generation = useStore(safety, (s) => s.generation);
  const backup = useAction(() => api.createBackup({}));
  const list = useCall(() => api.listBackups({}), [api, generation, made]);
  const latest = health?.lastVerifiedBackup?.path;

  return (
    <section className="card" aria-labelledby="backups-title">
      <div className="section-head">
        <h2 id="backups-title">{t('settings.backups')}</h2>
        <button type="button" className="primary" disabled={backup.busy} onClick={() => void backup.run().then((b) => b && onMade(b))}>
          {backup.busy ? t('settings.backingUp') : t('settings.backupNow')}
        </button>
      </div>
      {list.value && <p className="hint">{t('settings.backupsHelp', { dir: list.value.dir })}</p>}
      {made && (
        <p role="status" className="done">
          {t('settings.backedUp', { date: formatDateTime(made.createdAt, lang), counts: describeCounts(t, made.counts) })}
        </p>
      )}
      {backup.error && <ErrorNotice what={t('settings.backupFailed')} error={backup.error} />}
      {list.error && <ErrorNotice what={t('errors.load', { what: t('settings.backups') })} error={list.error} onRetry={list.reload} />}
      {list.value?.backups.length === 0 && <p className="empty">{t('settings.noBackups')}</p>}
      {list.value && list.value.backups.length > 0 && (
        <table className="data-table backups-table">
          <caption className="visually-hidden">{t('settings.backupsTable')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('settings.col.date')}</th>
              <th scope="col">{t('settings.col.reason')}</th>
              <th scope="col">{t('settings.col.size')}</th>
              <th scope="col">{t('settings.col.schema')}</th>
              <th scope="col">{t('settings.col.counts')}</th>
              <th scope="col">{t('settings.col.verified')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('settings.col.restore')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.value.backups.map((b) => (
              <tr key={b.path}>
                <td className="nowrap">{formatDateTime(b.createdAt, lang)}</td>
                <td>{t(`settings.reason.${b.reason}`)}</td>
                <td className="number nowrap">{formatBytes(b.bytes, lang)}</td>
                <td className="number">{b.schemaVersion}</td>
                <td>{describeCounts(t, b.counts)}</td>
                <td>{!b.present ? <span className="badge warn">{t('settings.missing')}</span> : b.path === latest ? t('settings.verifiedLatest') : t('settings.verifiedWhenMade')}</td>
                <td>{b.present && <RestoreButton backup={b} label={t('settings.restore')} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {/* Remade after a restore: the restored database has its own numbers. */}
      <RetentionForm key={generation} />
    </section>
  );
}

const RETENTION_FIELDS = Object.keys(RETENTION_BOUNDS) as (keyof BackupRetention)[];

/** How many automatic backups rotation keeps; a number the core refuses is shown on its field. */
function RetentionForm() {
  const { t } = useTranslation();
  const { api } = useServices();
  const settings = useCall(() => api.getBackupSettings({}), [api]);
  const [typed, setTyped] = useState<Partial<Record<keyof BackupRetention, string>>>({});
  const save = useAction((keep: BackupRetention) => api.setBackupSettings(keep));
  const current = settings.value;
  if (settings.error) return <ErrorNotice what={t('errors.load', { what: t('settings.keepTitle') })} error={settings.error} onRetry={settings.reload} />;
  if (!current) return null;

  const text = (f: keyof BackupRetention) => typed[f] ?? String(current[f]);
  const issues = save.error?.code === 'INVALID' ? (save.error.issues ?? []) : [];
  const refused = RETENTION_FIELDS.filter((f) => issues.some((i) => i.path === f));
  const fieldError = (f: keyof BackupRetention) => (refused.includes(f) ? t('settings.keepInvalid', RETENTION_BOUNDS[f]) : undefined);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Sent as typed: the core's bounds are the one check, and its answer names the field.
    void save.run({ keepDaily: Number(text('keepDaily')), keepSafety: Number(text('keepSafety')) });
  };

  return (
    <>
      <h3>{t('settings.keepTitle')}</h3>
      <p className="hint">{t('settings.keepHelp')}</p>
      <form className="keep-form" onSubmit={submit} noValidate>
        {RETENTION_FIELDS.map((f) => (
          <TextField
            key={f}
            type="number"
            label={t(`settings.${f}`)}
            hint={t('settings.keepDefault', { n: current.defaults[f] })}
            value={text(f)}
            onChange={(v) => setTyped((x) => ({ ...x, [f]: v }))}
            error={fieldError(f)}
          />
        ))}
        <button type="submit" className="primary" disabled={save.busy}>
          {t('settings.saveKeep')}
        </button>
      </form>
      {save.value && (
        <p role="status" className="done">
          {t('settings.keepSaved', { daily: save.value.keepDaily, safety: save.value.keepSafety })}
        </p>
      )}
      {save.error && refused.length === 0 && <ErrorNotice what={t('errors.save', { message: save.error.message })} error={save.error} />}
    </>
  );
}

function AuditCard() {
  const { t } = useTranslation();
  const { api } = useServices();
  const actor = useCall(() => api.getAuditActor({}), [api]);
  const [name, setName] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<KbError | null>(null);
  const verification = useAction(() => api.verifyAudit({}));
  const check = verification.value;
  const current = actor.value;
  const typed = name ?? (current?.source === 'setting' ? current.actor : '');

  const save = async (value: string | null) => {
    setError(null);
    const r = await api.setAuditActor({ name: value });
    if (!r.ok) return setError(r.error);
    setName(null);
    setSaved(t('settings.nameSaved', { name: r.value.actor }));
    actor.reload();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(typed.trim() || null);
  };

  return (
    <section className="card" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('settings.audit')}</h2>
      <p className="hint">{t('settings.auditHelp')}</p>
      <form className="actor-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="audit-actor">{t('settings.actorName')}</label>
          <input id="audit-actor" value={typed} maxLength={200} onChange={(e) => setName(e.target.value)} />
        </div>
        <button type="submit" className="primary">
          {t('settings.saveName')}
        </button>
        {current?.source === 'setting' && (
          <button type="button" onClick={() => void save(null)}>
            {t('settings.useOsName')}
          </button>
        )}
      </form>
      {current && <p className="hint">{t(current.source === 'os' ? 'settings.actorOs' : 'settings.actorSet', { name: current.actor })}</p>}
      {saved && (
        <p role="status" className="done">
          {saved}
        </p>
      )}
      <p>
        <button type="button" disabled={verification.busy} onClick={() => void verification.run()}>
          {verification.busy ? t('settings.verifying') : t('settings.verifyAudit')}
        </button>
      </p>
      {check?.ok && (
        <p role="status" className="done">
          {t('settings.auditOk', { count: check.entries })}
        </p>
      )}
      {check && !check.ok && (
        <div role="alert" className="error-notice">
          <p className="error-what">{t('settings.auditBroken')}</p>
          <ul className="plain">
            {check.problems.map((p) => (
              <li key={`${p.seq}:${p.problem}`}>
                {p.seq !== null && `${t('settings.auditEntry', { seq: p.seq })}: `}
                {p.problem}
              </li>
            ))}
          </ul>
        </div>
      )}
      {error && <ErrorNotice what={t('errors.save', { message: error.message })} error={error} />}
      {verification.error && <ErrorNotice what={t('settings.verifyAudit')} error={verification.error} />}
    </section>
  );
}
