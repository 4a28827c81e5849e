// The Electron wiring of the security rules, with Electron replaced by recorders: what the
// session, the protocol and every web contents are told to do.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const opened: string[] = [];
const privileged: unknown[] = [];
const app = new EventEmitter();
vi.mock('electron', () => ({
  app,
  protocol: { registerSchemesAsPrivileged: (s: unknown[]) => privileged.push(...s) },
  shell: { openExternal: async (url: string) => void opened.push(url) },
}));

const { guardWebContents, hardenSession, registerAppScheme } = await import('../../src/main/hardening');
const { APP_ORIGIN } = await import('../../src/main/app-protocol');

type Handler = (...args: unknown[]) => unknown;
function fakeSession() {
  const h: Record<string, Handler> = {};
  const events = new EventEmitter();
  return {
    h,
    events,
    session: {
      protocol: { handle: (scheme: string, fn: Handler) => void (h[`protocol:${scheme}`] = fn) },
      webRequest: { onHeadersReceived: (fn: Handler) => void (h.headers = fn) },
      setPermissionRequestHandler: (fn: Handler) => void (h.request = fn),
      setPermissionCheckHandler: (fn: Handler) => void (h.check = fn),
      setDevicePermissionHandler: (fn: Handler) => void (h.device = fn),
      on: (name: string, fn: Handler) => events.on(name, fn),
    },
  };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-harden-'));
fs.mkdirSync(path.join(dir, 'renderer'));
fs.writeFileSync(path.join(dir, 'renderer', 'index.html'), '<title>kb</title>');
fs.writeFileSync(path.join(dir, 'kb.sqlite'), 'data');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeEach(() => void (opened.length = 0));

describe('session hardening', () => {
  const { h, events, session } = fakeSession();
  hardenSession(session as never, { rendererDir: path.join(dir, 'renderer'), origin: APP_ORIGIN, csp: "default-src 'none'" });

  it('registers app:// as a secure standard scheme', () => {
    registerAppScheme();
    // Nothing more: bypassCSP would void the policy, corsEnabled would let other origins read the bundle.
    expect(privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('serves the bundle on app:// and nothing beside it', async () => {
    const serve = h['protocol:app']!;
    expect(((await serve({ url: 'app://bundle/index.html' })) as Response).status).toBe(200);
    expect(((await serve({ url: 'app://bundle/..%2fkb.sqlite' })) as Response).status).toBe(404);
  });

  it('puts the CSP on every response', () => {
    let answer: unknown;
    h.headers!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r: unknown) => (answer = r));
    expect(answer).toEqual({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] } });
  });

  it('answers permission requests and checks from the table', () => {
    const ask = (permission: string, url: string) => {
      let granted: unknown;
      h.request!({ getURL: () => url }, permission, (g: boolean) => (granted = g), { requestingUrl: url });
      return granted;
    };
    expect(ask('media', `${APP_ORIGIN}/index.html`)).toBe(false);
    expect(ask('geolocation', `${APP_ORIGIN}/index.html`)).toBe(false);
    expect(ask('clipboard-sanitized-write', `${APP_ORIGIN}/index.html`)).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(h.check!(null, 'notifications', APP_ORIGIN)).toBe(false);
    expect(h.check!(null, 'clipboard-sanitized-write', APP_ORIGIN)).toBe(true);
    expect(h.device!({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
  });

  it('picks no device when a page asks for one', () => {
    for (const name of ['select-hid-device', 'select-serial-port', 'select-usb-device']) {
      const picked: unknown[] = [];
      const event = { preventDefault: vi.fn() };
      const callback = (...a: unknown[]) => picked.push(a);
      if (name === 'select-serial-port') events.emit(name, event, [], {}, callback);
      else events.emit(name, event, {}, callback);
      expect(event.preventDefault, name).toHaveBeenCalled();
      expect(picked, name).toHaveLength(1);
      expect(picked[0], name).not.toEqual([expect.stringMatching(/.+/)]);
    }
  });
});

describe('web contents guards', () => {
  guardWebContents();
  const contents = Object.assign(new EventEmitter(), { openHandler: undefined as Handler | undefined, setWindowOpenHandler: (fn: Handler) => void (contents.openHandler = fn) });
  app.emit('web-contents-created', {}, contents);
  const event = () => ({ preventDefault: vi.fn() });

  it('never navigates the window; safe links open outside, others nowhere', () => {
    for (const [url, external] of [
      ['https://www.icmpd.org/', true],
      ['mailto:expert@example.org', true],
      ['javascript:alert(1)', false],
      ['file:///etc/passwd', false],
      ['app://bundle/other.html', false],
    ] as const) {
      opened.length = 0;
      const e = event();
      contents.emit('will-navigate', e, url);
      expect(e.preventDefault, url).toHaveBeenCalled();
      expect(opened, url).toEqual(external ? [url] : []);
    }
  });

  it('opens no new window, and no webview, and follows no redirect', () => {
    expect(contents.openHandler!({ url: 'https://www.icmpd.org/' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.icmpd.org/']);
    expect(contents.openHandler!({ url: 'smb://attacker.example/share' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.icmpd.org/']);
    for (const name of ['will-attach-webview', 'will-redirect']) {
      const e = event();
      contents.emit(name, e, 'https://evil.example/');
      expect(e.preventDefault, name).toHaveBeenCalled();
    }
  });
});
