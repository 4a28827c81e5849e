// Erasure is irreversible, so the confirmation asks for the person's name to be typed; afterwards
// the app goes to the roster, which says who was erased.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbError } from '../../../../shared/api';
import { refreshAfterChange, useServices } from '../../app/context';
import { navigate } from '../../app/router';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';

export function EraseButton({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  const services = useServices();
  const [asking, setAsking] = useState(false);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<KbError | null>(null);
  const inputId = useId();
  const matches = typed.trim().toLocaleLowerCase() === name.trim().toLocaleLowerCase();

  const erase = async () => {
    setAsking(false);
    const r = await services.api.eraseExpert({ id });
    if (!r.ok) return setError(r.error);
    services.safety.getState().showFlash({ message: t('privacy.erased', { name }), path: '/roster' });
    refreshAfterChange(services, 'all');
    navigate('/roster');
  };

  return (
    <>
      <button type="button" className="danger" onClick={() => (setTyped(''), setAsking(true))}>
        {t('privacy.erase')}
      </button>
      {asking && (
        <ConfirmDialog
          title={t('privacy.eraseTitle', { name })}
          body={t('privacy.eraseBody')}
          confirmLabel={t('privacy.eraseConfirm')}
          cancelLabel={t('common.cancel')}
          danger
          canConfirm={matches}
          onCancel={() => setAsking(false)}
          onConfirm={() => void erase()}
        >
          <div className="field">
            <label htmlFor={inputId}>{t('privacy.eraseType', { name })}</label>
            <input id={inputId} value={typed} autoComplete="off" spellCheck={false} onChange={(e) => setTyped(e.target.value)} />
          </div>
        </ConfirmDialog>
      )}
      {error && <ErrorNotice what={t('privacy.failed', { message: error.message })} error={error} />}
    </>
  );
}
