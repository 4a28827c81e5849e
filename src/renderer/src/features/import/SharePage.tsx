// Sharing with a colleague: export the Actions of the current Actions-list selection as a bundle
// (their lessons, deployments and deployed experts come along), and import a colleague's bundle
// after a dry run that shows what it changes and lets the user settle each conflict.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BundleConflict, BundleReport, KbError } from '../../../../shared/api';
import { useApi, useServices } from '../../app/context';
import type { Route } from '../../app/router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAction } from '../../components/useAction';
import { useCall } from '../../components/useCall';
import { actionFilters, selectedFilters } from '../actions/actionFilters';
import { BusyNote } from './BusyNote';
import { FilePicker } from './FilePicker';
import { download, readText } from './files';

const ENTITIES = ['actions', 'lessons', 'experts', 'deployments'] as const;
type Keep = 'local' | 'incoming';

export function SharePage({ route }: { route: Route }) {
  const { t } = useTranslation();
  return (
    <div className="page share">
      <div className="page-head">
        <h1>{t('share.title')}</h1>
      </div>
      <p className="lead">{t('share.intro')}</p>
      <ExportBundle params={route.params} />
      <ImportBundle />
    </div>
  );
}

function ExportBundle({ params }: { params: URLSearchParams }) {
  const { t } = useTranslation();
  const api = useApi();
  const filters = selectedFilters(actionFilters(params));
  const key = params.toString();
  const count = useCall(() => api.listActions({ ...filters, pageSize: 1 }), [api, key]);
  const exporting = useAction(() => api.exportBundle({ filters: filters ?? undefined }));
  const { busy, error, value: done } = exporting;
  const message = done ? t('share.exported', { count: done.count, file: done.fileName }) : '';

  const run = async () => {
    const file = await exporting.run();
    if (file) download(file);
  };

  return (
    <section className="card" aria-labelledby="share-export">
      <h2 id="share-export">{t('share.exportSection')}</h2>
      <p>{filters ? (count.value ? t('share.selectionCount', { count: count.value.total }) : t('common.loading')) : t('share.allActions')}</p>
      {count.error && <ErrorNotice what={t('errors.load', { what: t('share.selection') })} error={count.error} onRetry={count.reload} />}
      <div className="actions-bar">
        <button type="button" className="primary" disabled={busy || count.value?.total === 0} onClick={() => void run()}>
          {t('share.export')}
        </button>
        <a className="button" href={`#/actions${key ? `?${key}` : ''}`}>
          {t('share.changeSelection')}
        </a>
      </div>
      <p className="hint" aria-live="polite">
        {message}
      </p>
      {error && <ErrorNotice what={t('share.exportFailed')} error={error} />}
    </section>
  );
}

function ImportBundle() {
  const { t } = useTranslation();
  const { api, roster } = useServices();
  const [bundle, setBundle] = useState<unknown>(null);
  const [dryRun, setDryRun] = useState<BundleReport | null>(null);
  const [result, setResult] = useState<BundleReport | null>(null);
  const [keep, setKeep] = useState<Record<string, Keep>>({});
  const [busy, setBusy] = useState<'checking' | 'importing' | null>(null);
  const [failure, setFailure] = useState<{ what: string; error: KbError } | null>(null);

  const onFile = async (file: File) => {
    setDryRun(null);
    setResult(null);
    setBundle(null);
    setBusy('checking');
    let doc: unknown;
    try {
      doc = JSON.parse(await readText(file));
    } catch (err) {
      setBusy(null);
      return setFailure({ what: t('share.checkFailed'), error: { code: 'INVALID', message: t('share.notJson', { name: file.name, message: (err as Error).message }) } });
    }
    const r = await api.importBundle({ document: doc, dryRun: true });
    setBusy(null);
    if (!r.ok) return setFailure({ what: t('share.checkFailed'), error: r.error });
    setFailure(null);
    setBundle(doc);
    setDryRun(r.value);
    // This knowledge base's version stays unless the user chooses the bundle's.
    setKeep(Object.fromEntries((r.value.sync?.conflicts ?? []).map((c) => [c.id, 'local' as Keep])));
  };

  const apply = async () => {
    setBusy('importing');
    const r = await api.importBundle({ document: bundle, dryRun: false, resolutions: Object.entries(keep).map(([id, k]) => ({ id, keep: k })) });
    setBusy(null);
    if (!r.ok) return setFailure({ what: t('share.importFailed'), error: r.error });
    setFailure(null);
    setDryRun(null);
    setResult(r.value);
    void roster.getState().reload();
  };

  return (
    <section className="card" aria-labelledby="share-import">
      <h2 id="share-import">{t('share.importSection')}</h2>
      <FilePicker label={t('share.file')} accept=".json,application/json" disabled={busy !== null} onFile={(f) => void onFile(f)} />
      {busy && <BusyNote label={t(`share.${busy}`)} progress={null} />}
      {failure && <ErrorNotice what={failure.what} error={failure.error} />}
      {dryRun && (
        <>
          <h3>{t('share.dryRun')}</h3>
          <BundleSummary report={dryRun} />
          {dryRun.sync && <Conflicts conflicts={dryRun.sync.conflicts} keep={keep} onKeep={(id, k) => setKeep((m) => ({ ...m, [id]: k }))} />}
          <p>
            <button type="button" className="primary" disabled={busy !== null} onClick={() => void apply()}>
              {t('share.apply')}
            </button>
          </p>
        </>
      )}
      {result && (
        <>
          <h3>{t('share.applied')}</h3>
          <p role="status">{t('share.done')}</p>
          <BundleSummary report={result} />
        </>
      )}
    </section>
  );
}

function BundleSummary({ report }: { report: BundleReport }) {
  const { t } = useTranslation();
  const sync = report.sync;
  return (
    <>
      <table className="data-table bundle-counts">
        <thead>
          <tr>
            <th scope="col">{t('share.entity')}</th>
            <th scope="col">{t('share.created')}</th>
            <th scope="col">{t('share.updated')}</th>
            <th scope="col">{t('share.unchanged')}</th>
            <th scope="col">{t('share.rejected')}</th>
          </tr>
        </thead>
        <tbody>
          {ENTITIES.map((e) => (
            <tr key={e}>
              <th scope="row">{t(`share.entities.${e}`)}</th>
              <td>{report[e].created}</td>
              <td>{report[e].updated}</td>
              <td>{report[e].unchanged}</td>
              <td>{report[e].rejected}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {sync && (
        <ul className="sync-facts">
          <li>{t('share.kept', { count: sync.kept })}</li>
          <li>{t('share.deleted', { count: sync.deleted })}</li>
          <li>{t('share.alreadyDeleted', { count: sync.alreadyDeleted })}</li>
        </ul>
      )}
      {report.rejections.length > 0 && (
        <>
          <h4>{t('share.rejections')}</h4>
          <ul className="plain">
            {report.rejections.slice(0, 200).map((r, i) => (
              <li key={i}>{r.path ? `${r.path}: ${r.reason}` : r.reason}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function Conflicts({ conflicts, keep, onKeep }: { conflicts: BundleConflict[]; keep: Record<string, Keep>; onKeep(id: string, k: Keep): void }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  if (!conflicts.length) return <p>{t('share.noConflict')}</p>;
  return (
    <>
      <h4>{t('share.conflicts')}</h4>
      <p className="hint">{t('share.conflictsHelp')}</p>
      <ul className="confirm-rows">
        {conflicts.map((c) => (
          <li key={c.id}>
            <fieldset>
              <legend>
                {c.type === 'deployment' ? t('share.deployment') : t(`types.${c.type}`)} · {c.label} — {t(`share.reasons.${c.reason}`)}
              </legend>
              {(['local', 'incoming'] as const).map((k) => (
                <label key={k} className="choice">
                  <input type="radio" name={`keep-${c.id}`} checked={keep[c.id] === k} onChange={() => onKeep(c.id, k)} />
                  <span>
                    {t(k === 'local' ? 'share.keepLocal' : 'share.keepIncoming')}{' '}
                    <span className="hint">{t(k === 'local' ? 'share.localVersion' : 'share.incomingVersion', { date: when(k === 'local' ? c.localUpdatedAt : c.incomingUpdatedAt) })}</span>
                  </span>
                </label>
              ))}
            </fieldset>
          </li>
        ))}
      </ul>
    </>
  );
}
