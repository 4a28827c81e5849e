// The kb:call handler in front of a real core on a temporary database: only our window's main
// frame is answered, only contract methods with parsing input reach the core, and no payload at
// all makes it throw, or write when it is refused.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type KbCore } from '../../src/core';
import { APP_ORIGIN } from '../../src/main/app-protocol';
import { createCallHandler, type CallEvent } from '../../src/main/ipc-handler';
import { methods, type KbResult } from '../../src/shared/api';

const ghana = {
  code: 'Ghana III',
  titleEn: 'Ghana III: trafficking in human beings',
  domain: 'IMT',
  status: 'completed',
  startDate: '2015-08',
  endDate: '2020-04',
  topics: ['IMT-THB'],
  countries: ['GH'],
};

let dir: string;
let core: KbCore;
let forwarded: string[];
const mainFrame = { url: `${APP_ORIGIN}/index.html`, processId: 4, frameToken: 'A1B2-main' };
const ours: CallEvent = { senderFrame: mainFrame };
let handle: ReturnType<typeof createCallHandler>;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-ipc-'));
  core = createCore({ dbPath: path.join(dir, 'kb.sqlite') });
  forwarded = [];
  handle = createCallHandler({
    core: { call: (m, i) => (forwarded.push(m), core.call(m, i)) },
    mainFrame: () => mainFrame,
    origin: APP_ORIGIN,
  });
});
afterEach(() => {
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const isKbResult = (r: KbResult<unknown>) =>
  (r.ok === true && 'value' in r) || (r.ok === false && typeof r.error.code === 'string' && typeof r.error.message === 'string');

/** Everything a user could see: every record, as an export (without its timestamp). */
const snapshot = async () => {
  const r = await core.exportExchange({});
  if (!r.ok) throw new Error(r.error.message);
  return JSON.stringify({ ...r.value, exportedAt: null });
};

describe('the kb:call handler', () => {
  it('answers our window: a search and an edit go through', async () => {
    const created = (await handle(ours, 'createAction', { data: ghana })) as KbResult<{ id: string }>;
    expect(created.ok).toBe(true);
    const found = (await handle(ours, 'search', { query: 'trafficking' })) as KbResult<{ total: number }>;
    expect(found).toMatchObject({ ok: true, value: { total: 1 } });
  });

  it('knows our main frame by its process and token, whatever wrapper object carries them', async () => {
    expect(await handle({ senderFrame: { ...mainFrame } }, 'getStats', {})).toMatchObject({ ok: true });
  });

  it.each<[string, CallEvent]>([
    ['an iframe from our own origin', { senderFrame: { url: `${APP_ORIGIN}/index.html`, processId: 4, frameToken: 'C3D4-iframe' } }],
    ['a frame of another renderer process', { senderFrame: { url: `${APP_ORIGIN}/index.html`, processId: 5, frameToken: 'A1B2-main' } }],
    ['a frame without identity', { senderFrame: { url: `${APP_ORIGIN}/index.html` } }],
    ['no frame (a destroyed one)', { senderFrame: null }],
  ])('refuses %s', async (_name, event) => {
    expect(await handle(event, 'createAction', { data: ghana })).toMatchObject({ ok: false, error: { code: 'INVALID', message: expect.stringContaining('application window') } });
    expect(forwarded).toEqual([]);
  });

  it.each(['https://evil.example/index.html', 'app://evil/index.html', 'file:///app/index.html', 'about:blank', 'http://localhost:5173/'])(
    'refuses our main frame once it shows %s',
    async (url) => {
      const frame = { url };
      const h = createCallHandler({ core, mainFrame: () => frame, origin: APP_ORIGIN });
      expect(await h({ senderFrame: frame }, 'getStats', {})).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    },
  );

  it('refuses names outside the contract, prototype names included', async () => {
    for (const name of ['dropDatabase', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'call', 'close', 'on', '', 42, null, ['search']]) {
      expect(await handle(ours, name, {}), String(name)).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    }
    expect(forwarded).toEqual([]);
  });

  it('parses the input before the core sees it, naming the field', async () => {
    const r = await handle(ours, 'createAction', { data: { ...ghana, domain: 'NOPE' } });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID', issues: [expect.objectContaining({ path: 'data.domain' })] } });
    expect(await handle(ours, 'deleteAction', { id: 'x; DROP TABLE actions' })).toMatchObject({ ok: false, error: { code: 'INVALID' } });
    expect(forwarded).toEqual([]);
    expect(await handle(ours, 'getAction', { id: randomUUID() })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(forwarded).toEqual(['getAction']);
  });

  it('turns a core that throws into an INTERNAL result', async () => {
    const h = createCallHandler({ core: { call: () => Promise.reject(new Error('worker gone')) }, mainFrame: () => mainFrame, origin: APP_ORIGIN });
    expect(await h(ours, 'getStats', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('worker gone') } });
  });

  it('never throws, and never writes on a call it refuses, whatever the payload (fuzzed)', async () => {
    const existing = (await handle(ours, 'createAction', { data: ghana })) as KbResult<{ id: string }>;
    if (!existing.ok) throw new Error(existing.error.message);
    const writes = Object.keys(methods).filter((m) => /^(create|update|delete|import)/.test(m));
    const name = fc.oneof(
      fc.constantFrom(...writes),
      fc.constantFrom(...Object.keys(methods)),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'valueOf', 'call', 'close'),
      fc.string(),
      fc.anything(),
    );
    // Payloads shaped like real calls with hostile values, and anything at all.
    const payload = fc.oneof(
      fc.anything({ withNullPrototype: true, withObjectString: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true, withBigInt: true }),
      fc.record({ id: fc.oneof(fc.constant(existing.value.id), fc.uuid(), fc.string()), data: fc.anything() }),
      fc.record({
        id: fc.constant(existing.value.id),
        data: fc.dictionary(fc.constantFrom(...Object.keys(ghana), 'id', 'createdAt', '__proto__'), fc.anything()),
        expectedUpdatedAt: fc.string(),
      }),
      fc.record({ document: fc.anything(), dryRun: fc.anything() }),
      fc.record({ query: fc.string(), filters: fc.anything(), limit: fc.anything() }),
    );
    const sender = fc.oneof(fc.constant(ours), fc.record({ senderFrame: fc.record({ url: fc.webUrl() }) }), fc.constant({ senderFrame: null }));
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(sender, name, payload, async (event, method, input) => {
        const before = await snapshot();
        const r = await handle(event as CallEvent, method, input);
        expect(isKbResult(r)).toBe(true);
        // A valid call may write (an empty patch is a valid update); a refused one never does.
        if (!r.ok) {
          refused++;
          expect(await snapshot()).toBe(before);
        }
      }),
      { numRuns: 500 },
    );
    expect(refused).toBeGreaterThan(400);
  });
});
