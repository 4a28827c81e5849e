// The fixed query set of the search benchmark, by kind. Kinds map to the targets of the search
// issue: "typing" (1–2 letters, title fast path), "typo" (did-you-mean), the rest full search.
export const BENCH_QUERIES: { kind: string; query: string }[] = [
  { kind: 'rare', query: 'Gran Chaco' },
  { kind: 'rare', query: 'apatridie' },
  { kind: 'rare', query: 'seasonal workers' },
  { kind: 'medium', query: 'diaspora' },
  { kind: 'medium', query: 'réadmission' },
  { kind: 'medium', query: 'interviewing children' },
  { kind: 'common', query: 'migration' },
  { kind: 'common', query: 'formation' },
  { kind: 'common', query: 'training' },
  { kind: 'typing', query: 'm' },
  { kind: 'typing', query: 'di' },
  { kind: 'typing', query: 'tr' },
  { kind: 'multi', query: 'diaspora engagement policy' },
  { kind: 'multi', query: 'traite des êtres humains' },
  { kind: 'multi', query: 'border management training of trainers' },
  { kind: 'filtered', query: 'training domain:IMT year:2016..2020' },
  { kind: 'filtered', query: 'diaspora type:lesson lang:fr' },
  { kind: 'filtered', query: 'data region:ENI' },
  { kind: 'typo', query: 'diasproa' },
  { kind: 'typo', query: 'trafiking' },
  { kind: 'typo', query: 'readmision' },
];

/** The plain text of a query for engines without our filter syntax. */
export const plainText = (q: string) => q.replace(/\b\w+:\S+/g, '').trim();
