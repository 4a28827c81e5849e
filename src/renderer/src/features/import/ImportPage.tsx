// The roster import screen: pick a spreadsheet, check how it is read and what each column fills,
// see what every row would become before anything is written, decide the name-only matches,
// apply in one transaction, and undo it from the backup the core took just before.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ROSTER_DELIMITERS, ROSTER_ENCODINGS, ROSTER_FIELDS, type KbError, type RosterEncoding, type RosterField, type RosterImportReport, type RosterRow } from '../../../../shared/api';
import { ROSTER_MESSAGES_EN } from '../../../../shared/roster-messages';
import { useServices } from '../../app/context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { textByKey } from '../../components/labels';
import { BusyNote, type Progress } from './BusyNote';
import { FilePicker } from './FilePicker';
import { fitsRosterCap, mebibytes, readBase64 } from './files';

/** Longer lists are cut here: a 50,000-row file must not put 50,000 rows in the page. */
const LIST_CAP = 200;
const ENCODING_NAMES: Record<RosterEncoding, string> = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', 'windows-1252': 'Windows-1252' };
type Delimiter = (typeof ROSTER_DELIMITERS)[number];
const DELIMITER_KEYS = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const satisfies Record<Delimiter, string>;
const SPREADSHEETS = '.csv,.tsv,.txt,.xlsx,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const OUTCOMES = ['create', 'update', 'unchanged', 'confirm', 'rejected'] as const;

interface ReadOptions {
  encoding?: RosterEncoding;
  delimiter?: Delimiter;
  dateOrder: 'dmy' | 'mdy';
  sheet?: string;
  mapping?: (RosterField | null)[];
}
interface Picked {
  fileName: string;
  contentBase64: string;
}
type Busy = 'reading' | 'previewing' | 'applying' | 'undoing';
/** Per line of a name-only match: the expert to update, or null for a new one. */
type Decisions = Record<number, string | null>;

export function ImportPage() {
  const { t, i18n } = useTranslation();
  const { api, roster, events } = useServices();
  const [picked, setPicked] = useState<Picked | null>(null);
  const [opts, setOpts] = useState<ReadOptions>({ dateOrder: 'dmy' });
  const [preview, setPreview] = useState<RosterImportReport | null>(null);
  const [decisions, setDecisions] = useState<Decisions>({});
  const [result, setResult] = useState<RosterImportReport | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failure, setFailure] = useState<{ what: string; error: KbError } | null>(null);
  const [undo, setUndo] = useState<'asking' | 'done' | null>(null);
  // Only the latest preview is shown when the user changes options faster than the core answers.
  const generation = useRef(0);

  useEffect(
    () =>
      events((e) => {
        if (e.type === 'progress' && e.task === 'rosterImport') setProgress({ done: e.done, total: e.total });
      }),
    [events],
  );

  const run = async (file: Picked, next: ReadOptions) => {
    const gen = ++generation.current;
    setOpts(next);
    setBusy('previewing');
    setProgress(null);
    const r = await api.previewRosterImport({ ...file, ...next });
    if (gen !== generation.current) return;
    setBusy(null);
    setDecisions({});
    if (r.ok) {
      setPreview(r.value);
      setFailure(null);
    } else {
      setPreview(null);
      setFailure({ what: t('importer.failed'), error: r.error });
    }
  };

  const onFile = async (file: File) => {
    generation.current++;
    setPreview(null);
    setResult(null);
    setUndo(null);
    setPicked(null);
    if (!fitsRosterCap(file)) return setFailure({ what: t('importer.failed'), error: { code: 'INVALID', message: t('importer.tooLarge', { name: file.name, size: mebibytes(file.size) }) } });
    setBusy('reading');
    let contentBase64: string;
    try {
      contentBase64 = await readBase64(file);
    } catch (err) {
      setBusy(null);
      return setFailure({ what: t('importer.failed'), error: { code: 'INVALID', message: t('importer.unreadable', { name: file.name, message: (err as Error).message }) } });
    }
    const next = { fileName: file.name, contentBase64 };
    setPicked(next);
    await run(next, { dateOrder: 'dmy' });
  };

  // A new encoding, delimiter or sheet can change the headers: the core suggests the mapping again.
  const reread = (patch: Partial<ReadOptions>) => picked && void run(picked, { ...opts, ...patch, mapping: undefined });
  const remap = (column: number, field: RosterField | null) => {
    if (!picked || !preview) return;
    void run(picked, { ...opts, mapping: preview.mapping.map((f, i) => (i === column ? field : f)) });
  };

  const apply = async () => {
    if (!picked || !preview) return;
    setBusy('applying');
    setProgress(null);
    const r = await api.applyRosterImport({
      ...picked,
      ...opts,
      mapping: preview.mapping,
      decisions: Object.entries(decisions).map(([line, expertId]) => ({ line: Number(line), expertId })),
    });
    setBusy(null);
    if (!r.ok) return setFailure({ what: t('importer.applyFailed'), error: r.error });
    setFailure(null);
    setPreview(null);
    setResult(r.value);
    void roster.getState().reload();
  };

  const undoImport = async (file: string) => {
    setUndo(null);
    setBusy('undoing');
    const r = await api.restoreBackup({ file });
    setBusy(null);
    if (!r.ok) return setFailure({ what: t('importer.undoFailed'), error: r.error });
    setUndo('done');
    void roster.getState().reload();
  };

  const confirmRows = preview?.rows.filter((r) => r.outcome === 'confirm') ?? [];
  const undecided = confirmRows.filter((r) => !(r.line in decisions)).length;
  const counts = preview && outcomeCounts(preview.rows);
  const changes = counts ? counts.create + counts.update + confirmRows.length : 0;

  return (
    <div className="page importer">
      <div className="page-head">
        <h1>{t('importer.title')}</h1>
      </div>
      <p className="lead">{t('importer.intro')}</p>

      <div className="card">
        <FilePicker label={t('importer.file')} hint={t('importer.fileHint')} accept={SPREADSHEETS} disabled={busy === 'applying' || busy === 'undoing'} onFile={(f) => void onFile(f)} />
      </div>

      {busy && <BusyNote label={t(`importer.${busy}`)} progress={busy === 'previewing' || busy === 'applying' ? progress : null} />}
      {failure && <ErrorNotice what={failure.what} error={failure.error} />}

      {preview && picked && (
        <>
          <FileOptions report={preview} opts={opts} disabled={busy !== null} onReread={reread} onDateOrder={(dateOrder) => void run(picked, { ...opts, dateOrder })} />
          <MappingTable report={preview} disabled={busy !== null} onChange={remap} />
          <section className="card" aria-labelledby="import-dry-run">
            <h2 id="import-dry-run">{t('importer.dryRunSection')}</h2>
            <ReportView report={preview} />
            {confirmRows.length > 0 && <ConfirmRows rows={confirmRows} decisions={decisions} onDecide={(line, id) => setDecisions((d) => ({ ...d, [line]: id }))} />}
            <div className="apply-bar">
              {undecided > 0 && <p className="hint">{t('importer.undecided', { count: undecided })}</p>}
              {changes === 0 && <p className="hint">{t('importer.nothingToDo')}</p>}
              <button type="button" className="primary" disabled={busy !== null || undecided > 0 || changes === 0} onClick={() => void apply()}>
                {t('importer.applyCount', { count: changes })}
              </button>
            </div>
          </section>
        </>
      )}

      {result && (
        <section className="card" aria-labelledby="import-result">
          <h2 id="import-result">{t('importer.appliedSection')}</h2>
          <p role="status" className="import-done">
            {undo === 'done' ? t('importer.undone') : t('importer.done', { ...result.experts })}
          </p>
          {undo !== 'done' && <ReportView report={result} />}
          <div className="actions-bar">
            <a className="button primary" href="#/roster">
              {t('importer.openRoster')}
            </a>
            {result.backup && undo !== 'done' && (
              <button type="button" onClick={() => setUndo('asking')} disabled={busy !== null}>
                {t('importer.undo')}
              </button>
            )}
          </div>
          {result.backup === null && <p className="hint">{t('importer.noBackup')}</p>}
          {undo === 'asking' && result.backup && (
            <ConfirmDialog
              title={t('importer.undoTitle')}
              body={t('importer.undoBody', { time: new Date(result.backup.createdAt).toLocaleString(i18n.language) })}
              confirmLabel={t('importer.undoConfirm')}
              cancelLabel={t('common.cancel')}
              danger
              onConfirm={() => void undoImport(result.backup!.path)}
              onCancel={() => setUndo(null)}
            />
          )}
        </section>
      )}
    </div>
  );
}

function outcomeCounts(rows: RosterRow[]): Record<(typeof OUTCOMES)[number], number> {
  const c = { create: 0, update: 0, unchanged: 0, confirm: 0, rejected: 0 };
  for (const r of rows) c[r.outcome]++;
  return c;
}

function FileOptions({ report, opts, disabled, onReread, onDateOrder }: { report: RosterImportReport; opts: ReadOptions; disabled: boolean; onReread(patch: Partial<ReadOptions>): void; onDateOrder(order: 'dmy' | 'mdy'): void }) {
  const { t } = useTranslation();
  const f = report.file;
  const detected =
    f.format === 'csv'
      ? [f.encoding && ENCODING_NAMES[f.encoding], f.bom ? 'BOM' : null, f.delimiter && t(`importer.delimiters.${DELIMITER_KEYS[f.delimiter]}`)].filter(Boolean).join(', ')
      : 'XLSX';
  return (
    <section className="card" aria-labelledby="import-file">
      <h2 id="import-file">{t('importer.fileSection')}</h2>
      <p>
        <strong>{f.name}</strong> — {t('importer.detected', { what: detected })}
      </p>
      <div className="filter-row">
        {f.format === 'csv' && (
          <>
            <label>
              <span>{t('importer.encoding')}</span>
              <select value={opts.encoding ?? f.encoding} disabled={disabled} onChange={(e) => onReread({ encoding: e.target.value as RosterEncoding })}>
                {ROSTER_ENCODINGS.map((enc) => (
                  <option key={enc} value={enc}>
                    {ENCODING_NAMES[enc]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              <span>{t('importer.delimiter')}</span>
              <select value={opts.delimiter ?? f.delimiter} disabled={disabled} onChange={(e) => onReread({ delimiter: e.target.value as Delimiter })}>
                {ROSTER_DELIMITERS.map((d) => (
                  <option key={d} value={d}>
                    {t(`importer.delimiters.${DELIMITER_KEYS[d]}`)}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {f.format === 'xlsx' && (
          <label>
            <span>{t('importer.sheet')}</span>
            <select value={f.sheet} disabled={disabled} onChange={(e) => onReread({ sheet: e.target.value })}>
              {(f.sheets ?? []).map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          <span>{t('importer.dateOrder')}</span>
          <select value={opts.dateOrder} disabled={disabled} onChange={(e) => onDateOrder(e.target.value as 'dmy' | 'mdy')}>
            <option value="dmy">{t('importer.dmy')}</option>
            <option value="mdy">{t('importer.mdy')}</option>
          </select>
        </label>
      </div>
      {f.format === 'xlsx' && (f.sheets?.length ?? 0) > 1 && <p className="hint">{t('importer.sheetHint')}</p>}
    </section>
  );
}

function MappingTable({ report, disabled, onChange }: { report: RosterImportReport; disabled: boolean; onChange(column: number, field: RosterField | null): void }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="import-mapping">
      <h2 id="import-mapping">{t('importer.mappingSection')}</h2>
      <p className="hint">
        {t('importer.mappingHelp')} {t(`importer.mappingSource.${report.mappingSource}`)}
      </p>
      <table className="data-table mapping-table">
        <thead>
          <tr>
            <th scope="col">{t('importer.column')}</th>
            <th scope="col">{t('importer.field')}</th>
          </tr>
        </thead>
        <tbody>
          {report.headers.map((header, i) => (
            <tr key={`${i}:${header}`} className={report.mapping[i] ? undefined : 'dropped'}>
              <th scope="row" className="column-header">
                {header}
              </th>
              <td>
                <select aria-label={t('importer.fieldFor', { header })} value={report.mapping[i] ?? ''} disabled={disabled} onChange={(e) => onChange(i, (e.target.value || null) as RosterField | null)}>
                  <option value="">{t('importer.dontImport')}</option>
                  {ROSTER_FIELDS.map((field) => (
                    <option key={field} value={field}>
                      {t(`importer.fields.${field}`)}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="dropped-columns">{report.droppedColumns.length ? t('importer.dropped', { columns: report.droppedColumns.map((text) => t('importer.quoted', { text })).join(', ') }) : t('importer.noneDropped')}</p>
    </section>
  );
}

/** What the importer said, in the interface language when it gave a message key; its English text otherwise. */
function importerMessage(t: TFunction, key: string | undefined, params: Record<string, string | number> | undefined, english: string): string {
  return key && key in ROSTER_MESSAGES_EN ? textByKey(t, `rosterMessages.${key}`, { ...params, defaultValue: english }) : english;
}

/** Counts, rejected rows with their lines and reasons, and warnings: the same for a dry run and for the result. */
function ReportView({ report }: { report: RosterImportReport }) {
  const { t, i18n } = useTranslation();
  const counts = outcomeCounts(report.rows);
  const reasons = new Map<number, string[]>();
  for (const r of report.rejections) {
    if (r.line === undefined || r.code === 'needs_confirmation') continue;
    const reason = importerMessage(t, r.messageKey, r.params, r.reason);
    reasons.set(r.line, [...(reasons.get(r.line) ?? []), r.path ? `${r.path}: ${reason}` : reason]);
  }
  const rejected = report.rows.filter((r) => r.outcome === 'rejected');
  return (
    <>
      <p className="hint">
        {t('importer.rowsRead', { count: report.dataRows })}
        {report.emptyRows > 0 && ` · ${t('importer.emptyRows', { count: report.emptyRows })}`}
      </p>
      <dl className="figures import-counts">
        {OUTCOMES.filter((o) => o !== 'confirm' || counts.confirm > 0).map((o) => (
          <div key={o} className={`count-${o}${counts[o] ? '' : ' zero'}`}>
            <dt>{t(`importer.counts.${o}`)}</dt>
            <dd>{counts[o].toLocaleString(i18n.language)}</dd>
          </div>
        ))}
      </dl>
      <LineTable
        title={t('importer.rejectedSection')}
        help={t('importer.rejectedHelp')}
        className="rejected-rows"
        middle={t('importer.name')}
        total={rejected.length}
        rows={rejected.slice(0, LIST_CAP).map((r) => ({
          key: String(r.line),
          line: r.line,
          middle: r.name || r.email || '—',
          reason: (
            <ul className="plain">
              {(reasons.get(r.line) ?? []).map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          ),
        }))}
      />
      <LineTable
        title={t('importer.warningsSection')}
        help={t('importer.warningsHelp')}
        className="warnings"
        middle={t('importer.column')}
        total={report.warnings.length}
        rows={report.warnings.slice(0, LIST_CAP).map((w, i) => ({ key: `${w.line}:${w.column ?? ''}:${i}`, line: w.line, middle: w.column ?? '—', reason: importerMessage(t, w.messageKey, w.params, w.message) }))}
      />
    </>
  );
}

interface LineRow {
  key: string;
  line: number;
  middle: string;
  reason: ReactNode;
}

/** Rows of the file by their line, with what is wrong: at most LIST_CAP of them, and how many there are. */
function LineTable({ title, help, className, middle, total, rows }: { title: string; help: string; className: string; middle: string; total: number; rows: LineRow[] }) {
  const { t } = useTranslation();
  if (!total) return null;
  return (
    <>
      <h3>{title}</h3>
      <p className="hint">{help}</p>
      <table className={`data-table ${className}`}>
        <thead>
          <tr>
            <th scope="col">{t('importer.line')}</th>
            <th scope="col">{middle}</th>
            <th scope="col">{t('importer.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td className="line-number">{r.line}</td>
              <td>{r.middle}</td>
              <td>{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > rows.length && <p className="hint">{t('importer.showingFirst', { shown: rows.length, total })}</p>}
    </>
  );
}

function ConfirmRows({ rows, decisions, onDecide }: { rows: RosterRow[]; decisions: Decisions; onDecide(line: number, expertId: string | null): void }) {
  const { t } = useTranslation();
  return (
    <>
      <h3>{t('importer.confirmSection')}</h3>
      <p className="hint">{t('importer.confirmHelp')}</p>
      {/* Not capped: each of these rows needs its decision before the import can be applied. */}
      <ul className="confirm-rows">
        {rows.map((r) => {
            const chosen = decisions[r.line];
            return (
              <li key={r.line}>
                <fieldset>
                  <legend>
                    {t('importer.confirmLine', { line: r.line, name: r.name })}
                    {r.email && <span className="hint"> · {r.email}</span>}
                  </legend>
                  {(r.candidates ?? []).map((c) => (
                    <label key={c.expertId} className="choice">
                      <input type="radio" name={`confirm-${r.line}`} checked={chosen === c.expertId} onChange={() => onDecide(r.line, c.expertId)} />
                      <span>
                        {t('importer.updateCandidate', { name: c.name })}
                        <span className="hint"> {[c.institution, c.email].filter(Boolean).join(' · ')}</span>
                      </span>
                    </label>
                  ))}
                  <label className="choice">
                    <input type="radio" name={`confirm-${r.line}`} checked={chosen === null} onChange={() => onDecide(r.line, null)} />
                    <span>{t('importer.createNew')}</span>
                  </label>
                </fieldset>
              </li>
            );
          })}
      </ul>
    </>
  );
}
