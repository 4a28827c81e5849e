// Serve mode over real HTTP on 127.0.0.1: what a browser tab, a hostile page or another local
// program would get.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { rendererBundleDir, startServer, type RunningServer } from '../../src/core/http/server';
import { ghana, newCore, tempDir } from './helpers';

const running: RunningServer[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});

/** A bundle folder with a secret next to it and a symbolic link pointing out of it. */
function bundle() {
  const dir = tempDir();
  const www = path.join(dir, 'www');
  fs.mkdirSync(path.join(www, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(www, 'index.html'), '<!doctype html><title>KB</title>');
  fs.writeFileSync(path.join(www, 'assets', 'app-1234.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'TOP SECRET');
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(www, 'link.txt'));
  return www;
}

async function serve(opts: { maxBodyBytes?: number } = {}) {
  const core = newCore();
  const server = await startServer({ core, staticDir: bundle(), port: 0, ...opts });
  running.push(server);
  return { core, server };
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A raw request, so tests can send any Host header, path or body a hostile client could. */
function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

const call = (s: RunningServer, method: string, body: unknown, headers: Record<string, string> = {}) =>
  request(s.port, { method: 'POST', path: `/api/${method}`, headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('serve mode', () => {
  it('answers the contract as JSON-RPC with the KbResult of the core, and never caches it', async () => {
    const { core, server } = await serve();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);

    const created = await call(server, 'createAction', { data: ghana });
    expect(created.status).toBe(200);
    expect(created.headers['cache-control']).toBe('no-store');
    expect(created.headers['content-type']).toMatch(/^application\/json/);
    const action = JSON.parse(created.body);
    expect(action).toMatchObject({ ok: true, value: { code: 'Ghana III', countries: ['GH'] } });

    const listed = JSON.parse((await call(server, 'listActions', {})).body);
    expect(listed.value.items.map((a: { code: string }) => a.code)).toEqual(['Ghana III']);
    expect(JSON.parse((await call(server, 'getStats', {})).body)).toEqual(await core.getStats({}));
  });

  it('gives the same errors as IPC for an unknown method and a bad input', async () => {
    const { core, server } = await serve();
    const unknown = await call(server, 'dropDatabase', {});
    expect(unknown.status).toBe(200);
    expect(JSON.parse(unknown.body)).toEqual(await core.call('dropDatabase', {}));
    expect(JSON.parse(unknown.body).error).toMatchObject({ code: 'INVALID', message: expect.stringContaining('Unknown method') });

    const bad = JSON.parse((await call(server, 'createAction', { data: { code: '', domain: 'NOPE' } })).body);
    expect(bad).toEqual(await core.call('createAction', { data: { code: '', domain: 'NOPE' } }));
    expect(bad.error.issues.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['data.code', 'data.domain']));

    const notFound = JSON.parse((await call(server, 'getAction', { id: '6f1c0000-0000-4000-8000-000000000000' })).body);
    expect(notFound.error.code).toBe('NOT_FOUND');
  });

  it('refuses calls without the right token, from other sites, and with GET', async () => {
    const { server } = await serve();
    const none = await request(server.port, { method: 'POST', path: '/api/getStats', body: '{}' });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'INVALID', message: expect.stringMatching(/token/) } });
    const wrong = await call(server, 'getStats', {}, { authorization: `Bearer ${server.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    const inQuery = await request(server.port, { method: 'POST', path: `/api/getStats?token=${server.token}`, body: '{}' });
    expect(inQuery.status).toBe(401);

    const foreign = await call(server, 'getStats', {}, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const same = await call(server, 'getStats', {}, { origin: `http://127.0.0.1:${server.port}` });
    expect(same.status).toBe(200);

    const get = await request(server.port, { path: '/api/getStats', headers: { authorization: `Bearer ${server.token}` } });
    expect(get.status).toBe(405);
  });

  it('answers only to its own host name (DNS rebinding)', async () => {
    const { server } = await serve();
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`, '127.0.0.1']) {
      const r = await call(server, 'getStats', {}, { host });
      expect(r.status, host).toBe(421);
      expect(r.body).not.toContain('"ok"');
      expect((await request(server.port, { path: '/', headers: { host } })).status, host).toBe(421);
    }
    expect((await call(server, 'getStats', {}, { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('refuses a body over the limit with 413 and a KbResult, and bad JSON with 400', async () => {
    const { server } = await serve({ maxBodyBytes: 1000 });
    const big = JSON.stringify({ document: { format: 'mieux-kb', version: 1, actions: [{ notes: 'x'.repeat(5000) }] } });
    const r = await call(server, 'importExchange', JSON.parse(big));
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INVALID', message: expect.stringMatching(/larger than 1000 bytes/) } });
    const listed = JSON.parse((await call(server, 'listActions', {})).body);
    expect(listed.value.total).toBe(0);

    const badJson = await request(server.port, { method: 'POST', path: '/api/getStats', headers: { authorization: `Bearer ${server.token}` }, body: '{"oops' });
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body)).toEqual({ ok: false, error: { code: 'INVALID', message: 'The request body is not valid JSON' } });
  });

  it('serves the bundle with strict headers and nothing outside it', async () => {
    const { server } = await serve();
    const page = await request(server.port, { path: `/?token=${server.token}` });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>KB</title>');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'.*script-src 'self'.*frame-ancestors 'none'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const js = await request(server.port, { path: '/assets/app-1234.js' });
    expect(js).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);

    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/link.txt', '/%00index.html', '/assets', '/missing.js']) {
      const r = await request(server.port, { path: p });
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.body, p).not.toContain('TOP SECRET');
    }
    expect((await request(server.port, { method: 'DELETE', path: '/index.html' })).status).toBe(405);
  });

  it('npm run serve prints its address with the token first, serves the demo data, and stops cleanly on SIGTERM', async () => {
    expect(fs.existsSync(path.join(rendererBundleDir(), 'index.html')), 'build the renderer first: npm run build').toBe(true);
    const db = path.join(tempDir(), 'served.sqlite');
    const root = path.resolve(__dirname, '../..');
    const child = spawn(process.execPath, [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'src/cli/main.ts'), 'serve', '--db', db, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const first = await new Promise<string>((resolve, reject) => {
        readline.createInterface({ input: child.stdout! }).once('line', resolve);
        child.once('exit', () => reject(new Error('serve exited before printing its address')));
      });
      const m = /^http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]{32,})$/.exec(first);
      expect(m, first).not.toBeNull();
      const [, port, token] = m!;
      const stats = await fetch(`http://127.0.0.1:${port}/api/getStats`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: '{}' }).then((r) => r.json() as Promise<{ value: { actions: number } }>);
      expect(stats.value.actions).toBeGreaterThanOrEqual(45);
      const page = await fetch(first).then((r) => r.text());
      expect(page).toMatch(/<script type="module"[^>]+src="\/?\.?\/?assets\//);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    // A clean close checkpoints and removes the write-ahead log.
    expect(fs.existsSync(`${db}-wal`)).toBe(false);
  });
});
