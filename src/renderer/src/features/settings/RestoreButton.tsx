// Restore a backup in two clicks: the button, then the confirmation that says the current file is
// moved aside. The result stays on screen as a notice, since the page below is read again.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../../shared/safety-api';
import { refreshAfterChange, useServices } from '../../app/context';
import { useRoute } from '../../app/router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useLabels } from '../../components/labels';
import { useAction } from '../../components/useAction';
import { describeCounts, formatDateTime } from './format';

export function RestoreButton({ backup, label, primary }: { backup: BackupInfo; label: string; primary?: boolean }) {
  const { t } = useTranslation();
  const services = useServices();
  const { lang } = useLabels();
  const route = useRoute();
  const [asking, setAsking] = useState(false);
  const restoring = useAction(() => services.api.restoreBackup({ file: backup.path }));
  const date = formatDateTime(backup.createdAt, lang);

  const restore = async () => {
    setAsking(false);
    const r = await restoring.run();
    if (!r) return;
    const done = r.movedAside ? t('settings.restored', { date, movedAside: r.movedAside }) : t('settings.restoredNoPrevious', { date });
    const reapplied = r.erasuresReapplied ? ` ${t('settings.reapplied', { count: r.erasuresReapplied })}` : '';
    services.safety.getState().showFlash({ message: done + reapplied, path: route.path });
    refreshAfterChange(services, 'all');
    services.safety.getState().restored();
  };

  return (
    <>
      <button type="button" className={primary ? 'primary' : undefined} disabled={restoring.busy} aria-label={primary ? undefined : t('settings.restoreLabel', { date })} onClick={() => setAsking(true)}>
        {label}
      </button>
      {asking && (
        <ConfirmDialog
          title={t('settings.restoreTitle', { date })}
          body={t('settings.restoreBody', { date, counts: describeCounts(t, backup.counts) })}
          confirmLabel={t('settings.restore')}
          cancelLabel={t('common.cancel')}
          onCancel={() => setAsking(false)}
          onConfirm={() => void restore()}
        />
      )}
      {restoring.error && <ErrorNotice what={t('settings.restoreFailed')} error={restoring.error} />}
    </>
  );
}
