// Every failed call is shown the same way: what failed, the core's reason, and what to do next.
import { useTranslation } from 'react-i18next';
import type { KbError } from '../../../shared/api';

export function ErrorNotice({ what, error, onRetry }: { what: string; error: KbError; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="error-notice">
      <p className="error-what">{what}</p>
      <p className="error-message">{error.message}</p>
      {error.issues && error.issues.length > 1 && (
        <ul className="error-issues">
          {error.issues.slice(0, 8).map((i) => (
            <li key={`${i.path}:${i.message}`}>
              <code>{i.path}</code> {i.message}
            </li>
          ))}
        </ul>
      )}
      <p className="error-help">{t(`errors.help.${error.code}`)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
