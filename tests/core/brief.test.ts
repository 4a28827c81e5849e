import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Brief, BriefExpert, MethodInput } from '../../src/shared/api';
import { COUNTRY_LANGUAGES } from '../../src/core/brief/country-languages';
import { MIEUX_REGION_COUNTRIES } from '../../src/core/reference/country-regions';
import { DEFAULT_WEIGHTS } from '../../src/core/brief/weights';
import { demoPath } from '../../src/core';
import { err, newCore, ok } from './helpers';

const id = (kind: number, n: number) => `${String(kind).padStart(8, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const A = { ci: id(1, 1), gh: id(1, 2), ke: id(1, 3), md: id(1, 4), th: id(1, 5), source: id(1, 6) };
const L = { ciTopic: id(2, 1), ghTopic: id(2, 2), ciProblem: id(2, 3), ciDraft: id(2, 4), retired: id(2, 5), ke: id(2, 6) };
const E = { fr: id(3, 1), unavailable: id(3, 2), english: id(3, 3), withdrawn: id(3, 4), restricted: id(3, 5), frB1: id(3, 6), archived: id(3, 7), busy: id(3, 8) };

const consent = { givenOn: '2024-01-01', basis: 'consent', withdrawnOn: null };
const expert = (key: keyof typeof E, over: Record<string, unknown>) => ({
  id: E[key],
  givenName: key,
  familyName: 'Expert',
  email: `${key}@example.eu`,
  memberState: 'FR',
  languages: [{ code: 'fr', level: 'native' }],
  topics: ['MD-DIASPORA'],
  availability: 'available',
  lastConfirmedOn: '2026-06',
  consent,
  ...over,
});

/** A small knowledge base where each record differs from its rival in one way only. */
const FIXTURE = {
  format: 'mieux-kb',
  version: 1,
  actions: [
    { id: A.ci, code: "Côte d'Ivoire I", titleEn: "Côte d'Ivoire I: diaspora engagement", domain: 'MD', topics: ['MD-DIASPORA'], countries: ['CI'], startDate: '2022-01', endDate: '2023-06', summary: 'Mapping of the Ivorian diaspora and a first engagement strategy.' },
    { id: A.gh, code: 'Ghana IV', titleEn: 'Ghana IV: diaspora engagement policy', domain: 'MD', topics: ['MD-DIASPORA'], countries: ['GH'], startDate: '2019-05', endDate: '2020-12', summary: 'Finalisation of the diaspora engagement policy.' },
    { id: A.ke, code: 'Kenya II', titleEn: 'Kenya II: counter-trafficking training', domain: 'IMT', topics: ['IMT-THB'], countries: ['KE'], startDate: '2021-03', endDate: '2022-03', summary: 'Training of labour inspectors on forced labour indicators.' },
    { id: A.md, code: 'Moldova VII', titleEn: 'Moldova VII: remittances for local development', domain: 'MD', topics: ['MD-REMIT'], countries: ['MD'], startDate: '2022-02', endDate: '2023-02', summary: 'Channelling remittances and diaspora engagement into local development plans.' },
    { id: A.th, code: 'Thailand I', titleEn: 'Thailand I: victim identification', domain: 'IMT', topics: ['IMT-SMUG'], countries: ['TH'], startDate: '2018-01', endDate: '2019-01', summary: 'Standard operating procedures to identify victims of trafficking in human beings at the border.' },
    { id: A.source, code: "Côte d'Ivoire II", titleEn: "Côte d'Ivoire II: diaspora engagement policy", status: 'in_preparation', domain: 'MD', topics: ['MD-DIASPORA'], countries: ['CI'], startDate: '2027-03', summary: 'Drafting the national diaspora engagement policy.' },
  ],
  lessons: [
    { id: L.ciTopic, title: 'Ivorian associations need a single contact point', polarity: 'success', reviewStatus: 'validated', actions: [A.ci], recordedOn: '2023-06', recommendation: 'Name one focal point.' },
    { id: L.ghTopic, title: 'Ghanaian associations need a single contact point', polarity: 'success', reviewStatus: 'validated', actions: [A.gh], recordedOn: '2023-06', recommendation: 'Name one focal point.' },
    { id: L.ciProblem, title: 'Survey response was low', polarity: 'problem', reviewStatus: 'validated', actions: [A.ci], recordedOn: '2023-06', recommendation: 'Pair surveys with meetings.' },
    { id: L.ciDraft, title: 'Draft note on survey response', polarity: 'problem', reviewStatus: 'draft', actions: [A.ci], recordedOn: '2023-06', recommendation: 'Pair surveys with meetings.' },
    { id: L.retired, title: 'Superseded advice on diaspora mapping', polarity: 'problem', reviewStatus: 'retired', actions: [A.ci], recordedOn: '2023-06' },
    { id: L.ke, title: 'Inspectors need refresher courses', polarity: 'good_practice', reviewStatus: 'validated', actions: [A.ke], recordedOn: '2022-03' },
  ],
  experts: [
    expert('fr', {}),
    expert('unavailable', { availability: 'unavailable' }),
    expert('english', { languages: [{ code: 'en', level: 'C2' }] }),
    expert('withdrawn', { consent: { ...consent, withdrawnOn: '2026-01-01' } }),
    expert('restricted', { restricted: true }),
    expert('frB1', { languages: [{ code: 'fr', level: 'B1' }, { code: 'en', level: 'native' }] }),
    expert('archived', { rosterStatus: 'archived' }),
    expert('busy', {}),
  ],
  deployments: [
    { id: id(4, 1), expert: E.fr, action: A.gh, role: 'expert', activityType: 'workshop', startDate: '2024-05', rating: 5 },
    { id: id(4, 2), expert: E.withdrawn, action: A.ci, role: 'expert', activityType: 'workshop', startDate: '2023-01', rating: 5 },
    { id: id(4, 3), expert: E.restricted, action: A.ci, role: 'expert', activityType: 'workshop', startDate: '2023-01', rating: 5 },
    { id: id(4, 4), expert: E.busy, action: A.gh, role: 'expert', activityType: 'workshop', startDate: '2024-05', rating: 5 },
    { id: id(4, 5), expert: E.busy, action: A.ke, role: 'trainer', activityType: 'training', startDate: '2027-03-10', endDate: '2027-03-20' },
  ],
};

async function fixtureCore() {
  const core = newCore();
  const report = ok(await core.importExchange({ document: FIXTURE }));
  expect(report.rejections).toEqual([]);
  return core;
}

const request = (over: Partial<MethodInput<'prepareBrief'>> = {}): MethodInput<'prepareBrief'> => ({
  draft: { countries: ['CI'], topics: ['MD-DIASPORA'], from: '2027-03', to: '2027-04' },
  asOf: '2026-11-29',
  ...over,
});

const ids = (list: { id: string }[]) => list.map((x) => x.id);
const byId = <T extends { id: string }>(list: T[], key: string) => list.find((x) => x.id === key);

function expectExplained(item: { score: number; factors: { value: number; weight: number; points: number; factor: string; detail: string }[] }, names: readonly string[]) {
  expect(item.factors.map((f) => f.factor)).toEqual(names);
  for (const f of item.factors) {
    expect(f.value).toBeGreaterThanOrEqual(0);
    expect(f.value).toBeLessThanOrEqual(1);
    expect(f.points).toBeCloseTo(f.value * f.weight, 1);
    expect(f.detail.length).toBeGreaterThan(0);
  }
  expect(item.score).toBeCloseTo(item.factors.reduce((s, f) => s + f.points, 0), 0);
}

describe('prepareBrief: similar past Actions', () => {
  it('ranks same country and topic first, then same region, with one-line reasons; unrelated Actions stay out', async () => {
    const core = await fixtureCore();
    const brief = ok(await core.prepareBrief(request()));
    // The Action in preparation for the same country is the most recent: first.
    expect(ids(brief.actions)).toEqual([A.source, A.ci, A.gh]);
    expect(byId(brief.actions, A.gh)!.reason).toBe('same topic MD-DIASPORA, same region WCA');
    expect(byId(brief.actions, A.ci)!.reason).toBe('same topic MD-DIASPORA, same country CI, recent (2023)');
    const described = ok(await core.prepareBrief(request({ draft: { countries: ['CI'], topics: ['MD-DIASPORA'], text: 'Support to a diaspora engagement policy' } })));
    expect(byId(described.actions, A.gh)!.reason).toBe('same topic MD-DIASPORA, similar description, same region WCA');
    expect(ids(brief.actions)).not.toContain(A.ke);
    expect(ids(brief.actions)).not.toContain(A.th);
    for (const a of brief.actions) expectExplained(a, ['topic', 'text', 'place', 'recency', 'domain']);
    expect(brief.request).toMatchObject({ countries: ['CI'], regions: ['WCA'], topics: ['MD-DIASPORA'], from: '2027-03', languages: [{ country: 'CI', official: ['fr'] }] });
  });

  it('finds Actions by their text alone, across languages through the thesaurus', async () => {
    const core = await fixtureCore();
    // Only a description, matching Moldova VII's summary (stemmed: "remittance", "plans"), under no requested topic.
    const english = ok(await core.prepareBrief({ draft: { text: 'A remittance scheme feeding local development plans' }, asOf: '2026-11-29' }));
    expect(ids(english.actions)[0]).toBe(A.md);
    expect(byId(english.actions, A.md)!.reasons).toContain('similar description');
    expect(byId(english.actions, A.md)!.factors.find((f) => f.factor === 'text')!.value).toBeGreaterThan(0);
    expect(ids(english.actions)).not.toContain(A.ke);
    // French words that the English summary never uses: only the thesaurus links them.
    const french = ok(await core.prepareBrief({ draft: { text: 'Lutte contre la traite des êtres humains' }, asOf: '2026-11-29' }));
    // "trafficking in human beings" (Thailand I) above "counter-trafficking" (Kenya II).
    expect(ids(french.actions)).toEqual([A.th, A.ke]);
    expect(french.request.textTerms).toContain('traite des êtres humains');
  });

  it('prepares from an existing Action: its own fields, never itself', async () => {
    const core = await fixtureCore();
    const brief = ok(await core.prepareBrief({ actionId: A.source, asOf: '2026-11-29' }));
    expect(brief.request).toMatchObject({ action: { id: A.source, code: "Côte d'Ivoire II" }, countries: ['CI'], topics: ['MD-DIASPORA'], domain: 'MD', from: '2027-03' });
    expect(ids(brief.actions)).not.toContain(A.source);
    expect(ids(brief.actions)[0]).toBe(A.ci);
    // Draft fields that are given win over the Action's.
    const moved = ok(await core.prepareBrief({ actionId: A.source, draft: { countries: ['GH'] }, asOf: '2026-11-29' }));
    expect(moved.request.countries).toEqual(['GH']);
    expect(ids(moved.actions)[0]).toBe(A.gh);
  });
});

describe('prepareBrief: applicable lessons', () => {
  it('same country and topic above same region; problems before successes; validated before draft; retired never', async () => {
    const core = await fixtureCore();
    const brief = ok(await core.prepareBrief(request()));
    const order = ids(brief.lessons);
    expect(order.indexOf(L.ciTopic)).toBeLessThan(order.indexOf(L.ghTopic));
    expect(order.indexOf(L.ciProblem)).toBeLessThan(order.indexOf(L.ciTopic));
    expect(order.indexOf(L.ciProblem)).toBeLessThan(order.indexOf(L.ciDraft));
    expect(order).not.toContain(L.retired);
    expect(order).not.toContain(L.ke);
    expect(byId(brief.lessons, L.ghTopic)!.reasons).toEqual(expect.arrayContaining(['same topic MD-DIASPORA', 'same region WCA', 'from Ghana IV']));
    expect(byId(brief.lessons, L.ciProblem)!.reason).toMatch(/^same topic MD-DIASPORA, same country CI/);
    for (const l of brief.lessons) expectExplained(l, ['topic', 'place', 'similarAction', 'kind', 'review', 'recency']);
  });
});

describe('prepareBrief: expert shortlist', () => {
  it('a French-speaking diaspora expert recently deployed in West Africa outranks an unavailable one; hidden and archived experts never appear', async () => {
    const core = await fixtureCore();
    const brief = ok(await core.prepareBrief(request()));
    const order = ids(brief.experts);
    expect(order[0]).toBe(E.fr);
    expect(order.indexOf(E.fr)).toBeLessThan(order.indexOf(E.unavailable));
    expect(order).not.toContain(E.withdrawn);
    expect(order).not.toContain(E.restricted);
    expect(order).not.toContain(E.archived);
    const fr = byId(brief.experts, E.fr)!;
    expectExplained(fr, ['topic', 'language', 'availability', 'freshness', 'region', 'rating']);
    const f = Object.fromEntries(fr.factors.map((x) => [x.factor, x]));
    expect(f.language).toMatchObject({ value: 1, detail: 'CI: fr native' });
    expect(f.region!.value).toBeGreaterThan(0);
    expect(f.rating).toMatchObject({ value: 1 });
    expect(fr.regionDeployments).toEqual([expect.objectContaining({ actionCode: 'Ghana IV', rating: 5, countries: ['GH'] })]);
    const unavailable = byId(brief.experts, E.unavailable)!;
    expect(unavailable.factors.find((x) => x.factor === 'availability')).toMatchObject({ value: 0, points: 0 });
  });

  it('counts a working language only at B2 or better, and an overlapping deployment as less available', async () => {
    const core = await fixtureCore();
    const brief = ok(await core.prepareBrief(request()));
    const lang = (e: BriefExpert | undefined) => e!.factors.find((x) => x.factor === 'language')!;
    expect(lang(byId(brief.experts, E.english))).toMatchObject({ value: 0, detail: 'CI: none of fr' });
    expect(lang(byId(brief.experts, E.frB1))).toMatchObject({ value: 0, detail: 'CI: fr B1 is below B2' });
    const order = ids(brief.experts);
    expect(order.indexOf(E.fr)).toBeLessThan(order.indexOf(E.english));
    const busy = byId(brief.experts, E.busy)!.factors.find((x) => x.factor === 'availability')!;
    expect(busy.value).toBe(0.5);
    expect(busy.detail).toContain('already deployed in the planned period (Kenya II 2027-03-10)');
    expect(order.indexOf(E.fr)).toBeLessThan(order.indexOf(E.busy));
    // The level needed is the caller's to set: at B1 the B1 speaker counts.
    const b1 = ok(await core.prepareBrief(request({ languageLevel: 'B1' })));
    expect(lang(byId(b1.experts, E.frB1)).value).toBe(1);
  });

  it('uses the weights given with the request, and says which it used', async () => {
    const core = await fixtureCore();
    const brief = ok(await core.prepareBrief(request({ weights: { experts: { availability: 0, region: 0, rating: 0 } } })));
    expect(brief.weights.experts).toEqual({ ...DEFAULT_WEIGHTS.experts, availability: 0, region: 0, rating: 0 });
    expect(brief.weights.actions).toEqual(DEFAULT_WEIGHTS.actions);
    // Without availability and regional experience, the unavailable expert ties with the first.
    expect(byId(brief.experts, E.unavailable)!.score).toBe(byId(brief.experts, E.fr)!.score);
  });
});

describe('prepareBrief: adjustments', () => {
  it('pinned items stay (first, marked), removed items disappear and the next ones move up', async () => {
    const core = await fixtureCore();
    const before = ok(await core.prepareBrief(request({ limits: { actions: 2, lessons: 2, experts: 2 } })));
    expect(ids(before.actions)).toEqual([A.source, A.ci]);
    const after = ok(
      await core.prepareBrief(
        request({
          limits: { actions: 2, lessons: 2, experts: 2 },
          pinned: { actions: [A.ke], lessons: [L.ke], experts: [E.english] },
          removed: { actions: [A.source], lessons: [], experts: [E.fr] },
        }),
      ),
    );
    expect(ids(after.actions)).toEqual([A.ke, A.ci]);
    expect(after.actions.map((a) => a.pinned)).toEqual([true, false]);
    expect(after.lessons[0]).toMatchObject({ id: L.ke, pinned: true });
    expect(ids(after.experts)[0]).toBe(E.english);
    expect(ids(after.experts)).not.toContain(E.fr);
    expect(ids(after.experts)).toHaveLength(2);
    // A pinned Action counts as similar: its lessons are "from" it.
    expect(byId(after.lessons, L.ke)!.reasons).toContain('from Kenya II');
  });

  it('never shows a hidden expert or a retired lesson, even pinned, and reports them as dropped', async () => {
    const core = await fixtureCore();
    const brief: Brief = ok(await core.prepareBrief(request({ pinned: { actions: [id(1, 99)], lessons: [L.retired], experts: [E.withdrawn, E.restricted, E.fr] } })));
    expect(ids(brief.experts)).not.toContain(E.withdrawn);
    expect(ids(brief.experts)).not.toContain(E.restricted);
    expect(brief.experts[0]).toMatchObject({ id: E.fr, pinned: true });
    expect(ids(brief.lessons)).not.toContain(L.retired);
    expect(brief.dropped).toEqual({ actions: [id(1, 99)], lessons: [L.retired], experts: [E.withdrawn, E.restricted] });
  });

  it('follows every change between two briefs, made here or by another connection to the same file', async () => {
    const core = await fixtureCore();
    const first = ok(await core.prepareBrief(request()));
    expect(ids(first.experts)).toContain(E.fr);

    ok(await core.withdrawConsent({ id: E.fr }));
    const created = ok(await core.createExpert({ data: { givenName: 'Awa', familyName: 'Newcomer', email: 'awa@example.eu', topics: ['MD-DIASPORA'], languages: [{ code: 'fr', level: 'C2' }] } }));
    ok(await core.updateAction({ id: A.gh, data: { topics: ['IMT-THB'], countries: ['KE'] } }));
    const second = ok(await core.prepareBrief(request()));
    expect(ids(second.experts)).not.toContain(E.fr);
    expect(ids(second.experts)).toContain(created.id);
    expect(ids(second.actions)).not.toContain(A.gh);

    // The CLI or a second window writes through its own connection.
    const other = newCore({ dbPath: core.dbPath });
    ok(await other.deleteAction({ id: A.ci }));
    const third = ok(await core.prepareBrief(request()));
    expect(ids(third.actions)).not.toContain(A.ci);
  });

  it('removed wins over pinned', async () => {
    const core = await fixtureCore();
    const brief = ok(await core.prepareBrief(request({ pinned: { actions: [A.gh], lessons: [], experts: [] }, removed: { actions: [A.gh], lessons: [], experts: [] } })));
    expect(ids(brief.actions)).not.toContain(A.gh);
  });
});

describe('prepareBrief: input errors', () => {
  it('refuses a request with neither draft nor Action, unknown codes and unknown Actions', async () => {
    const core = await fixtureCore();
    expect(err(await core.prepareBrief({} as MethodInput<'prepareBrief'>))).toMatchObject({ code: 'INVALID', message: expect.stringMatching(/^draft: Give a draft request or an actionId/) });
    expect(err(await core.prepareBrief({ draft: { topics: ['NOPE' as 'MD-DIASPORA'] } })).code).toBe('INVALID');
    expect(err(await core.prepareBrief({ draft: { countries: ['QQ'] } }))).toMatchObject({ code: 'INVALID', message: 'draft.countries: Unknown country code QQ' });
    expect(err(await core.prepareBrief({ actionId: id(1, 99) })).code).toBe('NOT_FOUND');
  });
});

describe('the country language table', () => {
  it('covers every partner country of the MIEUX+ regions with known ISO 639-1 codes', async () => {
    const core = newCore();
    const languages = new Set(ok(await core.getReference({})).languages.map((l) => l.code));
    const partners = Object.values(MIEUX_REGION_COUNTRIES).flat();
    expect(partners.filter((c) => !COUNTRY_LANGUAGES[c])).toEqual([]);
    for (const [country, l] of Object.entries(COUNTRY_LANGUAGES)) {
      expect([...l.official, ...l.working].length, country).toBeGreaterThan(0);
      for (const code of [...l.official, ...l.working]) expect(languages.has(code), `${country}: ${code}`).toBe(true);
    }
  });
});

describe('prepareBrief on the demo knowledge base', () => {
  it("Côte d'Ivoire + MD-DIASPORA finds the Ghana IV and Benin diaspora Actions, their lessons, and no hidden expert", async () => {
    const core = newCore();
    const demo = JSON.parse(fs.readFileSync(demoPath(), 'utf8'));
    ok(await core.importExchange({ document: demo }));
    const brief = ok(await core.prepareBrief({ draft: { countries: ['CI'], topics: ['MD-DIASPORA'], text: 'Support to a national diaspora engagement policy', from: '2027-03' }, asOf: '2026-11-29' }));
    const codes = brief.actions.map((a) => a.code);
    expect(codes[0]).toBe('Ghana IV');
    expect(codes).toEqual(expect.arrayContaining(['Ghana IV', 'Benin I']));
    expect(brief.actions.find((a) => a.code === 'Benin I')!.reason).toContain('same region WCA');
    const titles = brief.lessons.map((l) => l.title);
    expect(titles).toEqual(expect.arrayContaining(['Pair an online diaspora survey with face-to-face consultations']));
    expect(brief.lessons.some((l) => l.actions.some((a) => a.code === 'Benin I'))).toBe(true);
    expect(brief.lessons.every((l) => l.reviewStatus !== 'retired')).toBe(true);
    // Problems come first among the best lessons.
    expect(brief.lessons[0]!.polarity).toBe('problem');
    const hidden = new Set((demo.experts as { id: string; restricted?: boolean; consent?: { withdrawnOn: string | null } }[]).filter((e) => e.restricted || e.consent?.withdrawnOn).map((e) => e.id));
    expect(hidden.size).toBeGreaterThan(0);
    const all = ok(await core.prepareBrief({ draft: { countries: ['CI'], topics: ['MD-DIASPORA'] }, limits: { actions: 100, lessons: 200, experts: 100 } }));
    expect(all.experts.length).toBeGreaterThan(10);
    expect(all.experts.filter((e) => hidden.has(e.id))).toEqual([]);
    expect(brief.experts[0]!.factors.find((f) => f.factor === 'language')!.value).toBe(1);
  });

  it('a short list is the head of the long one: lessons and experts scored best-bound first lose no one', async () => {
    const core = newCore();
    ok(await core.importExchange({ document: JSON.parse(fs.readFileSync(demoPath(), 'utf8')) }));
    const requests: MethodInput<'prepareBrief'>['draft'][] = [
      { countries: ['CI'], topics: ['MD-DIASPORA'], from: '2027-03' },
      { countries: ['KZ', 'KG'], topics: ['IP-ASYLUM', 'HO-DATA'] },
      { countries: ['MA'], domain: 'LM' },
      { countries: ['PH', 'GH'], topics: ['IMT-THB', 'LM-LABOUR', 'IMT-BORDER'], from: '2026-01', to: '2027-12' },
    ];
    let lessonsSeen = 0;
    for (const draft of requests) {
      const long = ok(await core.prepareBrief({ draft, asOf: '2026-11-29', limits: { actions: 10, lessons: 200, experts: 100 } }));
      expect(long.experts.length).toBeGreaterThan(3);
      lessonsSeen += long.lessons.length;
      for (const n of [1, 3, 5]) {
        const short = ok(await core.prepareBrief({ draft, asOf: '2026-11-29', limits: { actions: 10, lessons: n, experts: n } }));
        expect(short.experts.map((e) => [e.id, e.score])).toEqual(long.experts.slice(0, n).map((e) => [e.id, e.score]));
        expect(short.lessons.map((l) => [l.id, l.score])).toEqual(long.lessons.slice(0, n).map((l) => [l.id, l.score]));
      }
    }
    expect(lessonsSeen).toBeGreaterThan(10);
  });
});

describe('exportBrief', () => {
  it('writes a self-contained printable HTML page, every value escaped, with English or French labels', async () => {
    const core = await fixtureCore();
    const hostile = '<script>alert("x")</script> & <b>bold</b>';
    ok(await core.updateAction({ id: A.gh, data: { titleEn: `Ghana IV: ${hostile}` } }));
    ok(await core.updateExpert({ id: E.fr, data: { institution: hostile } }));
    const en = ok(await core.exportBrief({ brief: request({ pinned: { actions: [], lessons: [], experts: [E.fr] } }), format: 'html' }));
    expect(en).toMatchObject({ format: 'html', mimeType: 'text/html', fileName: expect.stringMatching(/^brief-CI-\d{4}-\d{2}-\d{2}\.html$/) });
    const html = en.content;
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>bold');
    expect(html).toContain('Ghana IV: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
    // Self-contained: inline styles, no external resource of any kind.
    expect(html).toContain('<style>');
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<link|<img|<iframe|src=|url\(|@import/);
    expect(html).toContain('Similar past Actions');
    expect(html).toContain('Expert shortlist');
    expect(html).toContain('Diaspora engagement (MD-DIASPORA)');
    expect(html).toContain('fr@example.eu');
    expect(en.counts).toMatchObject({ actions: 3, experts: expect.any(Number) });

    const fr = ok(await core.exportBrief({ brief: request(), format: 'html', lang: 'fr' })).content;
    expect(fr).toMatch(/<html lang="fr">/);
    expect(fr).toContain('Note de préparation');
    expect(fr).toContain('Actions passées similaires');
    expect(fr).toContain('Engagement de la diaspora (MD-DIASPORA)');
    expect(fr).not.toContain('Similar past Actions');
  });

  it('bundles the referenced records in the exchange format; the importer takes it whole into an empty knowledge base', async () => {
    const core = await fixtureCore();
    // A relation to an Action outside the brief (Thailand I) must not travel: the importer would refuse it.
    ok(await core.updateAction({ id: A.ci, data: { relatedActions: [A.th] } }));
    ok(await core.updateAction({ id: A.source, data: { relatedActions: [A.ci] } }));
    const adjusted = request({ pinned: { actions: [], lessons: [], experts: [E.withdrawn] } });
    const out = ok(await core.exportBrief({ brief: adjusted, format: 'bundle' }));
    expect(out).toMatchObject({ format: 'bundle', mimeType: 'application/json', fileName: expect.stringMatching(/\.mieux-kb\.json$/) });
    const bundle = JSON.parse(out.content);
    const brief = ok(await core.prepareBrief(adjusted));
    expect(bundle).toMatchObject({ format: 'mieux-kb', version: 1 });
    expect(bundle.actions.map((a: { id: string }) => a.id).sort()).toEqual(ids(brief.actions).sort());
    expect(bundle.lessons.map((l: { id: string }) => l.id)).toEqual(ids(brief.lessons));
    const action = (key: string) => bundle.actions.find((a: { id: string }) => a.id === key);
    expect(action(A.ci)).not.toHaveProperty('relatedActions');
    expect(action(A.source).relatedActions).toEqual([A.ci]);
    expect(bundle.experts.map((e: { id: string }) => e.id)).toEqual(ids(brief.experts));
    expect(bundle.experts.map((e: { id: string }) => e.id)).not.toContain(E.withdrawn);
    expect(bundle.experts.map((e: { id: string }) => e.id)).not.toContain(E.restricted);
    // Deployments between the brief's experts and Actions only: E.fr and E.busy on Ghana IV.
    expect(bundle.deployments.map((d: { id: string }) => d.id).sort()).toEqual([id(4, 1), id(4, 4)]);
    expect(out.counts).toEqual({ actions: bundle.actions.length, lessons: bundle.lessons.length, experts: bundle.experts.length, deployments: 2 });

    const other = newCore();
    const report = ok(await other.importExchange({ document: bundle }));
    expect(report.rejections).toEqual([]);
    expect(report.actions.created).toBe(bundle.actions.length);
    expect(report.lessons.created).toBe(bundle.lessons.length);
    expect(report.experts.created).toBe(bundle.experts.length);
    expect(report.deployments.created).toBe(2);
    expect(ok(await other.getExpert({ id: E.fr })).email).toBe('fr@example.eu');
  });
});
