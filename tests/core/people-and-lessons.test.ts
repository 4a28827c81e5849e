import { describe, expect, it } from 'vitest';
import { err, expertHelene, ghana, newCore, ok } from './helpers';

async function seeded() {
  const core = newCore();
  const gh = ok(await core.createAction({ data: ghana }));
  const cr = ok(
    await core.createAction({ data: { ...ghana, code: 'Costa Rica V', titleEn: 'Costa Rica V', domain: 'IP', topics: ['IP-ASYLUM'], countries: ['CR'], startDate: '2021-03', endDate: '2023-02' } }),
  );
  return { core, gh, cr };
}

describe('lessons', () => {
  it('CRUD with Actions referenced by code, topics and countries inherited for filtering', async () => {
    const { core, gh, cr } = await seeded();
    const l = ok(
      await core.createLesson({
        data: { title: 'Involve the labour inspectorate early', polarity: 'problem', stage: 'implementation', language: 'en', actions: ['Ghana III'], dacCriteria: ['effectiveness'] },
      }),
    );
    expect(l).toMatchObject({ actions: [gh.id], reviewStatus: 'draft', topics: [], countries: [] });
    const fr = ok(
      await core.createLesson({
        data: { title: 'Traduire les textes juridiques', polarity: 'good_practice', language: 'fr', actions: [cr.id], topics: ['HO-LEGIS'], recordedOn: '2023-03', reviewStatus: 'validated' },
      }),
    );
    const titles = async (q: object) => ok(await core.listLessons(q)).items.map((x) => x.title);
    expect(await titles({ topic: ['IMT-THB'] })).toEqual([l.title]);
    expect(await titles({ topic: ['HO-LEGIS'] })).toEqual([fr.title]);
    expect(await titles({ topic: ['IP-ASYLUM'] })).toEqual([]);
    expect(await titles({ country: ['GH'] })).toEqual([l.title]);
    expect(await titles({ region: ['LAC'] })).toEqual([fr.title]);
    expect(await titles({ region: ['AFRICA'] })).toEqual([l.title]);
    expect(await titles({ domain: ['IP'] })).toEqual([fr.title]);
    expect(await titles({ actionId: gh.id })).toEqual([l.title]);
    expect(await titles({ polarity: ['good_practice'] })).toEqual([fr.title]);
    expect(await titles({ reviewStatus: ['validated'], language: ['fr'] })).toEqual([fr.title]);
    expect(await titles({ yearFrom: 2023 })).toEqual([fr.title]);

    const upd = ok(await core.updateLesson({ id: l.id, data: { reviewStatus: 'validated', actions: ['Ghana III', 'Costa Rica V'] } }));
    expect(upd.actions).toEqual([gh.id, cr.id]);
    expect(err(await core.createLesson({ data: { title: '', polarity: 'problem' } })).issues?.[0]?.path).toBe('data.title');
    expect(err(await core.createLesson({ data: { title: 'x', polarity: 'meh' } as never })).issues?.[0]?.path).toBe('data.polarity');
    ok(await core.deleteLesson({ id: l.id }));
    expect(await titles({})).toEqual([fr.title]);
  });
});

describe('experts', () => {
  it('CRUD, unique e-mail (any case), language levels and the roster filters', async () => {
    const { core } = await seeded();
    const h = ok(await core.createExpert({ data: expertHelene }));
    expect(h).toMatchObject({ ...expertHelene, availability: 'available', rosterStatus: 'active', restricted: false });
    const dup = err(await core.createExpert({ data: { ...expertHelene, givenName: 'H.', email: 'H.Dupre@Example.FR' } }));
    expect(dup.issues?.[0]).toMatchObject({ path: 'data.email', message: expect.stringContaining('already') });
    ok(
      await core.createExpert({
        data: { givenName: 'Jan', familyName: 'Kowalski', email: 'j.k@example.pl', memberState: 'PL', languages: [{ code: 'es', level: 'A2' }], topics: ['IMT-BORDER'], availability: 'unavailable' },
      }),
    );
    ok(await core.createExpert({ data: { givenName: 'Zoë', familyName: 'Müller', memberState: 'DE', languages: [{ code: 'fr', level: 'C1' }], topics: ['MD-DIASPORA'] } }));
    const names = async (q: object) => ok(await core.listExperts(q)).items.map((x) => x.familyName);
    expect(await names({})).toEqual(['Dupré', 'Kowalski', 'Müller']);
    expect(await names({ language: { code: 'es', minLevel: 'B2' } })).toEqual(['Dupré']);
    expect(await names({ language: { code: 'es' } })).toEqual(['Dupré', 'Kowalski']);
    expect(await names({ language: { code: 'fr', minLevel: 'B2' }, topic: ['IMT-BORDER'], availability: ['available'] })).toEqual(['Dupré']);
    expect(await names({ memberState: ['DE', 'PL'] })).toEqual(['Kowalski', 'Müller']);
    expect(await names({ domain: ['MD'] })).toEqual(['Müller']);
    expect(await names({ sort: 'availability', order: 'desc' })).toEqual(['Kowalski', 'Dupré', 'Müller']);
    expect(err(await core.createExpert({ data: { ...expertHelene, email: 'not-an-email' } })).issues?.[0]?.path).toBe('data.email');
    expect(err(await core.createExpert({ data: { givenName: 'A', familyName: 'B', languages: [{ code: 'xx', level: 'B2' }] } })).issues?.[0]?.path).toBe(
      'data.languages[0].code',
    );
    expect(err(await core.createExpert({ data: { givenName: 'A', familyName: 'B', languages: [{ code: 'fr', level: 'B3' }] } as never })).issues?.[0]?.path).toBe(
      'data.languages[0].level',
    );

    const restricted = ok(await core.updateExpert({ id: h.id, data: { restricted: true } }));
    expect(restricted.restricted).toBe(true);
    expect(await names({})).toEqual(['Kowalski', 'Müller']);
    expect(ok(await core.search({ query: 'Dupré' })).total).toBe(0);
    ok(await core.updateExpert({ id: h.id, data: { restricted: false } }));
    expect(ok(await core.search({ query: 'dupre' })).total).toBe(1);
    ok(await core.deleteExpert({ id: h.id }));
    expect(await names({})).toEqual(['Kowalski', 'Müller']);
  });
});

describe('sorting as people read', () => {
  it('ignores accents and case: Ávila with the A, Østergaard with the O, Côte between Costa and Cuba', async () => {
    const core = newCore();
    for (const [givenName, familyName] of [['Zoë', 'Zając'], ['Søren', 'Østergaard'], ['Rodrigo', 'Ávila Treviño'], ['anna', 'bauer'], ['Lucie', 'Černá']]) {
      ok(await core.createExpert({ data: { givenName, familyName } }));
    }
    expect(ok(await core.listExperts({})).items.map((e) => e.familyName)).toEqual(['Ávila Treviño', 'bauer', 'Černá', 'Østergaard', 'Zając']);
    for (const code of ['Cuba I', "Côte d'Ivoire I", 'Costa Rica V']) ok(await core.createAction({ data: { ...ghana, code, titleEn: code } }));
    expect(ok(await core.listActions({ sort: 'code' })).items.map((a) => a.code)).toEqual(['Costa Rica V', "Côte d'Ivoire I", 'Cuba I']);
  });
});

describe('deployments and stats', () => {
  it('links experts and Actions by e-mail and code; stats are computed from the data', async () => {
    const { core, gh, cr } = await seeded();
    const h = ok(await core.createExpert({ data: expertHelene }));
    const k = ok(await core.createExpert({ data: { givenName: 'Jan', familyName: 'Kowalski', email: 'j.k@example.pl', memberState: 'PL' } }));
    ok(await core.createExpert({ data: { givenName: 'Never', familyName: 'Deployed', memberState: 'IT' } }));
    const d = ok(
      await core.createDeployment({ data: { expert: 'h.dupre@example.fr', action: 'Ghana III', role: 'lead_expert', activityType: 'training', startDate: '2017-03', days: 5, rating: 5 } }),
    );
    expect(d).toMatchObject({ expert: h.id, action: gh.id, expertName: 'Hélène Dupré', actionCode: 'Ghana III' });
    ok(await core.createDeployment({ data: { expert: k.id, action: cr.id, activityType: 'workshop', startDate: '2022' } }));
    ok(await core.createDeployment({ data: { expert: h.id, action: cr.id, activityType: 'webinar', startDate: '2022-05' } }));
    const bad = err(await core.createDeployment({ data: { expert: 'nobody@example.org', action: 'Atlantis', rating: 9 } }));
    expect(bad.issues?.map((i) => i.path)).toEqual(['data.rating']);
    const bad2 = err(await core.createDeployment({ data: { expert: 'nobody@example.org', action: 'Atlantis' } }));
    expect(bad2.issues?.map((i) => i.path)).toEqual(['data.expert', 'data.action']);

    expect(ok(await core.listDeployments({ actionId: cr.id })).total).toBe(2);
    expect(ok(await core.listDeployments({ expertId: h.id, sort: 'startDate', order: 'asc' })).items.map((x) => x.actionCode)).toEqual(['Ghana III', 'Costa Rica V']);
    expect(ok(await core.listDeployments({ region: ['AFRICA'] })).items.map((x) => x.expertName)).toEqual(['Hélène Dupré']);
    expect(ok(await core.listExperts({ region: ['LAC'] })).items.map((x) => x.familyName)).toEqual(['Dupré', 'Kowalski']);
    ok(await core.updateDeployment({ id: d.id, data: { rating: 4 } }));

    const s = ok(await core.getStats({}));
    expect(s).toMatchObject({ actions: 2, experts: 3, deployments: 3, expertsDeployed: 2, euOfficials: 2, memberStates: 2, countries: 2, regions: 2 });
    expect(s.actionsByDomain).toEqual({ IMT: 1, IP: 1 });
    expect(s.actionsByRegion).toEqual({ LAC: 1, WCA: 1 });

    ok(await core.deleteAction({ id: cr.id }));
    expect(ok(await core.listDeployments({})).total).toBe(1);
  });
});
