import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { demoPath } from '../../src/core';
import { err, fixture, newCore, ok } from './helpers';

const read = (name: string) => JSON.parse(fs.readFileSync(fixture('exchange', name), 'utf8'));

describe('exchange format v1', () => {
  it('imports a file with forward references, codes and e-mails, and reports per entity', async () => {
    const core = newCore();
    const report = ok(await core.importExchange({ document: read('small.mieux-kb.json') }));
    expect(report).toMatchObject({
      dryRun: false,
      actions: { created: 3, updated: 0, unchanged: 0, rejected: 0 },
      lessons: { created: 2, rejected: 0 },
      experts: { created: 2, rejected: 0 },
      deployments: { created: 2, rejected: 0 },
      rejections: [],
    });
    const iv = ok(await core.getAction({ id: '6f1c2a4e-8b1d-4c3e-9f2a-1b2c3d4e5f60' }));
    expect(iv.relatedActions).toEqual(['0b9a8c7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d']);
    expect(ok(await core.listDeployments({ actionId: iv.id })).items[0]).toMatchObject({ expertName: 'Seán Ó Briain', rating: 5 });
  });

  it('importing the same file twice changes nothing', async () => {
    const core = newCore();
    ok(await core.importExchange({ document: read('small.mieux-kb.json') }));
    const before = ok(await core.exportExchange({}));
    const again = ok(await core.importExchange({ document: read('small.mieux-kb.json') }));
    expect(again).toMatchObject({
      actions: { created: 0, updated: 0, unchanged: 3 },
      lessons: { created: 0, updated: 0, unchanged: 2 },
      experts: { created: 0, updated: 0, unchanged: 2 },
      deployments: { created: 0, updated: 0, unchanged: 2 },
    });
    expect(ok(await core.exportExchange({}))).toEqual({ ...before, exportedAt: expect.any(String) });
  });

  it('export then import into an empty database reproduces every field', async () => {
    const first = newCore({ demoIfNew: true });
    const exported = ok(await first.exportExchange({}));
    expect(exported.actions.length).toBeGreaterThanOrEqual(45);
    const second = newCore();
    const report = ok(await second.importExchange({ document: JSON.parse(JSON.stringify(exported)) }));
    expect(report.rejections).toEqual([]);
    const back = ok(await second.exportExchange({}));
    expect({ ...back, exportedAt: null }).toEqual({ ...exported, exportedAt: null });
    const twice = ok(await second.importExchange({ document: exported }));
    for (const k of ['actions', 'lessons', 'experts', 'deployments'] as const) {
      expect(twice[k], k).toMatchObject({ created: 0, updated: 0, rejected: 0 });
    }
  });

  it('rejects each bad record alone, with its JSON path and reason, and keeps the good ones', async () => {
    const core = newCore();
    const report = ok(await core.importExchange({ document: read('rejections.mieux-kb.json') }));
    expect(report.actions).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 7 });
    expect(report.lessons).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 2 });
    expect(report.experts).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 3 });
    expect(report.deployments).toEqual({ created: 0, updated: 0, unchanged: 0, rejected: 2 });
    const paths = report.rejections.map((r) => r.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'actions[1].titleEn',
        'actions[2].domain',
        'actions[3].countries[0]',
        'actions[4]',
        'actions[5].startDate',
        'actions[6].relatedActions[0]',
        'actions[7]',
        'lessons[0].actions[0]',
        'lessons[1].polarity',
        'experts[0].email',
        'experts[1].givenName',
        'experts[2].languages[0].level',
        'deployments[0].expert',
        'deployments[1].rating',
      ]),
    );
    expect(report.rejections.find((r) => r.path === 'actions[4]')?.reason).toMatch(/colour/);
    expect(report.rejections.find((r) => r.path === 'actions[3].countries[0]')?.reason).toMatch(/QQ/);
    expect(report.rejections.every((r) => r.reason.length > 5)).toBe(true);
    expect(ok(await core.listActions({})).items.map((a) => a.code)).toEqual(['Ok I']);
  });

  it('a dry run reports the same and writes nothing', async () => {
    const core = newCore();
    const report = ok(await core.importExchange({ document: read('small.mieux-kb.json'), dryRun: true }));
    expect(report).toMatchObject({ dryRun: true, actions: { created: 3 }, deployments: { created: 2 } });
    expect(ok(await core.getStats({}))).toMatchObject({ actions: 0, lessons: 0, experts: 0, deployments: 0 });
    expect(ok(await core.search({ query: 'Ghana' })).total).toBe(0);
  });

  it('refuses a document that is not the exchange format, naming what is wrong', async () => {
    const core = newCore();
    expect(err(await core.importExchange({ document: { format: 'zotero', version: 1 } })).issues?.[0]?.path).toBe('format');
    expect(err(await core.importExchange({ document: { format: 'mieux-kb', version: 2 } })).issues?.[0]?.path).toBe('version');
    expect(err(await core.importExchange({ document: { format: 'mieux-kb', version: 1, actions: {} } })).issues?.[0]?.path).toBe('actions');
    expect(err(await core.importExchange({ document: { format: 'mieux-kb', version: 1, extra: [] } })).message).toMatch(/extra/);
    expect(err(await core.importExchange({ document: 'hello' })).code).toBe('INVALID');
  });

  it('the shipped demo data is valid exchange format and loads on a first start', async () => {
    const core = newCore({ demoIfNew: true });
    const stats = ok(await core.getStats({}));
    expect(stats.actions).toBeGreaterThanOrEqual(45);
    expect(stats.lessons).toBeGreaterThanOrEqual(80);
    expect(stats.experts).toBeGreaterThanOrEqual(115);
    expect(stats.deployments).toBeGreaterThanOrEqual(150);
    const doc = JSON.parse(fs.readFileSync(demoPath(), 'utf8'));
    const check = newCore();
    expect(ok(await check.importExchange({ document: doc, dryRun: true })).rejections).toEqual([]);
  });
});
