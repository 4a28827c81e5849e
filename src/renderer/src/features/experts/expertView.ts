// How an expert's profile reads: freshness and consent are judged the same on every screen.
import type { Expert } from '../../../../shared/schemas';

export const STALE_AFTER_MONTHS = 24;

/** True when the profile was confirmed more than two years ago (or never). */
export function isStale(lastConfirmedOn: string | null, now = new Date()): boolean {
  if (!lastConfirmedOn) return true;
  const [y, m = 1] = lastConfirmedOn.split('-').map(Number);
  const months = (now.getUTCFullYear() - y!) * 12 + (now.getUTCMonth() + 1 - m);
  return months > STALE_AFTER_MONTHS;
}

export type ConsentState = 'given' | 'withdrawn' | 'missing';
export function consentState(e: Pick<Expert, 'consent'>): ConsentState {
  if (e.consent.withdrawnOn) return 'withdrawn';
  return e.consent.givenOn ? 'given' : 'missing';
}

export const LEVEL_ORDER = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
