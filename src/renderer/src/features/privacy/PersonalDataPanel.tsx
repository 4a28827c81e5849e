// The data-protection rights on an expert's page: withdraw consent, restrict processing, export
// everything held about the person (JSON and a readable page), erase. Each asks first, except the
// exports, which change nothing.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KbError, KbResult } from '../../../../shared/api';
import type { Expert } from '../../../../shared/schemas';
import { refreshAfterChange, useServices } from '../../app/context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { downloadFile, fileSafe } from '../../components/download';
import { ErrorNotice } from '../../components/ErrorNotice';
import { EraseButton } from './EraseButton';

type Step = 'withdraw' | 'restrict';

export function PersonalDataPanel({ expert, onChanged }: { expert: Expert; onChanged(): void }) {
  const { t } = useTranslation();
  const services = useServices();
  const { api } = services;
  const [asking, setAsking] = useState<Step | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<KbError | null>(null);
  const name = `${expert.givenName} ${expert.familyName}`;
  const withdrawn = expert.consent.withdrawnOn !== null;

  const apply = async (call: Promise<KbResult<unknown>>, message: string) => {
    setAsking(null);
    setError(null);
    const r = await call;
    if (!r.ok) return setError(r.error);
    setDone(message);
    refreshAfterChange(services, 'expert');
    onChanged();
  };

  const exportData = async (format: 'json' | 'html') => {
    setError(null);
    const r = await api.exportExpertData({ id: expert.id });
    if (!r.ok) return setError(r.error);
    const { html, ...data } = r.value;
    const file = `personal-data-${fileSafe(name)}.${format}`;
    if (format === 'json') downloadFile(file, JSON.stringify(data, null, 2), 'application/json');
    else downloadFile(file, html, 'text/html');
    setDone(t('privacy.exportedFile', { file }));
  };

  return (
    <section className="related personal-data" aria-labelledby="personal-data-title">
      <h2 id="personal-data-title">{t('privacy.title')}</h2>
      <p className="hint">{t('privacy.help')}</p>
      {(withdrawn || expert.restricted) && <p className="hidden-note">{t('privacy.hiddenNote')}</p>}
      <div className="actions-bar">
        {!withdrawn && (
          <button type="button" onClick={() => setAsking('withdraw')}>
            {t('privacy.withdraw')}
          </button>
        )}
        {expert.restricted ? (
          <button type="button" onClick={() => void apply(api.restrictExpert({ id: expert.id, restricted: false }), t('privacy.unrestricted', { name }))}>
            {t('privacy.unrestrict')}
          </button>
        ) : (
          <button type="button" onClick={() => setAsking('restrict')}>
            {t('privacy.restrict')}
          </button>
        )}
        <button type="button" onClick={() => void exportData('json')}>
          {t('privacy.exportJson')}
        </button>
        <button type="button" onClick={() => void exportData('html')}>
          {t('privacy.exportHtml')}
        </button>
        <EraseButton id={expert.id} name={name} />
      </div>
      {done && (
        <p role="status" className="done">
          {done}
        </p>
      )}
      {error && <ErrorNotice what={t('privacy.failed', { message: error.message })} error={error} />}
      {asking && (
        <ConfirmDialog
          title={t(asking === 'withdraw' ? 'privacy.withdrawTitle' : 'privacy.restrictTitle', { name })}
          body={t(asking === 'withdraw' ? 'privacy.withdrawBody' : 'privacy.restrictBody', { name })}
          confirmLabel={t(asking === 'withdraw' ? 'privacy.withdraw' : 'privacy.restrict')}
          cancelLabel={t('common.cancel')}
          danger
          onCancel={() => setAsking(null)}
          onConfirm={() =>
            void (asking === 'withdraw'
              ? apply(api.withdrawConsent({ id: expert.id }), t('privacy.withdrawn', { name }))
              : apply(api.restrictExpert({ id: expert.id, restricted: true }), t('privacy.restricted', { name })))
          }
        />
      )}
    </section>
  );
}
