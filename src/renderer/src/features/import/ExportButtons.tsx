// Export buttons for a list: the records it shows (its filters) or all of them, in each format
// the core writes. The file arrives as base64 and is saved through a download.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EXPORT_FORMATS, MethodInput } from '../../../../shared/api';
import { useApi } from '../../app/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useAction } from '../../components/useAction';
import { download } from './files';

type Format = (typeof EXPORT_FORMATS)[number];
type RecordType = MethodInput<'exportRecords'>['type'];
const FORMAT_NAMES: Record<Format, string> = { csv: 'CSV', xlsx: 'XLSX', json: 'JSON', vcf: 'vCard' };
const FORMATS: Record<RecordType, Format[]> = { experts: ['csv', 'xlsx', 'json', 'vcf'], actions: ['csv', 'xlsx', 'json'], lessons: ['csv', 'xlsx', 'json'] };

/** `filters`: the list's filters, or null when it shows everything (then there is no choice to make). */
export function ExportButtons({ type, filters, shown, hint }: { type: RecordType; filters: Record<string, unknown> | null; shown?: number | null; hint?: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [scope, setScope] = useState<'filtered' | 'all'>('filtered');
  const exporting = useAction((format: Format) =>
    api.exportRecords({ type, format, filters: filters && scope === 'filtered' ? filters : undefined } as MethodInput<'exportRecords'>),
  );
  const { busy, error, value: done } = exporting;
  const message = busy ? t('exports.working') : done ? t('exports.done', { count: done.count, file: done.fileName }) : '';

  const run = async (format: Format) => {
    const file = await exporting.run(format);
    if (file) download(file);
  };

  const label = t(`exports.${type}`);
  return (
    <div className="export-bar" role="group" aria-label={label}>
      <span className="export-label">{label}</span>
      {filters && (
        <select aria-label={t('exports.scope')} value={scope} onChange={(e) => setScope(e.target.value as 'filtered' | 'all')}>
          <option value="filtered">{shown === null || shown === undefined ? t('exports.matching') : t('exports.filtered', { count: shown })}</option>
          <option value="all">{t('exports.all')}</option>
        </select>
      )}
      {FORMATS[type].map((f) => (
        <button key={f} type="button" disabled={busy} title={t('exports.format', { format: FORMAT_NAMES[f] })} onClick={() => void run(f)}>
          {FORMAT_NAMES[f]}
        </button>
      ))}
      {hint && <span className="hint">{hint}</span>}
      {/* Not role="status": the list above already has one, its count. */}
      <span className="export-status hint" aria-live="polite">
        {message}
      </span>
      {error && <ErrorNotice what={t('exports.failed')} error={error} />}
    </div>
  );
}
