// Picks Actions or experts by typing part of a code, title or name: the knowledge base's own
// search finds them, so it works the same with 50 records or 100,000.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../shared/api';
import { useApi } from '../app/context';
import { actionTitle } from './labels';

type PickType = 'action' | 'expert';

/** Display names for record ids, fetched once each. */
export function useRecordNames(type: PickType | 'lesson', ids: string[]): Record<string, string> {
  const api = useApi();
  const { i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  const [names, setNames] = useState<Record<string, string>>({});
  const key = ids.join(',');
  useEffect(() => {
    let live = true;
    const missing = ids.filter((id) => !(id in names));
    void Promise.all(
      missing.map(async (id) => {
        if (type === 'action') {
          const r = await api.getAction({ id });
          return [id, r.ok ? `${r.value.code} — ${actionTitle(r.value, lang)}` : id] as const;
        }
        if (type === 'lesson') {
          const r = await api.getLesson({ id });
          return [id, r.ok ? r.value.title : id] as const;
        }
        const r = await api.getExpert({ id });
        return [id, r.ok ? `${r.value.givenName} ${r.value.familyName}` : id] as const;
      }),
    ).then((pairs) => {
      if (live && pairs.length) setNames((n) => ({ ...n, ...Object.fromEntries(pairs) }));
    });
    return () => {
      live = false;
    };
    // Keyed on the ids' text: a new array with the same ids needs no new names.
  }, [key, type, api, lang]);
  return names;
}

export function RecordPicker({ label, type, value, onChange, multiple, error, hint, exclude = [] }: {
  label: string;
  type: PickType;
  value: string[];
  onChange(v: string[]): void;
  multiple?: boolean;
  error?: string;
  hint?: string;
  exclude?: string[];
}) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const seq = useRef(0);
  const names = useRecordNames(type, value);
  // Compared as text: callers pass new arrays on every render.
  const taken = [...value, ...exclude].join(',');

  useEffect(() => {
    const mine = ++seq.current;
    if (!text.trim()) {
      setHits([]);
      return;
    }
    void api.search({ query: text, types: [type], limit: 8 }).then((r) => {
      const skip = new Set(taken.split(','));
      if (mine === seq.current) setHits(r.ok ? r.value.hits.filter((h) => !skip.has(h.id)) : []);
    });
  }, [text, type, api, taken]);

  const choose = (hit: SearchHit) => {
    onChange(multiple ? [...value, hit.id] : [hit.id]);
    setText('');
    setHits([]);
  };
  const hitLabel = (h: SearchHit) => (h.code && !h.title.startsWith(h.code) ? `${h.code} — ${h.title}` : h.title);

  return (
    <div className={`field wide picker${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {value.length > 0 && (
        <ul className="chips" aria-label={label}>
          {value.map((v) => (
            <li key={v} className="chip">
              {names[v] ?? '…'}
              <button type="button" className="chip-remove" aria-label={t('common.remove', { label: names[v] ?? '' })} onClick={() => onChange(value.filter((x) => x !== v))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {(multiple || value.length === 0) && (
        <input
          id={id}
          type="text"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={hint ?? t('deployments.pickHint')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          aria-controls={hits.length ? `${id}-options` : undefined}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              if (hits[0]) choose(hits[0]);
            }
          }}
        />
      )}
      {hits.length > 0 && (
        <ul className="picker-options" id={`${id}-options`} aria-label={label}>
          {hits.map((h) => (
            <li key={h.id}>
              <button type="button" onClick={() => choose(h)}>
                {hitLabel(h)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {text.trim() && hits.length === 0 && <span className="hint">{t('deployments.noMatch')}</span>}
      {error && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
