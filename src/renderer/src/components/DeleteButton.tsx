// Delete, after a confirmation that names what goes; a failure is shown and nothing moves.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbError, KbResult } from '../../../shared/api';
import { navigate } from '../app/router';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorNotice } from './ErrorNotice';

export function DeleteButton({ question, remove, then }: { question: string; remove(): Promise<KbResult<unknown>>; then: string }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<KbError | null>(null);
  return (
    <>
      <button type="button" className="danger" onClick={() => setAsking(true)}>
        {t('common.delete')}
      </button>
      {asking && (
        <ConfirmDialog
          title={t('form.confirmDelete')}
          body={question}
          confirmLabel={t('common.delete')}
          cancelLabel={t('common.cancel')}
          danger
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            void remove().then((r) => (r.ok ? navigate(then) : setError(r.error)));
          }}
        />
      )}
      {error && <ErrorNotice what={t('errors.delete', { message: error.message })} error={error} />}
    </>
  );
}
