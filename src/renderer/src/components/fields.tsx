// Form fields with their label, hint and inline error wired for assistive technology
// (aria-invalid, aria-describedby), so a message is read with the field it belongs to.
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Base {
  label: string;
  error?: string;
  hint?: string;
  required?: boolean;
}

function Described({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </>
  );
}

const describedBy = (id: string, hint?: string, error?: string) => [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

function Label({ htmlFor, label, required }: { htmlFor: string; label: string; required?: boolean }) {
  const { t } = useTranslation();
  return (
    <label htmlFor={htmlFor}>
      {label}
      {required && <span className="required"> ({t('form.required')})</span>}
    </label>
  );
}

export function TextField({ label, value, onChange, error, hint, required, type = 'text', name, wide }: Base & { value: string | null; onChange(v: string): void; type?: string; name?: string; wide?: boolean }) {
  const id = useId();
  return (
    <div className={`field${wide ? ' wide' : ''}${error ? ' has-error' : ''}`}>
      <Label htmlFor={id} label={label} required={required} />
      <input id={id} name={name} type={type} value={value ?? ''} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} />
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}

export function TextArea({ label, value, onChange, error, hint, required, rows = 4, name }: Base & { value: string | null; onChange(v: string): void; rows?: number; name?: string }) {
  const id = useId();
  return (
    <div className={`field wide${error ? ' has-error' : ''}`}>
      <Label htmlFor={id} label={label} required={required} />
      <textarea id={id} name={name} rows={rows} value={value ?? ''} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} />
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}

export function SelectField({ label, value, onChange, options, error, hint, required, emptyLabel }: Base & { value: string | null; onChange(v: string): void; options: { code: string; label: string }[]; emptyLabel?: string }) {
  const id = useId();
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <Label htmlFor={id} label={label} required={required} />
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)}>
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </select>
      <Described id={id} hint={hint} error={error} />
    </div>
  );
}

export function CheckboxField({ label, checked, onChange }: { label: string; checked: boolean; onChange(v: boolean): void }) {
  const id = useId();
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** For matching typed text to labels: "cote d’ivoire" finds "Côte d'Ivoire". */
function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘`´]/g, "'").toLocaleLowerCase().trim();
}

/** Several codes chosen from a list (topics, countries): type to find, Enter or pick to add. */
export function CodePicker({ label, value, onChange, options, error, hint, placeholder }: Base & { value: string[]; onChange(v: string[]): void; options: { code: string; label: string }[]; placeholder?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [miss, setMiss] = useState<string | null>(null);
  const byLabel = new Map(options.map((o) => [fold(o.label), o.code]));
  const labelOf = new Map(options.map((o) => [o.code, o.label]));
  const add = (raw: string, strict: boolean) => {
    const v = raw.trim();
    const key = fold(v);
    // Exact label (accents, case and apostrophes aside), else the code, else the one label it starts.
    const prefixed = strict && key ? options.filter((o) => fold(o.label).startsWith(key)) : [];
    const code = byLabel.get(key) ?? options.find((o) => o.code.toLowerCase() === v.toLowerCase())?.code ?? (prefixed.length === 1 ? prefixed[0]!.code : undefined);
    if (!code) {
      if (strict && v) setMiss(t('form.notInList', { value: v }));
      return;
    }
    if (!value.includes(code)) onChange([...value, code]);
    setText('');
    setMiss(null);
  };
  const shownError = miss ?? error;
  return (
    <div className={`field wide picker${shownError ? ' has-error' : ''}`}>
      <Label htmlFor={id} label={label} />
      {value.length > 0 && (
        <ul className="chips" aria-label={label}>
          {value.map((code) => (
            <li key={code} className="chip">
              {labelOf.get(code) ?? code}
              <button type="button" className="chip-remove" aria-label={t('common.remove', { label: labelOf.get(code) ?? code })} onClick={() => onChange(value.filter((c) => c !== code))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        list={`${id}-list`}
        value={text}
        placeholder={placeholder ?? t('form.pickerHint')}
        onChange={(e) => {
          setText(e.target.value);
          // Choosing from the suggestion list fires a change with the exact label: add it at once.
          if (byLabel.has(fold(e.target.value.trim()))) add(e.target.value, false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add(text, true);
          }
        }}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={describedBy(id, hint, shownError ?? undefined)}
      />
      <datalist id={`${id}-list`}>
        {options
          .filter((o) => !value.includes(o.code))
          .map((o) => (
            <option key={o.code} value={o.label} />
          ))}
      </datalist>
      <Described id={id} hint={hint} error={shownError ?? undefined} />
    </div>
  );
}

/** A list of short texts, one per line (partners, other names). */
export function LinesField({ label, value, onChange, error, hint }: Base & { value: string[]; onChange(v: string[]): void }) {
  const [text, setText] = useState(value.join('\n'));
  return (
    <TextArea
      label={label}
      rows={3}
      value={text}
      hint={hint}
      error={error}
      onChange={(v) => {
        setText(v);
        onChange(v.split('\n').map((s) => s.trim()).filter(Boolean));
      }}
    />
  );
}

export function Fieldset({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="form-section">
      <legend>{legend}</legend>
      <div className="form-grid">{children}</div>
    </fieldset>
  );
}
