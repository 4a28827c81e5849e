import { beforeAll, describe, expect, it } from 'vitest';
import type { KbCore } from '../../src/core';
import { createCore } from '../../src/core';
import type { MethodInput, SearchResult } from '../../src/shared/api';
import { wordPairs } from '../../src/core/search/fold';
import { ok, tempDir } from './helpers';

let core: KbCore;
const ids: Record<string, string> = {};

const action = (code: string, data: object) => ({ code, domain: 'MD', status: 'completed', language: 'en', ...data }) as MethodInput<'createAction'>['data'];

beforeAll(async () => {
  core = createCore({ dbPath: ':memory:' });
  const add = async (key: string, p: Promise<{ ok: boolean; value?: { id: string } }>) => {
    const r = (await p) as { ok: true; value: { id: string } };
    if (!r.ok) throw new Error(JSON.stringify(r));
    ids[key] = r.value.id;
  };
  await add('ghana4', core.createAction({ data: action('Ghana IV', { titleEn: 'Ghana IV: finalisation of the diaspora engagement policy', countries: ['GH'], topics: ['MD-DIASPORA'], startDate: '2019-03', endDate: '2020-06', summary: 'Support to the Diaspora Affairs Bureau in finalising the national diaspora engagement policy.' }) }));
  await add('ci', core.createAction({ data: action("Côte d'Ivoire I", { titleEn: null, titleFr: "Côte d'Ivoire I : politique de la diaspora", language: 'fr', countries: ['CI'], topics: ['MD-DIASPORA'], startDate: '2023-01', status: 'ongoing', summary: "Appui à la direction générale des Ivoiriens de l'extérieur pour l'engagement de la diaspora." }) }));
  await add('thb', core.createAction({ data: action('Ghana III', { titleEn: 'Ghana III: trafficking in human beings', domain: 'IMT', countries: ['GH'], topics: ['IMT-THB'], startDate: '2015-08', endDate: '2020-04', summary: 'Training of immigration officers to identify victims of trafficking in human beings.' }) }));
  await add('teh', core.createAction({ data: action('Bénin II', { titleEn: null, titleFr: 'Bénin II : coopération transfrontalière contre la traite des êtres humains', language: 'fr', domain: 'IMT', countries: ['BJ'], topics: ['IMT-THB'], startDate: '2017', summary: "Renforcement des capacités des forces de l'ordre contre la traite des êtres humains et la gestion transfrontalière." }) }));
  await add('refugees', core.createAction({ data: action('Mexico IV', { titleEn: 'Mexico IV: integration of refugees', domain: 'IP', countries: ['MX'], topics: ['IP-REFINTEG'], startDate: '2019-01', summary: "Intégration des réfugiés et accès à la santé; l'Union européenne partage ses pratiques." }) }));
  await add('treaty', core.createAction({ data: action('Moldova V', { titleEn: 'Moldova V: readmission agreements', domain: 'IMT', countries: ['MD'], topics: ['IMT-RETURN'], startDate: '2012', summary: 'Un traité de réadmission et sa mise en œuvre par la police des frontières.' }) }));
  await add('remit', core.createAction({ data: action('Senegal I', { titleEn: 'Senegal I: remittances', countries: ['SN'], topics: ['MD-REMIT'], startDate: '2014', summary: 'Lowering the cost of remittances sent by Senegalese abroad.' }) }));
  await add('lessonFr', core.createLesson({ data: { title: 'Cartographier la diaspora avant de rédiger la politique', polarity: 'good_practice', language: 'fr', actions: ['Ghana IV'], lesson: "La main-d'œuvre qualifiée de la diaspora s'est mobilisée quand l'ambassade a relayé l'enquête." } }));
  await add('lessonEn', core.createLesson({ data: { title: 'Keep the same counterpart across activities', polarity: 'problem', language: 'en', actions: ['Ghana III'], lesson: 'Three changes of counterpart slowed the training of trainers.' } }));
  await add('helene', core.createExpert({ data: { givenName: 'Hélène', familyName: 'Dupré', email: 'h.dupre@example.fr', institution: "Ministère de l'Intérieur", memberState: 'FR', topics: ['IMT-BORDER'], expertise: 'Gestion intégrée des frontières et lutte contre le trafic illicite de migrants.' } }));
  await add('soren', core.createExpert({ data: { givenName: 'Søren', familyName: 'Østergaard', email: 's.o@example.dk', memberState: 'DK', topics: ['MD-DIASPORA'], expertise: 'Diaspora mapping and engagement.' } }));
});

const search = async (query: string, extra: object = {}): Promise<SearchResult> => ok(await core.search({ query, ...extra }));
const found = async (query: string, extra: object = {}) => (await search(query, extra)).hits.map((h) => h.id);
const codes = async (query: string, extra: object = {}) => (await search(query, extra)).hits.map((h) => h.code ?? h.title);

describe('matching forgives accents, ligatures, elisions and case', () => {
  it.each([
    ['refugies', 'refugees'],
    ['RÉFUGIÉS', 'refugees'],
    ['oeuvre', 'lessonFr'],
    ['main-d’œuvre', 'lessonFr'],
    ['union', 'refugees'],
    ['etre humain', 'teh'],
    ['benin', 'teh'],
    ['soren ostergaard', 'soren'],
    ['dupre', 'helene'],
  ])('%s finds its record', async (query, key) => {
    expect(await found(query)).toContain(ids[key]);
  });

  it('highlights the matched words in the snippet even when folded', async () => {
    const r = await search('refugies union');
    const hit = r.hits.find((h) => h.id === ids.refugees)!;
    expect(hit.segments.filter((s) => s.hit).map((s) => s.text)).toEqual(expect.arrayContaining(['réfugiés', 'Union']));
    expect(hit.matchedFields).toContain('summary');
    expect(hit.titleSegments.filter((s) => s.hit).map((s) => s.text)).toEqual(['refugees']);
    const oe = (await search('oeuvre')).hits.find((h) => h.id === ids.lessonFr)!;
    expect(oe.segments.filter((s) => s.hit).map((s) => s.text)).toEqual(['œuvre']);
  });
});

describe('prefixes, substrings and stems', () => {
  it('matches every term as a prefix while typing', async () => {
    expect(await found('diasp eng')).toEqual(expect.arrayContaining([ids.ghana4, ids.soren]));
    expect(await found('traff')).toContain(ids.thb);
  });

  it('answers one or two typed letters from titles, most recently added first, facets left for later', async () => {
    const r = await search('gh');
    expect(r.hits.map((h) => h.code)).toEqual(['Ghana III', 'Ghana IV']);
    expect(r.total).toBe(2);
    expect(r.facets).toEqual({});
    expect(r.hits[0]!.titleSegments.find((s) => s.hit)?.text).toBe('Ghana');
    expect((await search('gh', { filters: { type: ['action'] } })).facets.type).toEqual([{ value: 'action', count: 2 }]);
  });

  it('reads two letters beside longer words as a whole word of the text or the start of a title word', async () => {
    const kb = createCore({ dbPath: ':memory:' });
    const add = async (code: string, titleEn: string, summary: string) => ok(await kb.createAction({ data: action(code, { titleEn, summary }) })).id;
    const card = await add('A1', 'Border checks', 'Issuing ID cards at border posts.');
    const identity = await add('A2', 'Border identity documents', 'Passports and visas.');
    await add('A3', 'Border posts', 'Patrols.');
    const idea = await add('A4', 'Border policy', 'A new idea for patrols.');
    const find = async (query: string) => ok(await kb.search({ query })).hits.map((h) => h.id);
    expect((await find('border id')).sort()).toEqual([card, identity].sort());
    expect(await find('border ide')).toEqual(expect.arrayContaining([identity, idea]));
    kb.close();
  });

  it('matches inside titles, codes and names', async () => {
    expect(await found('frontal')).toContain(ids.teh);
    expect(await found('dupr')).toContain(ids.helene);
    expect(await found('stergaard')).toContain(ids.soren);
  });

  it('stems plurals and inflections, but a quoted word is exact', async () => {
    expect(await found('remittance')).toContain(ids.remit);
    expect(await found('trainings')).toEqual(expect.arrayContaining([ids.thb, ids.lessonEn]));
    expect(await found('traite')).toEqual(expect.arrayContaining([ids.teh, ids.treaty]));
    const quoted = await found('"traite"');
    expect(quoted).toContain(ids.teh);
    expect(quoted).not.toContain(ids.treaty);
    expect(await found('"traité"')).toEqual([ids.treaty]);
  });

  it('ranks the exact form above the stemmed one', async () => {
    const core2 = createCore({ dbPath: ':memory:' });
    const mk = (code: string, summary: string) => core2.createAction({ data: action(code, { titleEn: code, summary }) });
    ok(await mk('A I', 'Work on the national policies of the region.'));
    ok(await mk('B I', 'Work on the national policy of the region.'));
    const r = ok(await core2.search({ query: 'policy' }));
    expect(r.hits.map((h) => h.code)).toEqual(['B I', 'A I']);
    core2.close();
  });
});

describe('bilingual thesaurus', () => {
  it('a French query finds English records and the reverse', async () => {
    expect(await found('traite des êtres humains')).toEqual(expect.arrayContaining([ids.thb, ids.teh]));
    expect(await found('trafficking in human beings')).toEqual(expect.arrayContaining([ids.thb, ids.teh]));
    expect(await found('transferts de fonds')).toContain(ids.remit);
    expect(await found('réfugié')).toContain(ids.refugees);
  });

  it('expands acronyms in capitals', async () => {
    expect(await found('THB')).toEqual(expect.arrayContaining([ids.thb, ids.teh]));
  });

  it('matches a term of several words whatever small words stand between them, and only in its order', async () => {
    const own = createCore({ dbPath: ':memory:' });
    const create = async (code: string, summary: string) =>
      ok(await own.createAction({ data: action(code, { titleFr: `${code} : appui`, language: 'fr', summary, domain: 'IMT', topics: ['IMT-BORDER'] }) })).id;
    const aux = await create('Niger I', "Appui à la gestion intégrée aux frontières dans la région d'Agadez.");
    const reversed = await create('Niger II', 'Des frontières à la gestion : intégrée plus tard.');
    const idsOf = async (query: string) => ok(await own.search({ query })).hits.map((h) => h.id);
    expect(await idsOf('integrated border management')).toEqual([aux]);
    expect(await idsOf('IBM')).toEqual([aux]);
    expect(await idsOf('IBM')).not.toContain(reversed);
    own.close();
  });
});

describe('places', () => {
  it('a region or country named in a query finds the records there, in either language, even when their text never names it', async () => {
    const own = createCore({ dbPath: ':memory:' });
    const create = async (code: string, countries: string[], summary: string) =>
      ok(await own.createAction({ data: action(code, { titleEn: `${code}: consultations`, countries, summary }) })).id;
    const ghana = await create('Ghana V', ['GH'], 'Consultations with the diaspora on the engagement policy.');
    const kenya = await create('Kenya I', ['KE'], 'Consultations with the diaspora on the engagement policy.');
    const idsOf = async (query: string) => ok(await own.search({ query })).hits.map((h) => h.id);
    expect(await idsOf('West Africa')).toEqual([ghana]);
    expect(await idsOf("Afrique de l'Ouest")).toEqual([ghana]);
    expect((await idsOf('diaspora West Africa'))[0]).toBe(ghana);
    // A word of a region's name is no place: "central" is not "Western and Central Africa".
    expect(await idsOf('central')).toEqual([]);
    expect(await idsOf('diaspora')).toEqual(expect.arrayContaining([ghana, kenya]));
    own.close();
  });
});

describe('word pairs', () => {
  it('pair neighbouring words, skipping small ones, under a prefix no word has', () => {
    expect(wordPairs(['engagement', 'de', 'la', 'diaspora'])).toEqual(['_engagement_diaspora']);
    expect(wordPairs(['trafficking', 'in', 'human', 'beings'])).toEqual(['_trafficking_human', '_human_beings']);
    expect(wordPairs(['the', 'diaspora'])).toEqual([]);
  });
});

describe('more words than any record holds', () => {
  it('shows the records with all the words first, then those with some of them', async () => {
    const r = await search('diaspora engagement West Africa');
    expect(r.hits.length).toBeGreaterThan(2);
    expect(r.hits.map((h) => h.id)).toEqual(expect.arrayContaining([ids.ghana4, ids.ci, ids.soren]));
    const strictFirst = await search('diaspora mapping engagement');
    expect(strictFirst.hits[0]!.id).toBe(ids.soren);
  });

  it('reads a question for its subject, in English and in French', async () => {
    const r = await search('What did we learn about diaspora engagement policy?');
    expect(r.hits[0]!.id).toBe(ids.ghana4);
    expect(r.hits.map((h) => h.id)).toContain(ids.ci);
    // The question's words are not highlighted ("we" would light up "West" everywhere).
    expect(r.hits[0]!.segments.filter((s) => s.hit).map((s) => s.text.toLowerCase())).not.toContain('what');
    expect((await found("Qu'avons-nous appris sur la politique de la diaspora ?")).slice(0, 2)).toEqual(expect.arrayContaining([ids.ci, ids.ghana4]));
  });

  it('when all the words find nothing, a two-letter word no longer rules out the records with the others', async () => {
    expect(await found('Senegal remittances zq')).toContain(ids.remit);
  });

  it('reads a French elision typed without its apostrophe as part of the next word', async () => {
    expect((await search('main d oeuvre')).hits[0]!.id).toBe(ids.lessonFr);
    expect((await search('l union')).hits.map((h) => h.id)).toEqual([ids.refugees]);
  });
});

describe('did you mean', () => {
  it('corrects a typo from the vocabulary and applies it when nothing was found', async () => {
    const r = await search('diaspotra');
    expect(r).toMatchObject({ suggestion: 'diaspora', suggestionApplied: true });
    expect(r.hits.map((h) => h.id)).toContain(ids.ghana4);
  });

  it('counts a transposition as one edit, and allows two edits from 9 letters', async () => {
    expect((await search('remittacnes')).suggestion).toBe('remittances');
    expect((await search('engagemnet')).suggestion).toBe('engagement');
    expect((await search('finalisatoin')).suggestion).toBe('finalisation');
    expect((await search('trafiking')).suggestion).toBe('trafficking');
  });

  it('does not correct short words or words that exist', async () => {
    expect((await search('zqx')).suggestion).toBeNull();
    expect((await search('policy')).suggestion).toBeNull();
  });
});

describe('query syntax never errors', () => {
  it('supports -exclude, OR and field filters in English and French', async () => {
    const notThb = await found('ghana -trafficking');
    expect(notThb).toEqual(expect.arrayContaining([ids.ghana4, ids.lessonFr]));
    expect(notThb).not.toContain(ids.thb);
    expect(notThb).not.toContain(ids.lessonEn);
    expect(await found('ghana -"diaspora engagement" -trafficking')).toEqual([]);
    expect(await found('remittances OR refugees')).toEqual(expect.arrayContaining([ids.remit, ids.refugees]));
    expect(await found('diaspora type:action', { limit: 50 })).toEqual(expect.arrayContaining([ids.ghana4, ids.ci]));
    expect(await found('diaspora type:expert')).toEqual([ids.soren]);
    expect(await found('diaspora pays:"Côte d\'Ivoire"')).toEqual([ids.ci]);
    expect(await found('diaspora country:GH')).toEqual(expect.arrayContaining([ids.ghana4, ids.lessonFr]));
    expect(await found('domain:IMT type:action', { sort: 'date' })).toEqual([ids.teh, ids.thb, ids.treaty]);
    expect(await found('region:"Afrique de l\'Ouest et du Centre" type:action', { sort: 'title' })).toHaveLength(5);
    expect(await found('type:action year:2019')).toEqual(expect.arrayContaining([ids.ghana4, ids.thb, ids.refugees]));
    expect(await codes('type:action year:2012..2014', { sort: 'date' })).toEqual(['Senegal I', 'Moldova V']);
    expect(await found('diaspora lang:français')).toEqual(expect.arrayContaining([ids.ci, ids.lessonFr]));
    expect(await found('status:ongoing')).toEqual([ids.ci]);
    expect(await found('topic:"traite des êtres humains"', { sort: 'date' })).toEqual([ids.teh, ids.thb, ids.lessonEn]);
    expect(await found('country:Atlantis diaspora')).toEqual([]);
    expect(await found('diaspora pays:ghanna type:action')).toEqual([ids.ghana4]);
  });

  const nasty = [
    '', ' ', '"', '""', '"unclosed phrase', "'", '’', '-', '--', '- -', 'OR', 'OR OR', 'AND', 'NOT', 'NEAR(a b)', '*', 'a*', '^', 'title:', ':',
    'col:"x"', 'diaspora)', '(diaspora', '{title}: x', "'; DROP TABLE actions; --", 'SELECT * FROM experts', '1=1', '\u0000', 'dia\u0000spora',
    '\u00a0diaspora\u00a0', '😀', '😀 diaspora', '移民', 'مهاجر', 'x'.repeat(10_000), 'diaspora '.repeat(1500), 'a', 'é', 'œ', 'l’', "l'",
    'type:', 'year:abcd', 'year:1800..9999', 'country:"', '-"', '"-"', 'a-b-c-d', '\\', '%', '_', 'AND OR NOT', 'diaspora NOT', 'foo:bar',
  ];
  it.each(nasty.map((q) => [JSON.stringify(q).slice(0, 40), q]))('%s answers without an error', async (_label, q) => {
    const r = await core.search({ query: q });
    expect(r.ok).toBe(true);
    if (r.ok) expect(Array.isArray(r.value.hits)).toBe(true);
  });

  it('still finds what is findable inside messy input', async () => {
    expect(await found('\u00a0diaspora\u00a0')).toContain(ids.ghana4);
    expect(await found('😀 diaspora')).toContain(ids.ghana4);
    expect(await found('(diaspora')).toContain(ids.ghana4);
  });
});

describe('ranking, sorting and facets', () => {
  it('puts an exact code first and the title above the body', async () => {
    expect((await found('ghana iii'))[0]).toBe(ids.thb);
    expect((await found('remittances'))[0]).toBe(ids.remit);
  });

  it('sorts by date and by title', async () => {
    const byDate = (await search('ghana', { sort: 'date', types: ['action'] })).hits.map((h) => h.code);
    expect(byDate).toEqual(['Ghana IV', 'Ghana III']);
    const byTitle = (await search('diaspora', { sort: 'title', types: ['action'] })).hits.map((h) => h.code);
    expect(byTitle).toEqual(["Côte d'Ivoire I", 'Ghana IV']);
  });

  it('counts facets, OR within a facet and AND across, each ignoring its own filter', async () => {
    const all = await search('diaspora');
    expect(all.total).toBe(4);
    expect(all.facets.type).toEqual([
      { value: 'action', count: 2 },
      { value: 'expert', count: 1 },
      { value: 'lesson', count: 1 },
    ]);
    const f = await search('diaspora', { filters: { type: ['action', 'lesson'], country: ['GH'] } });
    expect(f.total).toBe(2);
    expect(f.facets.type).toEqual([
      { value: 'action', count: 1 },
      { value: 'lesson', count: 1 },
    ]);
    expect(f.facets.country).toEqual(expect.arrayContaining([{ value: 'GH', count: 2 }, { value: 'CI', count: 1 }]));
    expect(f.facets.region).toEqual(expect.arrayContaining([{ value: 'WCA', count: 2 }]));
  });

  it('shows the hit in the other language\'s title when the displayed title lacks it', async () => {
    const c = createCore({ dbPath: ':memory:' });
    ok(await c.createAction({ data: action('COMESA', { titleEn: 'COMESA: border management', titleFr: 'COMESA : gestion des frontières', summary: 'Health crises.' }) }));
    const h = ok(await c.search({ query: 'frontieres' })).hits[0]!;
    expect(h.matchedFields).toEqual(['title']);
    expect(h.segments.filter((s) => s.hit).map((s) => s.text)).toEqual(['frontières']);
    c.close();
  });

  it('pages with a total and names the type, code, title and matched fields of each hit', async () => {
    const p1 = await search('ghana', { limit: 2 });
    const p2 = await search('ghana', { limit: 2, offset: 2 });
    expect(p1.total).toBe(p2.total);
    expect(new Set([...p1.hits, ...p2.hits].map((h) => h.id)).size).toBe(p1.hits.length + p2.hits.length);
    const h = (await search('Ghana IV')).hits[0]!;
    expect(h).toMatchObject({ type: 'action', code: 'Ghana IV', title: 'Ghana IV: finalisation of the diaspora engagement policy', matchedFields: expect.arrayContaining(['title']) });
    expect(h.facts).toMatchObject({ countries: ['GH'], domain: 'MD', startDate: '2019-03' });
  });
});

describe('the index follows every write', () => {
  it('sees what another process wrote to the same file (the CLI while the app is open)', async () => {
    const file = `${tempDir()}/shared.sqlite`;
    const app = createCore({ dbPath: file });
    const cli = createCore({ dbPath: file });
    ok(await app.createAction({ data: action('Alpha I', { titleEn: 'Alpha I: pelican survey' }) }));
    expect(ok(await app.search({ query: 'pelican' })).total).toBe(1);
    ok(await cli.createAction({ data: action('Beta I', { titleEn: 'Beta I: pelican census' }) }));
    expect(ok(await app.search({ query: 'pelican', sort: 'title' })).hits.map((h) => h.code)).toEqual(['Alpha I', 'Beta I']);
    ok(await app.createAction({ data: action('Aardvark I', { titleEn: 'Aardvark I: another pelican' }) }));
    expect(ok(await app.search({ query: 'pelican', sort: 'title' })).hits.map((h) => h.code)).toEqual(['Aardvark I', 'Alpha I', 'Beta I']);
    app.close();
    cli.close();
  });

  it('insert, update and delete of each type are searchable at once', async () => {
    const c = createCore({ dbPath: ':memory:' });
    const a = ok(await c.createAction({ data: action('Zanzibar I', { titleEn: 'Zanzibar I: seaweed cooperatives' }) }));
    expect(ok(await c.search({ query: 'seaweed' })).total).toBe(1);
    ok(await c.updateAction({ id: a.id, data: { titleEn: 'Zanzibar I: fisheries' } }));
    expect(ok(await c.search({ query: 'seaweed' })).total).toBe(0);
    expect(ok(await c.search({ query: 'fisheries' })).total).toBe(1);
    const l = ok(await c.createLesson({ data: { title: 'Kelp lesson', polarity: 'success', actions: [a.id] } }));
    expect(ok(await c.search({ query: 'kelp country:TZ' })).total).toBe(0);
    ok(await c.updateAction({ id: a.id, data: { countries: ['TZ'] } }));
    expect(ok(await c.search({ query: 'kelp country:TZ' })).total).toBe(1);
    ok(await c.deleteLesson({ id: l.id }));
    ok(await c.deleteAction({ id: a.id }));
    expect(ok(await c.search({ query: 'fisheries' })).total).toBe(0);
    expect(ok(await c.search({ query: 'kelp' })).total).toBe(0);
    const e = ok(await c.createExpert({ data: { givenName: 'Ana', familyName: 'Quintela' } }));
    expect(ok(await c.search({ query: 'quintela' })).total).toBe(1);
    ok(await c.deleteExpert({ id: e.id }));
    expect(ok(await c.search({ query: 'quintela' })).total).toBe(0);
    c.close();
  });
});
