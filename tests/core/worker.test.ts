// The core worker and its client, as the desktop app runs them: a real worker_threads worker on a
// real database file, and scripted workers for the ways a worker can die.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/core';
import { createWorkerClient, type CoreClient } from '../../src/core/worker/client';
import type { WorkerData } from '../../src/core/worker/protocol';
import type { KbEvent } from '../../src/shared/api';
import { err, ghana, ok, tempDir } from './helpers';

const tsx = require.resolve('tsx/cjs');
const entry = path.resolve(__dirname, '../../src/core/worker/entry.ts');

/** The real entry, loaded through tsx the way the built app loads out/main/worker.js. */
function coreWorker(data: WorkerData): Worker {
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(entry)});`, { eval: true, workerData: data });
}

/** A worker that speaks the protocol but dies on request: 'exit' ends it, 'throw' crashes it, 'hang' never answers. */
const SCRIPTED = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (m) => {
  if (m.type === 'close') { parentPort.postMessage({ type: 'closed' }); parentPort.close(); return; }
  if (m.method === 'getStats') parentPort.postMessage({ type: 'result', id: m.id, result: { ok: true, value: 'alive' } });
  if (m.method === 'exit') process.exit(3);
  if (m.method === 'throw') setTimeout(() => { throw new Error('boom in the core'); });
});`;

const clients: CoreClient[] = [];
function client(options: Parameters<typeof createWorkerClient>[0]): CoreClient {
  const c = createWorkerClient(options);
  clients.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const within = <T>(p: Promise<T>, ms = 15_000) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms))]);

describe('the core worker client', () => {
  it('answers calls like the in-process core, errors included, and forwards events', async () => {
    const dbPath = path.join(tempDir(), 'kb.sqlite');
    const kb = client({ spawn: () => coreWorker({ dbPath, demoIfNew: false }) });
    const events: KbEvent[] = [];
    kb.on((e) => events.push(e));

    const created = ok(await kb.createAction({ data: ghana }));
    expect(ok(await kb.getAction({ id: created.id }))).toMatchObject({ code: 'Ghana III', countries: ['GH'] });
    expect(ok(await kb.search({ query: 'trafficking' })).hits.map((h) => h.id)).toContain(created.id);
    expect(events).toContainEqual({ type: 'changed', entity: 'action', ids: [created.id] });

    expect(err(await kb.getAction({ id: randomUUID() })).code).toBe('NOT_FOUND');
    const invalid = err(await kb.createAction({ data: { ...ghana, code: '', domain: 'XX' } } as never));
    expect(invalid.code).toBe('INVALID');
    expect(invalid.issues?.map((i) => i.path)).toEqual(expect.arrayContaining(['data.code', 'data.domain']));
    expect(err(await kb.call('dropDatabase', {}))).toMatchObject({ code: 'INVALID', message: expect.stringContaining('Unknown method') });
  });

  it('refuses input that cannot cross to the worker, and keeps working', async () => {
    const kb = client({ spawn: () => coreWorker({ dbPath: path.join(tempDir(), 'kb.sqlite'), demoIfNew: false }) });
    expect(err(await kb.call('search', { query: 'x', toString: () => 'not data' })).code).toBe('INVALID');
    expect(ok(await kb.getStats({})).actions).toBe(0);
  });

  it('closes the core: the database is checkpointed and later calls fail cleanly', async () => {
    const dbPath = path.join(tempDir(), 'kb.sqlite');
    const kb = createWorkerClient({ spawn: () => coreWorker({ dbPath, demoIfNew: false }) });
    ok(await kb.createAction({ data: ghana }));
    await within(kb.close());
    // A checkpointed WAL is empty: the rows are in the main file, which alone is a complete copy.
    expect(fs.existsSync(`${dbPath}-wal`) ? fs.statSync(`${dbPath}-wal`).size : 0).toBe(0);
    const copy = path.join(tempDir(), 'copy.sqlite');
    fs.copyFileSync(dbPath, copy);
    expect(new Database(copy, { readonly: true }).prepare('SELECT count(*) AS n FROM actions').get()).toEqual({ n: 1 });
    expect(err(await kb.getStats({}))).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('closed') });
  });

  it('reports a database it cannot open on every call, without restarting in a loop', async () => {
    const dbPath = path.join(tempDir(), 'kb.sqlite');
    fs.writeFileSync(dbPath, 'this is not a database, it is a shopping list '.repeat(200));
    let spawned = 0;
    const kb = client({ spawn: () => (spawned++, coreWorker({ dbPath, demoIfNew: false })) });
    expect(err(await within(kb.getStats({}))).code).toBe('DB_CORRUPT');
    expect(err(await within(kb.search({ query: 'x' }))).code).toBe('DB_CORRUPT');
    expect(spawned).toBe(1);
  });

  it('restarts a killed worker; the data written before is still there', async () => {
    const dbPath = path.join(tempDir(), 'kb.sqlite');
    const workers: Worker[] = [];
    const kb = client({ spawn: () => (workers.push(coreWorker({ dbPath, demoIfNew: false })), workers.at(-1)!) });
    const created = ok(await kb.createAction({ data: ghana }));
    await workers[0]!.terminate();
    await new Promise((r) => setTimeout(r, 50));
    expect(workers).toHaveLength(2);
    expect(ok(await within(kb.getAction({ id: created.id }))).code).toBe('Ghana III');
  });

  it.each([
    ['exits', 'exit', 'code 3'],
    ['throws', 'throw', 'boom in the core'],
  ])('fails the pending calls cleanly when the worker %s, then serves from a new worker', async (_how, method, reason) => {
    let spawned = 0;
    const crashes: string[] = [];
    const kb = client({ spawn: () => (spawned++, new Worker(SCRIPTED, { eval: true })), onCrash: (r) => crashes.push(r) });
    const waiting = kb.call('hang', {});
    const dying = kb.call(method, {});
    for (const r of await within(Promise.all([waiting, dying]))) {
      expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining(reason) } });
    }
    expect(crashes).toEqual([expect.stringContaining(reason)]);
    expect(await within(kb.call('getStats', {}))).toEqual({ ok: true, value: 'alive' });
    expect(spawned).toBe(2);
  });

  it('stops restarting a worker that keeps dying, and says so on every call', async () => {
    let spawned = 0;
    const kb = client({ spawn: () => (spawned++, new Worker(SCRIPTED, { eval: true })), maxRestarts: 2 });
    for (let i = 0; i < 3; i++) expect(err(await within(kb.call('exit', {}))).code).toBe('INTERNAL');
    expect(spawned).toBe(3);
    expect(err(await within(kb.call('getStats', {})))).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('Restart the application') });
    expect(spawned).toBe(3);
  });

  it('matches what createCore answers in process', async () => {
    const dbPath = path.join(tempDir(), 'kb.sqlite');
    const direct = createCore({ dbPath: path.join(tempDir(), 'direct.sqlite') });
    const kb = client({ spawn: () => coreWorker({ dbPath, demoIfNew: false }) });
    try {
      expect(ok(await kb.getReference({}))).toEqual(ok(await direct.getReference({})));
      expect(await kb.listActions({ page: 0 } as never)).toEqual(await direct.listActions({ page: 0 } as never));
    } finally {
      direct.close();
    }
  });
});
