// Checked once at start (and again after a restore): a damaged database is read-only, so the app
// says so in plain words, offers the last backup that passes its checks, and saves what can still
// be read as an exchange file.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useServices } from '../../app/context';
import { downloadFile } from '../../components/download';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useLabels } from '../../components/labels';
import { useAction } from '../../components/useAction';
import { useCall } from '../../components/useCall';
import { describeCounts, formatDateTime } from './format';
import { RestoreButton } from './RestoreButton';

export function DamagedDatabaseNotice() {
  const { t } = useTranslation();
  const { api, safety } = useServices();
  const generation = useStore(safety, (s) => s.generation);
  const health = useCall(() => api.getDatabaseHealth({}), [api, generation]);
  const { lang } = useLabels();
  const [exported, setExported] = useState<string | null>(null);
  const readable = useAction(() => api.exportReadable({}));
  const h = health.value;
  if (h?.state !== 'damaged') return null;
  const backup = h.lastVerifiedBackup;

  const exportReadable = async () => {
    const r = await readable.run();
    if (!r) return;
    const { document: doc, problems } = r;
    const file = `readable-${new Date().toISOString().slice(0, 10)}.mieux-kb.json`;
    downloadFile(file, JSON.stringify(doc, null, 2), 'application/json');
    const counts = describeCounts(t, { actions: doc.actions.length, lessons: doc.lessons.length, experts: doc.experts.length, deployments: doc.deployments.length });
    setExported(`${t('recovery.exported', { file, counts })}${problems.length ? ` ${t('recovery.unreadable', { count: problems.length })}` : ''}`);
  };

  return (
    <section className="damaged-notice" role="alert" aria-labelledby="damaged-title">
      <h2 id="damaged-title">{t('recovery.title')}</h2>
      <p>{t('recovery.explain')}</p>
      <p>{t('recovery.whatToDo')}</p>
      <p className="damaged-backup">{backup ? t('recovery.backup', { date: formatDateTime(backup.createdAt, lang), counts: describeCounts(t, backup.counts) }) : t('recovery.noBackup')}</p>
      <div className="actions-bar">
        {backup && <RestoreButton backup={backup} label={t('recovery.restore')} primary />}
        <button type="button" disabled={readable.busy} onClick={() => void exportReadable()}>
          {t('recovery.export')}
        </button>
      </div>
      {exported && <p role="status">{exported}</p>}
      {readable.error && <ErrorNotice what={t('recovery.export')} error={readable.error} />}
      {h.problems.length > 0 && (
        <details>
          <summary>{t('recovery.details')}</summary>
          <ul className="plain">
            {h.problems.slice(0, 20).map((p) => (
              <li key={p}>
                <code>{p}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
