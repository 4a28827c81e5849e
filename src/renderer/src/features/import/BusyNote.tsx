// Long work in the core (a 50,000-row import) shown while the page stays usable: a bar with the
// rows done when the core reports progress (Electron), an indeterminate bar when it cannot (serve mode).
import { useTranslation } from 'react-i18next';

export interface Progress {
  done: number;
  total: number;
}

export function BusyNote({ label, progress }: { label: string; progress: Progress | null }) {
  const { t } = useTranslation();
  return (
    <div className="busy-note" role="status" aria-live="polite">
      <span>{label}</span>
      {progress && progress.total > 0 ? (
        <>
          <progress value={progress.done} max={progress.total} aria-label={label} />
          <span className="hint">{t('importer.progress', { ...progress })}</span>
        </>
      ) : (
        <progress aria-label={label} />
      )}
    </div>
  );
}
