// A file input whose button speaks the interface language: the browser's own says "Choose File"
// in the browser's language whatever the user chose, and shows no file name in a way we control.
import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';

export function FilePicker({ label, hint, accept, disabled, onFile }: { label: string; hint?: string; accept: string; disabled?: boolean; onFile(file: File): void }) {
  const { t } = useTranslation();
  const labelId = useId();
  const hintId = useId();
  const [name, setName] = useState<string | null>(null);
  const onChange = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setName(file.name);
    onFile(file);
    // The same file picked again (after fixing it in Excel) must fire a change again.
    e.target.value = '';
  };
  return (
    <div className="file-picker">
      <span id={labelId} className="file-picker-label">
        {label}
      </span>
      <div className="file-picker-row">
        <label className={`button${disabled ? ' disabled' : ''}`}>
          <input type="file" className="visually-hidden" accept={accept} disabled={disabled} aria-labelledby={labelId} aria-describedby={hint ? hintId : undefined} onChange={onChange} />
          {t('importer.choose')}
        </label>
        <span className="file-name">{name ?? t('importer.noFile')}</span>
      </div>
      {hint && (
        <span id={hintId} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}
