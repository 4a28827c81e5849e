// Sharing between colleagues: two knowledge bases exchange bundles back and forth. Merges by id,
// newer wins, conflicts wait for a choice, deletions travel, nothing is duplicated.
import { describe, expect, it } from 'vitest';
import type { KbCore } from '../../src/core';
import { ghana, newCore, ok } from './helpers';

const peru = { code: 'Peru II', titleEn: 'Peru II: labour migration', domain: 'LM' as const, countries: ['PE'], startDate: '2019-01' };

async function seed(core: KbCore) {
  const gh = ok(await core.createAction({ data: ghana }));
  const pe = ok(await core.createAction({ data: peru }));
  const lesson = ok(await core.createLesson({ data: { title: 'Involve the immigration service early', polarity: 'good_practice', actions: [gh.id] } }));
  ok(await core.createLesson({ data: { title: 'Lima lesson', polarity: 'problem', actions: [pe.id] } }));
  const expert = ok(await core.createExpert({ data: { givenName: 'Hélène', familyName: 'Dupré', email: 'h.dupre@example.fr', phone: '+33 1 23 45 67 89' } }));
  ok(await core.createExpert({ data: { givenName: 'Not', familyName: 'Deployed', email: 'nd@example.org' } }));
  const deployment = ok(await core.createDeployment({ data: { expert: expert.id, action: gh.id, role: 'trainer', startDate: '2017-03' } }));
  return { gh, pe, lesson, expert, deployment };
}

const bundleOf = async (core: KbCore, filters?: Record<string, unknown>) => {
  const file = ok(await core.exportBundle(filters ? { filters } : {}));
  return JSON.parse(Buffer.from(file.contentBase64, 'base64').toString('utf8'));
};
const counts = async (core: KbCore) => ({
  actions: ok(await core.listActions({})).total,
  lessons: ok(await core.listLessons({})).total,
  experts: ok(await core.listExperts({})).total,
  deployments: ok(await core.listDeployments({})).total,
});
/** Timestamps are milliseconds: make sure an edit lands after the previous one. */
const tick = () => new Promise((r) => setTimeout(r, 5));

describe('sharing bundles', () => {
  it('exports the Actions of a region with their lessons, deployments and deployed experts; the other side gets them once', async () => {
    const a = newCore();
    const s = await seed(a);
    const doc = await bundleOf(a, { region: ['AFRICA'] });
    expect(doc.sync).toEqual({ origin: expect.any(String), tombstones: [] });
    expect(doc.actions.map((x: { code: string }) => x.code)).toEqual(['Ghana III']);
    expect(doc.lessons.map((x: { id: string }) => x.id)).toEqual([s.lesson.id]);
    expect(doc.experts.map((x: { id: string }) => x.id)).toEqual([s.expert.id]);
    expect(doc.deployments.map((x: { id: string }) => x.id)).toEqual([s.deployment.id]);

    const b = newCore();
    const first = ok(await b.importBundle({ document: doc }));
    expect(first).toMatchObject({ actions: { created: 1 }, lessons: { created: 1 }, experts: { created: 1 }, deployments: { created: 1 }, rejections: [] });
    expect(first.sync).toMatchObject({ conflicts: [], kept: 0, deleted: 0 });
    expect(ok(await b.getAction({ id: s.gh.id }))).toMatchObject({ code: 'Ghana III', updatedAt: s.gh.updatedAt });
    const again = ok(await b.importBundle({ document: doc }));
    expect(again).toMatchObject({ actions: { created: 0, unchanged: 1 }, experts: { unchanged: 1 }, deployments: { unchanged: 1 } });
    expect(await counts(b)).toEqual({ actions: 1, lessons: 1, experts: 1, deployments: 1 });
  });

  it('back and forth: a change made on one side reaches the other; an older copy never overwrites a newer one', async () => {
    const a = newCore();
    const s = await seed(a);
    const b = newCore();
    ok(await b.importBundle({ document: await bundleOf(a) }));

    await tick();
    ok(await b.updateAction({ id: s.gh.id, data: { summary: 'Edited in Vienna' } }));
    const fromB = await bundleOf(b);
    const atA = ok(await a.importBundle({ document: fromB }));
    expect(atA.actions).toMatchObject({ updated: 1 });
    expect(ok(await a.getAction({ id: s.gh.id })).summary).toBe('Edited in Vienna');

    // A edits again; B's old bundle comes back (a stale file): A keeps its newer version.
    await tick();
    ok(await a.updateAction({ id: s.gh.id, data: { summary: 'Edited in Brussels' } }));
    const stale = ok(await a.importBundle({ document: fromB }));
    expect(stale.sync).toMatchObject({ conflicts: [], kept: expect.any(Number) });
    expect(ok(await a.getAction({ id: s.gh.id })).summary).toBe('Edited in Brussels');

    ok(await b.importBundle({ document: await bundleOf(a) }));
    expect(ok(await b.getAction({ id: s.gh.id })).summary).toBe('Edited in Brussels');
    // Everything shared, once; the expert with no deployment was not part of any bundle.
    expect(await counts(b)).toEqual({ ...(await counts(a)), experts: 1 });
  });

  it('a record changed on both sides since the last exchange is a conflict: listed, left alone, then resolved as chosen', async () => {
    const a = newCore();
    const s = await seed(a);
    const b = newCore();
    ok(await b.importBundle({ document: await bundleOf(a) }));
    await tick();
    ok(await a.updateExpert({ id: s.expert.id, data: { phone: '+33 6 00 00 00 01' } }));
    ok(await b.updateExpert({ id: s.expert.id, data: { phone: '+33 6 00 00 00 02' } }));

    const fromB = await bundleOf(b);
    const dry = ok(await a.importBundle({ document: fromB, dryRun: true }));
    expect(dry.sync!.conflicts).toEqual([
      expect.objectContaining({ type: 'expert', id: s.expert.id, label: 'Hélène Dupré', reason: 'both_changed' }),
    ]);
    const listed = ok(await a.importBundle({ document: fromB }));
    expect(listed.sync!.conflicts).toHaveLength(1);
    expect(ok(await a.getExpert({ id: s.expert.id })).phone).toBe('+33 6 00 00 00 01');

    const mine = ok(await a.importBundle({ document: fromB, resolutions: [{ id: s.expert.id, keep: 'local' }] }));
    expect(mine.sync!.conflicts).toEqual([]);
    expect(ok(await a.getExpert({ id: s.expert.id })).phone).toBe('+33 6 00 00 00 01');

    const c = newCore();
    ok(await c.importBundle({ document: await bundleOf(a) }));
    await tick();
    ok(await c.updateExpert({ id: s.expert.id, data: { phone: '+33 6 00 00 00 03' } }));
    await tick();
    ok(await a.updateExpert({ id: s.expert.id, data: { phone: '+33 6 00 00 00 04' } }));
    const theirs = ok(await a.importBundle({ document: await bundleOf(c), resolutions: [{ id: s.expert.id, keep: 'incoming' }] }));
    expect(theirs.experts).toMatchObject({ updated: 1 });
    expect(ok(await a.getExpert({ id: s.expert.id })).phone).toBe('+33 6 00 00 00 03');
  });

  it('two saves in the same millisecond on two laptops are a conflict, not one version', async () => {
    const a = newCore();
    const s = await seed(a);
    const b = newCore();
    ok(await b.importBundle({ document: await bundleOf(a) }));
    await tick();
    const here = ok(await a.updateExpert({ id: s.expert.id, data: { phone: '+33 6 00 00 00 01' } }));
    ok(await b.updateExpert({ id: s.expert.id, data: { phone: '+33 6 00 00 00 02' } }));
    const fromB = await bundleOf(b);
    for (const e of fromB.experts) if (e.id === s.expert.id) e.updatedAt = here.updatedAt;

    const r = ok(await a.importBundle({ document: fromB }));
    expect(r.sync!.conflicts).toEqual([expect.objectContaining({ id: s.expert.id, reason: 'both_changed' })]);
    expect(ok(await a.getExpert({ id: s.expert.id })).phone).toBe('+33 6 00 00 00 01');
    // The same time with the same content is the same version: nothing to decide.
    const again = ok(await a.importBundle({ document: await bundleOf(a) }));
    expect(again.sync!.conflicts).toEqual([]);
  });

  it('deletions travel as tombstones, and an old bundle does not bring the record back', async () => {
    const a = newCore();
    const s = await seed(a);
    const b = newCore();
    const original = await bundleOf(a);
    ok(await b.importBundle({ document: original }));

    await tick();
    ok(await a.deleteLesson({ id: s.lesson.id }));
    const withTombstone = await bundleOf(a);
    expect(withTombstone.sync.tombstones).toEqual([{ type: 'lesson', id: s.lesson.id, deletedAt: expect.any(String) }]);
    const atB = ok(await b.importBundle({ document: withTombstone }));
    expect(atB.sync).toMatchObject({ deleted: 1, conflicts: [] });
    expect(ok(await b.listLessons({})).items.map((l) => l.id)).not.toContain(s.lesson.id);

    const resurrect = ok(await b.importBundle({ document: original }));
    expect(resurrect.sync).toMatchObject({ alreadyDeleted: 1 });
    expect(resurrect.lessons.created).toBe(0);
    expect(ok(await b.listLessons({})).total).toBe(1);
  });

  it('a tombstone for a record edited here since the exchange is a conflict, not a silent deletion', async () => {
    const a = newCore();
    const s = await seed(a);
    const b = newCore();
    ok(await b.importBundle({ document: await bundleOf(a) }));
    await tick();
    ok(await b.updateLesson({ id: s.lesson.id, data: { recommendation: 'Keep it' } }));
    await tick();
    ok(await a.deleteLesson({ id: s.lesson.id }));
    const r = ok(await b.importBundle({ document: await bundleOf(a) }));
    expect(r.sync!.conflicts).toEqual([expect.objectContaining({ id: s.lesson.id, reason: 'deleted_there_changed_here' })]);
    expect(ok(await b.getLesson({ id: s.lesson.id })).recommendation).toBe('Keep it');
    ok(await b.importBundle({ document: await bundleOf(a), resolutions: [{ id: s.lesson.id, keep: 'incoming' }] }));
    expect(ok(await b.listLessons({})).items.map((l) => l.id)).not.toContain(s.lesson.id);
  });

  it('a bundle through importExchange (the CLI path) merges too; a plain document imports as before', async () => {
    const a = newCore();
    await seed(a);
    const b = newCore();
    const viaExchange = ok(await b.importExchange({ document: await bundleOf(a) }));
    expect(viaExchange).toMatchObject({ actions: { created: 2 }, sync: { conflicts: [] } });
    const plain = ok(await b.importBundle({ document: ok(await a.exportExchange({})) }));
    expect(plain.sync).toBeUndefined();
    expect(plain.actions).toMatchObject({ created: 0, unchanged: 2 });
    expect(await counts(b)).toEqual({ actions: 2, lessons: 2, experts: 2, deployments: 1 });
  });
});
