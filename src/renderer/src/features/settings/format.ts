// How the safety screens write backup dates, sizes and row counts in the interface language.
import type { TFunction } from 'i18next';

export function formatDateTime(iso: string, lang: 'en' | 'fr'): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

export function formatBytes(bytes: number, lang: 'en' | 'fr'): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: u ? 1 : 0 }).format(n)} ${lang === 'fr' ? units[u]!.replace('B', 'o') : units[u]}`;
}

export function describeCounts(t: TFunction, counts: Record<string, number>): string {
  return t('settings.counts', { actions: counts.actions ?? 0, lessons: counts.lessons ?? 0, experts: counts.experts ?? 0, deployments: counts.deployments ?? 0 });
}
