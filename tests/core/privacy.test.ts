import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore, type KbCore } from '../../src/core';
import { expertReferences } from '../../src/core/privacy/privacy';
import type { Expert } from '../../src/shared/schemas';
import { err, expertHelene, ghana, newCore, ok, tempDir } from './helpers';

const root = path.resolve(__dirname, '../..');

function kb(args: string[]) {
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), [path.join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Everything a user could find an expert through: lists (several filters), search by name and e-mail, the exchange export, deployments. */
async function visibleIds(core: KbCore, e: Pick<Expert, 'id' | 'familyName' | 'email'>): Promise<string[]> {
  const found: string[] = [];
  const lists = [{}, { memberState: ['FR'] }, { sort: 'updatedAt' as const }, { availability: ['available' as const] }];
  for (const q of lists) found.push(...ok(await core.listExperts({ pageSize: 1000, ...q })).items.map((x) => `list:${x.id}`));
  for (const query of [e.familyName, e.email ?? e.familyName]) {
    found.push(...ok(await core.search({ query, types: ['expert'] })).hits.map((h) => `search:${h.id}`));
  }
  const doc = ok(await core.exportExchange({}));
  found.push(...doc.experts.map((x) => `export:${x.id}`), ...doc.deployments.map((d) => `deployment-export:${d.expert}`));
  found.push(...ok(await core.listDeployments({ pageSize: 1000 })).items.map((d) => `deployments:${d.expert}`));
  for (const format of ['csv', 'json', 'vcf'] as const) {
    const file = ok(await core.exportRecords({ type: 'experts', format }));
    if (e.email && Buffer.from(file.contentBase64, 'base64').toString('utf8').includes(e.email)) found.push(`${format}:${e.id}`);
  }
  const brief = ok(await core.prepareBrief({ draft: { countries: ['GH'] }, limits: { actions: 10, lessons: 15, experts: 100 } }));
  found.push(...brief.experts.map((x) => `brief:${x.id}`));
  return found.filter((f) => f.endsWith(e.id));
}

async function withDeployment(core: KbCore, data: object = expertHelene): Promise<Expert> {
  const e = ok(await core.createExpert({ data }));
  const a = ok(await core.listActions({})).items[0] ?? ok(await core.createAction({ data: ghana }));
  ok(await core.createDeployment({ data: { expert: e.id, action: a.id, role: 'expert', activityType: 'training', startDate: '2019-03' } }));
  return e;
}

const person = { givenName: 'Zbigniewa', familyName: 'Quixotelle', email: 'zq.unique@example.pl', phone: '+48 600 777 888', memberState: 'PL', institution: 'Straż Graniczna' };
const traces = ['Zbigniewa', 'Quixotelle', 'quixotelle', 'zbigniewa', 'zq.unique@example.pl', '+48 600 777 888'];

function bytesOf(dbPath: string): string {
  return ['', '-wal', '-shm', '-journal']
    .map((s) => dbPath + s)
    .filter((f) => fs.existsSync(f))
    .map((f) => fs.readFileSync(f).toString('latin1'))
    .join('\n');
}
const found = (haystack: string) => traces.filter((t) => haystack.includes(Buffer.from(t, 'utf8').toString('latin1')));

describe('withdrawal of consent and restriction', () => {
  it('withdrawConsent hides the expert from lists, search and exports at once; the history says so', async () => {
    const core = newCore();
    const e = await withDeployment(core);
    expect(await visibleIds(core, e)).toHaveLength(13);
    const after = ok(await core.withdrawConsent({ id: e.id, on: '2026-11-01' }));
    expect(after.consent.withdrawnOn).toBe('2026-11-01');
    expect(await visibleIds(core, e)).toEqual([]);
    expect(ok(await core.getExpert({ id: e.id })).id).toBe(e.id);
    expect(ok(await core.getHistory({ entity: 'expert', id: e.id }))[0]).toMatchObject({ action: 'withdraw-consent', fields: ['consent'] });
  });

  it('restrictExpert hides, lifting it shows again', async () => {
    const core = newCore();
    const e = await withDeployment(core);
    ok(await core.restrictExpert({ id: e.id }));
    expect(await visibleIds(core, e)).toEqual([]);
    ok(await core.restrictExpert({ id: e.id, restricted: false }));
    expect(await visibleIds(core, e)).toHaveLength(13);
    expect(ok(await core.getHistory({ entity: 'expert', id: e.id })).map((h) => h.action)).toEqual(['unrestrict', 'restrict', 'create']);
  });

  it('property: a restricted or consent-withdrawn expert never appears in any list, search or export', async () => {
    const person = fc.record({
      givenName: fc.constantFrom('Ana', 'Jörg', 'Élodie', 'Piotr', 'Maria'),
      familyName: fc.stringMatching(/^[A-Z][a-z]{4,9}$/),
      restricted: fc.boolean(),
      withdrawn: fc.boolean(),
      memberState: fc.constantFrom('FR', 'DE', 'PL', null),
      deployed: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(person, { minLength: 2, maxLength: 6, selector: (p) => p.familyName }), async (people) => {
        const core = createCore({ dbPath: ':memory:' });
        try {
          const action = ok(await core.createAction({ data: ghana }));
          const made: { e: Expert; hidden: boolean }[] = [];
          for (const [i, p] of people.entries()) {
            const e = ok(
              await core.createExpert({
                data: { givenName: p.givenName, familyName: p.familyName, email: `${p.familyName.toLowerCase()}${i}@example.eu`, memberState: p.memberState, sector: 'public_administration' },
              }),
            );
            if (p.deployed) ok(await core.createDeployment({ data: { expert: e.id, action: action.id, role: 'expert', activityType: 'workshop' } }));
            if (p.restricted) ok(await core.restrictExpert({ id: e.id }));
            if (p.withdrawn) ok(await core.withdrawConsent({ id: e.id }));
            made.push({ e, hidden: p.restricted || p.withdrawn });
          }
          for (const { e, hidden } of made) {
            const seen = await visibleIds(core, e);
            if (hidden) expect(seen).toEqual([]);
            else expect(seen.filter((s) => s.startsWith('list:') || s.startsWith('export:')).length).toBeGreaterThan(0);
          }
        } finally {
          core.close();
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);
});

describe('right of access', () => {
  it('exports everything that refers to the expert, found from the schema: a table added later is included', async () => {
    const core = newCore();
    const e = await withDeployment(core, { ...expertHelene, notes: '<script>alert("x")</script> & <b>bold</b>' });
    ok(await core.restrictExpert({ id: e.id }));
    // A table someone adds later, with nothing but a foreign key to say it holds expert data.
    core.close();
    const raw = new Database(core.dbPath);
    raw.exec('CREATE TABLE expert_certificates (id TEXT PRIMARY KEY, expert_id TEXT NOT NULL REFERENCES experts(id), title TEXT NOT NULL) STRICT');
    raw.prepare("INSERT INTO expert_certificates VALUES ('c1', ?, 'Trainer of trainers')").run(e.id);
    const referencing = expertReferences(raw).map((r) => r.table);
    raw.close();
    const reopened = createCore({ dbPath: core.dbPath });
    try {
      const x = ok(await reopened.exportExpertData({ id: e.id }));
      expect(x.expert).toMatchObject({ id: e.id, email: 'h.dupre@example.fr', restricted: true });
      // Every table the schema says refers to experts is in the export: none can be forgotten.
      expect(referencing).toEqual(expect.arrayContaining(['expert_languages', 'expert_topics', 'deployments', 'expert_certificates']));
      for (const t of referencing) expect(Object.keys(x.related)).toContain(t);
      expect(x.related.expert_certificates).toEqual([{ id: 'c1', expert_id: e.id, title: 'Trainer of trainers' }]);
      expect(x.related.deployments).toHaveLength(1);
      expect(x.related.expert_languages).toHaveLength(2);
      expect(x.history.map((h) => h.action)).toEqual(['create', 'restrict']);
      // The page escapes everything.
      expect(x.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;');
      expect(x.html).not.toContain('<script>');
      expect(x.html).toContain('Trainer of trainers');
      expect(x.html).toMatch(/<title>Personal data held about Hélène Dupré<\/title>/);

      // Erasure reaches the same table.
      expect(ok(await reopened.eraseExpert({ id: e.id })).removed).toMatchObject({ expert_certificates: 1, deployments: 1, experts: 1 });
    } finally {
      reopened.close();
    }
  });
});

describe('erasure', () => {
  it('leaves no trace of the name, e-mail or phone in the database, WAL and shared-memory files, nor in search', async () => {
    const core = newCore();
    const e = await withDeployment(core, person);
    // Several versions of the record, so old copies exist in pages and in the WAL.
    for (const notes of ['first call', 'second call', 'third call']) ok(await core.updateExpert({ id: e.id, data: { notes, phone: person.phone } }));
    ok(await core.createExpert({ data: expertHelene }));
    expect(found(bytesOf(core.dbPath)).length).toBe(traces.length);
    expect(ok(await core.search({ query: 'Quixotelle' })).total).toBe(1);

    const r = ok(await core.eraseExpert({ id: e.id }));
    expect(r.removed).toMatchObject({ experts: 1, deployments: 1, expert_languages: 0 });
    expect(found(bytesOf(core.dbPath))).toEqual([]);
    expect(ok(await core.search({ query: 'Quixotelle' })).total).toBe(0);
    expect(ok(await core.search({ query: 'Quixo' })).total).toBe(0);
    expect(err(await core.getExpert({ id: e.id })).code).toBe('NOT_FOUND');
    expect(ok(await core.listExperts({})).items.map((x) => x.familyName)).toEqual(['Dupré']);
    expect(ok(await core.getHistory({ entity: 'expert', id: e.id }))[0]).toMatchObject({ action: 'erase', fields: [] });
    expect(ok(await core.verifyAudit({})).ok).toBe(true);
    core.close();
    expect(found(bytesOf(core.dbPath))).toEqual([]);
  });

  it('the ledger erases the person again after a restore of an older backup, and travels in exchange bundles', async () => {
    const dir = tempDir();
    const a = createCore({ dbPath: path.join(dir, 'a.sqlite') });
    const e = await withDeployment(a, person);
    const bundle = ok(await a.exportExchange({}));
    const backup = ok(await a.createBackup({}));
    ok(await a.eraseExpert({ id: e.id }));

    const restored = ok(await a.restoreBackup({ file: backup.path }));
    expect(restored.erasuresReapplied).toBe(1);
    expect(ok(await a.listExperts({})).total).toBe(0);
    expect(found(bytesOf(a.dbPath))).toEqual([]);

    // Bringing the old bundle back does not bring the person back.
    const again = ok(await a.importExchange({ document: bundle }));
    expect(again.experts).toMatchObject({ created: 0, rejected: 1 });
    expect(again.rejections[0]!.reason).toMatch(/erased/);
    expect(ok(await a.listExperts({})).total).toBe(0);

    // The ledger goes with an export, holds only salted hashes, and erases the person on a colleague's machine.
    const shared = ok(await a.exportExchange({}));
    expect(shared.erasures).toHaveLength(1);
    expect(found(JSON.stringify(shared.erasures))).toEqual([]);
    a.close();
    const b = createCore({ dbPath: path.join(dir, 'b.sqlite') });
    ok(await b.importExchange({ document: bundle }));
    expect(ok(await b.listExperts({})).total).toBe(1);
    expect(ok(await b.importExchange({ document: shared })).erasuresApplied).toBe(1);
    expect(ok(await b.listExperts({})).total).toBe(0);
    b.close();
    expect(found(bytesOf(b.dbPath))).toEqual([]);
  });
});

describe('retention review', () => {
  it('lists profiles not confirmed for the period and experts not deployed for N years; deletes nothing', async () => {
    const core = newCore();
    const fresh = await withDeployment(core, { ...expertHelene, lastConfirmedOn: '2026-06' });
    const stale = ok(await core.createExpert({ data: { givenName: 'Old', familyName: 'Profile', email: 'old@example.eu', sector: 'academia', lastConfirmedOn: '2022-01' } }));
    const never = ok(await core.createExpert({ data: { givenName: 'Never', familyName: 'Confirmed', sector: 'academia' } }));
    ok(await core.restrictExpert({ id: never.id }));
    // The deployment was in 2019: within 8 years of 2026, not of 2030.
    const q = ok(await core.reviewQueue({ unconfirmedMonths: 24, undeployedYears: 8, asOf: '2026-11-29' }));
    expect(q.unconfirmed.map((i) => i.id).sort()).toEqual([stale.id, never.id].sort());
    expect(q.unconfirmed.find((i) => i.id === never.id)).toMatchObject({ restricted: true, lastConfirmedOn: null });
    expect(q.undeployed.map((i) => i.id).sort()).toEqual([stale.id, never.id].sort());
    const later = ok(await core.reviewQueue({ unconfirmedMonths: 24, undeployedYears: 8, asOf: '2030-01' }));
    expect(later.undeployed.map((i) => i.id)).toContain(fresh.id);
    for (const e of [fresh, stale, never]) expect(ok(await core.getExpert({ id: e.id })).id).toBe(e.id);
  });
});

describe('personal-data commands', () => {
  it('expert export (JSON and HTML), restrict, and erase that asks for confirmation unless --yes', async () => {
    const dbPath = path.join(tempDir(), 'kb.sqlite');
    const core = createCore({ dbPath });
    await withDeployment(core, person);
    core.close();
    const json = path.join(tempDir(), 'zq.json');
    expect(kb(['expert', 'export', 'ZQ.Unique@example.pl', json, '--db', dbPath])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Wrote everything about Zbigniewa Quixotelle/) });
    expect(JSON.parse(fs.readFileSync(json, 'utf8'))).toMatchObject({ expert: { email: 'zq.unique@example.pl' }, related: { deployments: [expect.anything()] } });
    expect(JSON.parse(fs.readFileSync(json, 'utf8')).html).toBeUndefined();
    const html = path.join(tempDir(), 'zq.html');
    expect(kb(['expert', 'export', 'zq.unique@example.pl', html, '--db', dbPath]).code).toBe(0);
    expect(fs.readFileSync(html, 'utf8')).toMatch(/^<!doctype html>[\s\S]*Quixotelle/);

    expect(kb(['expert', 'restrict', 'zq.unique@example.pl', '--db', dbPath]).stdout).toMatch(/is restricted/);
    const refused = kb(['expert', 'erase', 'zq.unique@example.pl', '--db', dbPath]);
    expect(refused).toMatchObject({ code: 1, stderr: 'error: Erasure needs confirmation: run it in a terminal, or add --yes\n' });
    expect(found(bytesOf(dbPath)).length).toBeGreaterThan(0);
    expect(kb(['expert', 'erase', 'zq.unique@example.pl', '--yes', '--db', dbPath])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Erased Zbigniewa Quixotelle: .*1 experts/) });
    expect(found(bytesOf(dbPath))).toEqual([]);
    expect(kb(['expert', 'erase', 'zq.unique@example.pl', '--yes', '--db', dbPath])).toMatchObject({ code: 1, stderr: expect.stringMatching(/No expert with the e-mail/) });
  }, 120_000);
});
