// app://bundle/ serves the built renderer and nothing else: no request may read a file outside
// the bundle (the database, the user's documents, system files).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ENTRY, contentTypeOf, resolveBundlePath, serveBundleFile } from '../../src/main/app-protocol';

let base: string;
let root: string;
beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-bundle-'));
  root = path.join(base, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>kb</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(base, 'secret.sqlite'), 'the knowledge base');
  fs.writeFileSync(path.join(base, 'renderer-evil.txt'), 'a sibling folder with a shared prefix');
  fs.symlinkSync(path.join(base, 'secret.sqlite'), path.join(root, 'assets', 'link.js'));
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const traversal = [
  'app://bundle/../secret.sqlite',
  'app://bundle/..%2fsecret.sqlite',
  'app://bundle/..%2Fsecret.sqlite',
  'app://bundle/%2e%2e/secret.sqlite',
  'app://bundle/%2e%2e%2fsecret.sqlite',
  'app://bundle/assets/%2e%2e/%2e%2e/secret.sqlite',
  'app://bundle/.%2e/secret.sqlite',
  'app://bundle/..%5csecret.sqlite',
  'app://bundle/..%5Csecret.sqlite',
  'app://bundle/..\\secret.sqlite',
  'app://bundle/assets\\..\\..\\secret.sqlite',
  'app://bundle/%252e%252e%252fsecret.sqlite',
  'app://bundle/..%252fsecret.sqlite',
  'app://bundle/%25%32%65%25%32%65/secret.sqlite',
  'app://bundle/..%c0%afsecret.sqlite',
  'app://bundle/..%c1%9csecret.sqlite',
  'app://bundle/%2fetc%2fpasswd',
  'app://bundle//etc/passwd',
  'app://bundle/C:/Windows/win.ini',
  'app://bundle/C:%5cWindows%5cwin.ini',
  'app://bundle/%5c%5cattacker%5cshare',
  'app://bundle/index.html%00.png',
  'app://bundle/index.html%00',
  'app://bundle/assets/index-abc.js::$DATA',
  'app://bundle/.. /secret.sqlite',
  'app://bundle/.../secret.sqlite',
  'app://bundle/../renderer-evil.txt',
  'app://bundle/%E0%A4%A',
  'app://other/index.html',
  'app://user:pass@bundle/index.html',
  'file:///etc/passwd',
  'https://bundle/index.html',
  'app:index.html',
  'not a url',
];

describe('the app:// protocol', () => {
  it.each(traversal)('refuses %s', async (url) => {
    const resolved = resolveBundlePath(root, url);
    if (resolved !== null) expect(path.relative(root, resolved).startsWith('..')).toBe(false);
    const res = await serveBundleFile(root, url, "default-src 'none'");
    expect(res.status).toBe(404);
    expect(await res.text()).toBe('Not found');
  });

  it('serves the entry page and the assets, with our CSP and their types', async () => {
    expect(resolveBundlePath(root, APP_ENTRY)).toBe(path.join(root, 'index.html'));
    expect(resolveBundlePath(root, 'app://bundle/')).toBe(path.join(root, 'index.html'));
    const page = await serveBundleFile(root, `${APP_ENTRY}?token=1#/search`, "default-src 'none'");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>kb</title>');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await serveBundleFile(root, 'app://bundle/assets/index-abc.js', 'p');
    expect(await script.text()).toBe('console.log(1)');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('does not follow a symbolic link out of the bundle, and has no directory listing', async () => {
    expect((await serveBundleFile(root, 'app://bundle/assets/link.js', 'p')).status).toBe(404);
    expect((await serveBundleFile(root, 'app://bundle/assets/', 'p')).status).toBe(404);
    expect((await serveBundleFile(root, 'app://bundle/missing.js', 'p')).status).toBe(404);
  });

  it('sends unknown types as bytes, never as something a browser would run', () => {
    expect(contentTypeOf('x.exe')).toBe('application/octet-stream');
    expect(contentTypeOf('x.CSS')).toBe('text/css; charset=utf-8');
  });
});
