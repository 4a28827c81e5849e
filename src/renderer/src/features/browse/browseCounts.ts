// Counts for browsing, from the Action summaries: a knowledge base holds hundreds of Actions
// (thousands at most), so one pass in the page is cheaper than one query per count.
import type { KbApi, KbResult, Reference } from '../../../../shared/api';
import type { ActionSummary } from '../../../../shared/schemas';

export async function loadAllActions(api: KbApi): Promise<KbResult<ActionSummary[]>> {
  const all: ActionSummary[] = [];
  for (let page = 1; ; page++) {
    const r = await api.listActions({ page, pageSize: 1000, sort: 'startDate' });
    if (!r.ok) return r;
    all.push(...r.value.items);
    if (all.length >= r.value.total || r.value.items.length === 0) return { ok: true, value: all };
  }
}

export interface BrowseCounts {
  domain: Map<string, number>;
  topic: Map<string, number>;
  region: Map<string, number>;
  country: Map<string, number>;
  year: Map<number, number>;
}

export function countActions(actions: ActionSummary[], reference: Reference): BrowseCounts {
  const parents = new Map(reference.regions.map((r) => [r.code, r.parent]));
  const c: BrowseCounts = { domain: new Map(), topic: new Map(), region: new Map(), country: new Map(), year: new Map() };
  const inc = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const a of actions) {
    inc(c.domain, a.domain);
    new Set(a.topics).forEach((t) => inc(c.topic, t));
    new Set(a.countries).forEach((x) => inc(c.country, x));
    // An Action in Ghana counts for Western and Central Africa and, once, for Africa.
    const regions = new Set<string>();
    for (let r of a.regions) {
      for (let guard = 0; r && guard < 5; guard++) {
        regions.add(r);
        r = parents.get(r) ?? '';
      }
    }
    regions.forEach((r) => inc(c.region, r));
    // A year counts the Actions running in it, as the list's year filter does (no end: its start year).
    const from = a.startDate ? Number(a.startDate.slice(0, 4)) : NaN;
    const to = a.endDate ? Number(a.endDate.slice(0, 4)) : from;
    for (let y = from; Number.isFinite(y) && y <= to; y++) inc(c.year, y);
  }
  return c;
}
