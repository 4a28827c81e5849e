// A record's history from the audit trail, newest first: when, who, what and which fields changed
// (named by their form labels; the trail never holds personal values). Loaded when opened.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntity } from '../../../../shared/safety-api';
import { useApi } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useLabels } from '../../components/labels';
import { useCall } from '../../components/useCall';
import { formatDateTime } from '../settings/format';
import { fieldLabel } from './fieldLabels';

/** `version` changes when the record did, so an open panel shows the newest entry. */
export function HistoryPanel({ entity, id, version }: { entity: AuditEntity; id: string; version?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <section className="related history">
      <h2>
        <button type="button" className="disclosure" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
          {t('history.title')}
        </button>
      </h2>
      <div id={panelId}>{open && <HistoryEntries entity={entity} id={id} version={version} />}</div>
    </section>
  );
}

function HistoryEntries({ entity, id, version }: { entity: AuditEntity; id: string; version?: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { lang } = useLabels();
  const history = useCall(() => api.getHistory({ entity, id }), [api, entity, id, version]);
  // The log sorts fields by code; a reader looks for a label in alphabetical order.
  const collator = new Intl.Collator(lang);
  if (history.error) return <ErrorNotice what={t('errors.load', { what: t('history.title') })} error={history.error} onRetry={history.reload} />;
  if (!history.value) return <p>{t('common.loading')}</p>;
  if (history.value.length === 0) return <p className="hint">{t('history.none')}</p>;
  return (
    <table className="data-table">
      <caption className="visually-hidden">{t('history.table')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('history.when')}</th>
          <th scope="col">{t('history.who')}</th>
          <th scope="col">{t('history.what')}</th>
          <th scope="col">{t('history.fields')}</th>
        </tr>
      </thead>
      <tbody>
        {history.value.map((e) => (
          <tr key={e.seq}>
            <td className="nowrap">{formatDateTime(e.at, lang)}</td>
            <td>{e.actor}</td>
            <td>{t(`history.action.${e.action}`)}</td>
            <td>
              {e.fields
                .map((f) => fieldLabel(t, entity, f))
                .sort(collator.compare)
                .join(', ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
