import type { Reference } from '../../shared/api';
import { CEFR_LEVELS, regionWithDescendants } from '../../shared/reference';
import type { Db } from '../db/open';
import { foldWords, placePairs } from '../search/fold';

/** Reference data read once per connection: it only changes through a migration. */
export interface ReferenceIndex {
  reference: Reference;
  countries: Set<string>;
  languages: Set<string>;
  /** Country → its MIEUX+ region and that region's ancestors. */
  countryRegions: Map<string, string[]>;
  euMembers: Set<string>;
  regionParents: Map<string, string | null>;
  /** Country or region code → the search tokens of its English and French names (see placePairs). */
  placeTokens: Map<string, string[]>;
  /** Every place token the search index can hold: a query looks only for these. */
  placePairs: ReadonlySet<string>;
}

function ancestry(parents: Map<string, string | null>, region: string | null): string[] {
  const out: string[] = [];
  for (let r = region; r; r = parents.get(r) ?? null) out.push(r);
  return out;
}

export function loadReference(db: Db): ReferenceIndex {
  const reference: Reference = {
    domains: db.prepare('SELECT code, label_en AS en, label_fr AS fr FROM domains ORDER BY rowid').all() as Reference['domains'],
    topics: db.prepare('SELECT code, domain, label_en AS en, label_fr AS fr FROM topics ORDER BY rowid').all() as Reference['topics'],
    regions: db.prepare('SELECT code, parent, label_en AS en, label_fr AS fr FROM regions ORDER BY rowid').all() as Reference['regions'],
    impactAxes: db.prepare('SELECT code, label_en AS en, label_fr AS fr FROM impact_axes ORDER BY rowid').all() as Reference['impactAxes'],
    countries: (
      db.prepare('SELECT code, name_en AS en, name_fr AS fr, region, eu_member AS euMember FROM countries ORDER BY code').all() as {
        code: string;
        en: string;
        fr: string;
        region: string | null;
        euMember: number;
      }[]
    ).map((c) => ({ ...c, euMember: c.euMember === 1 })),
    languages: db.prepare('SELECT code, name_en AS en, name_fr AS fr FROM languages ORDER BY code').all() as Reference['languages'],
    levels: [...CEFR_LEVELS],
  };
  const regionParents = new Map(reference.regions.map((r) => [r.code, r.parent]));
  const placeTokens = new Map([...reference.countries, ...reference.regions].map((p) => [p.code, [p.en, p.fr].flatMap((name) => placePairs(foldWords(name)))]));
  return {
    regionParents,
    reference,
    countries: new Set(reference.countries.map((c) => c.code)),
    languages: new Set(reference.languages.map((l) => l.code)),
    countryRegions: new Map(reference.countries.map((c) => [c.code, ancestry(regionParents, c.region)])),
    euMembers: new Set(reference.countries.filter((c) => c.euMember).map((c) => c.code)),
    placeTokens,
    placePairs: new Set([...placeTokens.values()].flat()),
  };
}

/** Effective regions of a set of countries (with ancestors), plus a region given by hand. */
export function regionsOf(ref: ReferenceIndex, countries: readonly string[], given: string | null = null): string[] {
  const out = new Set<string>();
  for (const c of countries) for (const r of ref.countryRegions.get(c) ?? []) out.add(r);
  for (const r of ancestry(ref.regionParents, given)) out.add(r);
  return [...out];
}

/** Region filter values expanded to their sub-regions (Africa → Africa, WCA, ESA). */
export function expandRegions(regions: readonly string[] | undefined): string[] | undefined {
  return regions?.flatMap((r) => regionWithDescendants(r));
}
