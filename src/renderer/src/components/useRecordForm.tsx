// One editing flow for every record: validate with the shared zod schema as the user types,
// show the core's INVALID issues on the field they name, protect unsaved edits, and keep
// everything typed on screen when a save fails.
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { formatPath, type KbError, type KbResult } from '../../../shared/api';
import { navigate, setNavigationBlocker } from '../app/router';
import { ConfirmDialog } from './ConfirmDialog';
import { ErrorNotice } from './ErrorNotice';

export interface RecordForm<T> {
  draft: T;
  set<K extends keyof T>(key: K, value: T[K]): void;
  /** The message for a field path (`code`, `languages[1].level`), once the user has touched it or tried to save. */
  error(path: string): string | undefined;
  dirty: boolean;
  saving: boolean;
  onSubmit(e: FormEvent): void;
  /** Leave without the unsaved-changes question (after a save or a deliberate cancel). */
  leave(to: string): void;
  view: ReactNode;
}

export function useRecordForm<T extends object, R extends { id: string }>(opts: {
  initial: T;
  schema: z.ZodType;
  save(data: T): Promise<KbResult<R>>;
  savedHref(record: R): string;
}): RecordForm<T> {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<T>(opts.initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverIssues, setServerIssues] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<KbError | null>(null);
  const [saving, setSaving] = useState(false);
  const [pendingLeave, setPendingLeave] = useState<(() => void) | null>(null);
  const initialJson = useRef(JSON.stringify(opts.initial));
  const dirty = JSON.stringify(draft) !== initialJson.current;

  const clientIssues = useMemo(() => {
    const r = opts.schema.safeParse(draft);
    const out: Record<string, string> = {};
    // An empty choice list reads better as "choose one" than as zod's list of allowed codes.
    if (!r.success) for (const i of r.error.issues) out[formatPath(i.path as (string | number)[])] ??= i.code === 'invalid_value' ? t('form.chooseOne') : i.message;
    return out;
  }, [draft, opts.schema, t]);

  useEffect(() => {
    if (!dirty) {
      setNavigationBlocker(null);
      return;
    }
    setNavigationBlocker((proceed) => {
      setPendingLeave(() => proceed);
      return false;
    });
    // Closing the tab or window with edits: the browser asks its own question.
    const beforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      setNavigationBlocker(null);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [dirty]);

  const set = <K extends keyof T>(key: K, value: T[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
    setTouched((s) => new Set(s).add(String(key)));
    setServerIssues((s) => Object.fromEntries(Object.entries(s).filter(([p]) => p !== key && !p.startsWith(`${String(key)}[`) && !p.startsWith(`${String(key)}.`))));
  };

  const error = (path: string) => {
    const root = path.split(/[.[]/)[0]!;
    if (serverIssues[path]) return serverIssues[path];
    return submitted || touched.has(root) ? clientIssues[path] : undefined;
  };

  const leave = (to: string) => {
    setNavigationBlocker(null);
    initialJson.current = JSON.stringify(draft);
    navigate(to);
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setFailure(null);
    if (Object.keys(clientIssues).length) {
      focusFirstInvalid();
      return;
    }
    setSaving(true);
    void opts.save(draft).then((r) => {
      setSaving(false);
      if (r.ok) {
        leave(opts.savedHref(r.value));
        return;
      }
      setFailure(r.error);
      // The core names fields under `data.` (where the record was sent): show them on the form.
      if (r.error.code === 'INVALID' && r.error.issues) {
        setServerIssues(Object.fromEntries(r.error.issues.map((i) => [i.path.replace(/^data\.?/, ''), i.message])));
        focusFirstInvalid();
      }
    });
  };

  // Field problems are shown on their fields; only the count is repeated at the top.
  const problemCount = submitted ? Object.keys({ ...clientIssues, ...serverIssues }).length : 0;
  const fieldFailure = failure?.code === 'INVALID' && Object.keys(serverIssues).length > 0;
  const view = (
    <>
      {problemCount > 0 && (
        <p role="alert" className="form-problems">
          {t('form.fixErrors', { count: problemCount })}
        </p>
      )}
      {failure && !fieldFailure && <ErrorNotice what={t('errors.save', { message: failure.message })} error={failure} />}
      {pendingLeave && (
        <ConfirmDialog
          title={t('form.unsavedTitle')}
          body={t('form.unsavedBody')}
          confirmLabel={t('form.leave')}
          cancelLabel={t('form.stay')}
          danger
          onCancel={() => setPendingLeave(null)}
          onConfirm={() => {
            const go = pendingLeave;
            setPendingLeave(null);
            initialJson.current = JSON.stringify(draft);
            go();
          }}
        />
      )}
    </>
  );

  return { draft, set, error, dirty, saving, onSubmit, leave, view };
}

function focusFirstInvalid() {
  // After React has painted the messages.
  setTimeout(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
}
