// field:value filters typed in a query, resolved to the codes the index stores: codes or names
// in English or French ("country:Côte d'Ivoire", "domaine:asile", "year:2016..2020", "lang:français").
import Fuse from 'fuse.js';
import { ACTION_STATUSES, AVAILABILITIES, REVIEW_STATUSES } from '../../shared/reference';
import type { ReferenceIndex } from '../reference/reference.repo';
import { foldText } from './fold';

const TYPES: Record<string, string> = {
  action: 'action', actions: 'action',
  lesson: 'lesson', lessons: 'lesson', lecon: 'lesson', lecons: 'lesson',
  expert: 'expert', experts: 'expert', experte: 'expert', expertes: 'expert',
};

const STATUS_WORDS: Record<string, string> = {
  'en cours': 'ongoing', termine: 'completed', complete: 'completed', acheve: 'completed', annule: 'cancelled',
  suspendu: 'suspended', 'en preparation': 'in_preparation', preparation: 'in_preparation', brouillon: 'draft',
  valide: 'validated', revu: 'reviewed', retire: 'retired', disponible: 'available', limite: 'limited', indisponible: 'unavailable',
};
const STATUSES = new Set<string>([...ACTION_STATUSES, ...REVIEW_STATUSES, ...AVAILABILITIES]);

const MAX_YEARS = 80;

type Labelled = { code: string; en: string; fr: string };
const fuzzy = new WeakMap<Labelled[], Fuse<Labelled>>();

/**
 * Codes whose code or EN/FR label matches the typed value: exact code, exact label, label prefix,
 * else the closest label within a small typo distance (`country:ghanna`, `domaine:asyle`).
 */
function byLabel(items: Labelled[], value: string): string[] {
  const v = foldText(value);
  if (!v) return [];
  const code = items.filter((i) => i.code.toLowerCase() === value.trim().toLowerCase());
  if (code.length) return code.map((i) => i.code);
  const exact = items.filter((i) => foldText(i.en) === v || foldText(i.fr) === v);
  if (exact.length) return exact.map((i) => i.code);
  const prefix = items.filter((i) => foldText(i.en).startsWith(v) || foldText(i.fr).startsWith(v));
  if (prefix.length) return prefix.map((i) => i.code);
  let fuse = fuzzy.get(items);
  if (!fuse) fuzzy.set(items, (fuse = new Fuse(items, { keys: ['en', 'fr'], threshold: 0.25, ignoreDiacritics: true, includeScore: true })));
  const best = fuse.search(value.trim(), { limit: 1 })[0];
  return best ? [best.item.code] : [];
}

function years(value: string): string[] {
  const range = /^(\d{4})\s*(?:\.\.|-|–|to|à)\s*(\d{4})$/.exec(value.trim());
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])].sort((x, y) => x - y) as [number, number];
    return Array.from({ length: Math.min(b - a + 1, MAX_YEARS) }, (_, i) => String(a + i));
  }
  return /^\d{4}$/.test(value.trim()) ? [value.trim()] : [];
}

export function resolveFilter(ref: ReferenceIndex, facet: string, value: string): string[] {
  const r = ref.reference;
  switch (facet) {
    case 'type':
      return [TYPES[foldText(value)] ?? value];
    case 'domain':
      return byLabel(r.domains, value);
    case 'topic':
      return byLabel(r.topics, value);
    case 'region':
      return byLabel(r.regions, value);
    case 'country':
      return byLabel(r.countries, value);
    case 'language':
      return byLabel(r.languages, value);
    case 'status': {
      const v = foldText(value);
      const code = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
      return [STATUSES.has(code) ? code : (STATUS_WORDS[v] ?? code)];
    }
    case 'year':
      return years(value);
    default:
      return [];
  }
}

/**
 * Merges typed filters with the ones chosen in the UI. A typed value that resolves to nothing stays
 * as an impossible value, so the search honestly finds nothing rather than ignoring the filter.
 */
export function resolveFilters(ref: ReferenceIndex, typed: Record<string, string[]>, chosen: Record<string, string[]> = {}): [string, string[]][] {
  const out = new Map<string, Set<string>>();
  for (const [facet, values] of Object.entries(chosen)) out.set(facet, new Set(values));
  for (const [facet, values] of Object.entries(typed)) {
    const resolved = values.flatMap((v) => {
      const codes = resolveFilter(ref, facet, v);
      return codes.length ? codes : [`\u0000${v}`];
    });
    const set = out.get(facet);
    // A typed filter narrows what was chosen for the same facet (AND), or sets it.
    out.set(facet, set ? new Set(resolved.filter((v) => set.has(v))) : new Set(resolved));
  }
  return [...out].map(([f, v]) => [f, [...v]]);
}
