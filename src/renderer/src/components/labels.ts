// Labels of codes in the interface language: reference data carries both languages, the
// enumerations are translated in the i18n dictionaries.
import { useEffect, useMemo } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { Reference } from '../../../shared/api';
import { useServices } from '../app/context';

/**
 * A text whose key is built from data (`enums.status.${code}`), with what to show when there is
 * none: beyond what i18next's key types can check at this size of the texts ("excessively deep").
 */
export function textByKey(t: TFunction, key: string, options: Record<string, unknown> & { defaultValue: string }): string {
  return (t as unknown as (key: string, options: Record<string, unknown>) => string)(key, options);
}

export type RefKind = 'domain' | 'topic' | 'region' | 'country' | 'language' | 'axis';

export interface Labels {
  reference: Reference | null;
  lang: 'en' | 'fr';
  label(kind: RefKind, code: string | null | undefined): string;
  /** Options sorted by their label in the interface language. */
  options(kind: RefKind): { code: string; label: string }[];
}

export function useReference(): Reference | null {
  const store = useServices().reference;
  const reference = useStore(store, (s) => s.reference);
  useEffect(() => void store.getState().load(), [store]);
  return reference;
}

export function useLabels(): Labels {
  const reference = useReference();
  const { i18n } = useTranslation();
  const lang = i18n.language === 'fr' ? 'fr' : 'en';
  return useMemo(() => {
    const maps = new Map<RefKind, Map<string, string>>();
    const lists: Record<RefKind, { code: string; en: string; fr: string }[]> = {
      domain: reference?.domains ?? [],
      topic: reference?.topics ?? [],
      region: reference?.regions ?? [],
      country: reference?.countries ?? [],
      language: reference?.languages ?? [],
      axis: reference?.impactAxes ?? [],
    };
    for (const [kind, list] of Object.entries(lists) as [RefKind, (typeof lists)[RefKind]][]) {
      // French writes language names in lower case ("français"); alone as a label they start with a capital.
      maps.set(kind, new Map(list.map((x) => [x.code, kind === 'language' ? capitalise(x[lang]) : x[lang]])));
    }
    const collator = new Intl.Collator(lang);
    return {
      reference,
      lang,
      label: (kind, code) => (code ? (maps.get(kind)?.get(code) ?? code) : ''),
      options: (kind) => lists[kind].map((x) => ({ code: x.code, label: maps.get(kind)!.get(x.code)! })).sort((a, b) => (kind === 'domain' || kind === 'region' ? 0 : collator.compare(a.label, b.label))),
    };
  }, [reference, lang]);
}

function capitalise(s: string): string {
  return s.charAt(0).toLocaleUpperCase() + s.slice(1);
}

/** A partial date ("2021", "2021-06", "2021-06-15") as people write it in the interface language. */
export function formatPartialDate(value: string | null | undefined, lang: 'en' | 'fr'): string {
  if (!value) return '';
  const [y, m, d] = value.split('-').map(Number);
  if (!m) return String(y);
  const date = new Date(Date.UTC(y!, m - 1, d ?? 1));
  const opts: Intl.DateTimeFormatOptions = d ? { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' } : { year: 'numeric', month: 'long', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', opts).format(date);
}

export function formatRange(start: string | null, end: string | null, lang: 'en' | 'fr', ongoing: string): string {
  if (!start && !end) return '';
  if (start && !end) return `${formatPartialDate(start, lang)} – ${ongoing}`;
  if (!start) return formatPartialDate(end, lang);
  return start === end ? formatPartialDate(start, lang) : `${formatPartialDate(start, lang)} – ${formatPartialDate(end, lang)}`;
}

export function actionTitle(a: { code: string; titleEn: string | null; titleFr: string | null }, lang: 'en' | 'fr'): string {
  return (lang === 'fr' ? (a.titleFr ?? a.titleEn) : (a.titleEn ?? a.titleFr)) ?? a.code;
}
