// The Actions list's filters as the address carries them (#/actions?region=…&domain=…): read by
// the list itself and by the pages that act on the same selection (exports, sharing).
import type { MethodInput } from '../../../../shared/api';

export type ActionFilters = Pick<MethodInput<'listActions'>, 'domain' | 'topic' | 'region' | 'country' | 'status' | 'yearFrom' | 'yearTo'>;

export function actionFilters(p: URLSearchParams) {
  return {
    domain: p.getAll('domain'),
    topic: p.getAll('topic'),
    region: p.getAll('region'),
    country: p.getAll('country'),
    status: p.getAll('status'),
    yearFrom: p.get('yearFrom') ? Number(p.get('yearFrom')) : undefined,
    yearTo: p.get('yearTo') ? Number(p.get('yearTo')) : undefined,
  };
}

/** Only the filters that are set, typed for the contract; null when none is (the whole set). */
export function selectedFilters(f: Record<string, unknown>): ActionFilters | null {
  const set = Object.fromEntries(Object.entries(f).filter(([, v]) => (Array.isArray(v) ? v.length : v !== undefined)));
  return Object.keys(set).length ? (set as ActionFilters) : null;
}
