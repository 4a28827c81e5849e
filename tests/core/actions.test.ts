import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { err, ghana, newCore, ok } from './helpers';

describe('Actions', () => {
  it('create, read, update and delete keep every field', async () => {
    const core = newCore();
    const created = ok(await core.createAction({ data: { ...ghana, aliases: ['Ghana 3'], titleFr: 'Ghana III : traite', notes: 'Voir aussi Ghana IV' } }));
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.createdAt).toBe(created.updatedAt);
    const read = ok(await core.getAction({ id: created.id }));
    expect(read).toMatchObject({ ...ghana, aliases: ['Ghana 3'], titleFr: 'Ghana III : traite', regions: ['WCA', 'AFRICA'] });

    const updated = ok(await core.updateAction({ id: created.id, data: { status: 'ongoing', endDate: null } }));
    expect(updated).toMatchObject({ status: 'ongoing', endDate: null, code: 'Ghana III', partners: ['Ghana Immigration Service'] });
    expect(updated.updatedAt >= created.updatedAt).toBe(true);

    ok(await core.deleteAction({ id: created.id }));
    expect(err(await core.getAction({ id: created.id })).code).toBe('NOT_FOUND');
  });

  it('links follow-ups by code and resolves them to ids', async () => {
    const core = newCore();
    const iii = ok(await core.createAction({ data: ghana }));
    const iv = ok(await core.createAction({ data: { ...ghana, code: 'Ghana IV', titleEn: 'Ghana IV: diaspora policy', relatedActions: ['ghana iii'] } }));
    expect(iv.relatedActions).toEqual([iii.id]);
    const bad = err(await core.createAction({ data: { ...ghana, code: 'Ghana V', relatedActions: ['Atlantis I'] } }));
    expect(bad).toMatchObject({ code: 'INVALID', issues: [{ path: 'data.relatedActions[0]', message: expect.stringContaining('Atlantis I') }] });
  });

  it('rejects invalid input naming the field, and writes nothing', async () => {
    const core = newCore();
    const cases: [unknown, string][] = [
      [{ code: 'X', domain: 'IMT' }, 'data.titleEn'],
      [{ ...ghana, domain: 'XX' }, 'data.domain'],
      [{ ...ghana, countries: ['ZZ'] }, 'data.countries[0]'],
      [{ ...ghana, countries: ['Ghana'] }, 'data.countries[0]'],
      [{ ...ghana, startDate: '2021-13' }, 'data.startDate'],
      [{ ...ghana, startDate: '2021-02-30' }, 'data.startDate'],
      [{ ...ghana, startDate: '2020', endDate: '2019-05' }, 'data.endDate'],
      [{ ...ghana, topics: ['IMT-NOPE'] }, 'data.topics[0]'],
      [{ ...ghana, publicUrl: 'javascript:alert(1)' }, 'data.publicUrl'],
      [{ ...ghana, surprise: 1 }, 'data'],
      [{ ...ghana, code: '   ' }, 'data.code'],
    ];
    for (const [data, path] of cases) {
      const e = err(await core.createAction({ data } as never));
      expect(e.code, JSON.stringify(data)).toBe('INVALID');
      expect(e.issues?.map((i) => i.path), JSON.stringify(data)).toContain(path);
      expect(e.message).toContain(path);
    }
    expect(ok(await core.listActions({})).total).toBe(0);
    expect(ok(await core.search({ query: 'Ghana' })).total).toBe(0);
  });

  it('refuses an update based on a stale copy with CONFLICT', async () => {
    const core = newCore();
    const a = ok(await core.createAction({ data: ghana }));
    await new Promise((r) => setTimeout(r, 5));
    ok(await core.updateAction({ id: a.id, data: { status: 'ongoing' } }));
    const e = err(await core.updateAction({ id: a.id, data: { status: 'suspended' }, expectedUpdatedAt: a.updatedAt }));
    expect(e.code).toBe('CONFLICT');
    expect(ok(await core.getAction({ id: a.id })).status).toBe('ongoing');
  });

  it('lists with paging, sorting and filters by domain, topic, region, country, status and year', async () => {
    const core = newCore();
    const mk = (code: string, extra: object) => core.createAction({ data: { ...ghana, code, titleEn: `${code} title`, ...extra } });
    ok(await mk('Ghana III', {}));
    ok(await mk('Costa Rica V', { domain: 'IP', topics: ['IP-ASYLUM'], countries: ['CR'], startDate: '2021-03', endDate: '2023-02', status: 'ongoing' }));
    ok(await mk('Moldova VII', { domain: 'MD', topics: ['MD-DIASPORA'], countries: ['MD'], startDate: '2019', endDate: '2020' }));
    ok(await mk('Gran Chaco', { domain: 'HO', topics: ['HO-CLIMATE', 'IMT-THB'], countries: ['AR', 'PY', 'BO'], startDate: '2022-01', endDate: null, status: 'ongoing' }));
    const codes = async (q: object) => ok(await core.listActions(q)).items.map((a) => a.code);

    expect(await codes({})).toEqual(['Gran Chaco', 'Costa Rica V', 'Moldova VII', 'Ghana III']);
    expect(await codes({ sort: 'code' })).toEqual(['Costa Rica V', 'Ghana III', 'Gran Chaco', 'Moldova VII']);
    expect(await codes({ sort: 'code', order: 'desc', pageSize: 2, page: 2 })).toEqual(['Ghana III', 'Costa Rica V']);
    expect(await codes({ domain: ['IP', 'MD'], sort: 'code' })).toEqual(['Costa Rica V', 'Moldova VII']);
    expect(await codes({ topic: ['IMT-THB'], sort: 'code' })).toEqual(['Ghana III', 'Gran Chaco']);
    expect(await codes({ region: ['LAC'], sort: 'code' })).toEqual(['Costa Rica V', 'Gran Chaco']);
    expect(await codes({ region: ['AFRICA'] })).toEqual(['Ghana III']);
    expect(await codes({ region: ['ENI'] })).toEqual(['Moldova VII']);
    expect(await codes({ country: ['PY'] })).toEqual(['Gran Chaco']);
    expect(await codes({ status: ['ongoing'], sort: 'code' })).toEqual(['Costa Rica V', 'Gran Chaco']);
    expect(await codes({ yearFrom: 2020, yearTo: 2020, sort: 'code' })).toEqual(['Ghana III', 'Moldova VII']);
    const page = ok(await core.listActions({ pageSize: 3 }));
    expect(page).toMatchObject({ total: 4, page: 1, pageSize: 3 });
    expect(page.items[0]).toMatchObject({ code: 'Gran Chaco', regions: ['LAC'], countries: ['AR', 'PY', 'BO'] });
    expect(err(await core.listActions({ pageSize: 0 })).issues?.[0]?.path).toBe('pageSize');
  });

  it('uses indexes for the list and browse queries', () => {
    const core = newCore();
    const db = new Database(core.dbPath, { readonly: true });
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT action_id FROM action_countries WHERE country = 'GH'")).toMatch(/USING (COVERING )?INDEX action_countries_country/);
    expect(plan("SELECT action_id FROM action_topics WHERE topic = 'IMT-THB'")).toMatch(/USING (COVERING )?INDEX action_topics_topic/);
    expect(plan("SELECT id FROM actions WHERE domain = 'IMT' ORDER BY start_date")).toMatch(/USING INDEX actions_domain/);
    expect(plan("SELECT lesson_id FROM lesson_actions WHERE action_id = 'x'")).toMatch(/USING (COVERING )?INDEX lesson_actions_action/);
    expect(plan("SELECT expert_id FROM expert_languages WHERE code = 'es' AND level_rank >= 4")).toMatch(/USING (COVERING )?INDEX expert_languages_code/);
    expect(plan("SELECT * FROM deployments WHERE action_id = 'x' ORDER BY start_date")).toMatch(/USING INDEX deployments_action/);
    expect(plan("SELECT * FROM deployments WHERE expert_id = 'x' ORDER BY start_date")).toMatch(/USING INDEX deployments_expert/);
    expect(plan("SELECT id FROM experts WHERE email = 'a@b.c' COLLATE NOCASE")).toMatch(/USING (COVERING )?INDEX experts_email/);
    expect(plan('SELECT id FROM experts ORDER BY sort_name')).toMatch(/experts_name/);
    expect(plan('SELECT id FROM actions ORDER BY sort_code')).toMatch(/actions_sort_code/);
    db.close();
  });
});
