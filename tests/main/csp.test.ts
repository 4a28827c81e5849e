// The renderer's Content-Security-Policy: an injected <script> or inline handler must not run,
// and the page must not reach the network.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, withCsp } from '../../src/main/csp';

const parse = (csp: string) => Object.fromEntries(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k!, v]));

describe('content security policy', () => {
  it('in production allows nothing inline, nothing evaluated, and only our own bundle', () => {
    const csp = contentSecurityPolicy();
    expect(csp).not.toMatch(/unsafe-|\*|https?:|ws:/);
    const d = parse(csp);
    expect(d['default-src']).toEqual(["'none'"]);
    expect(d['script-src']).toEqual(["'self'"]);
    expect(d['style-src']).toEqual(["'self'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['frame-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'none'"]);
    expect(d['form-action']).toEqual(["'none'"]);
    expect(d['frame-ancestors']).toEqual(["'none'"]);
  });

  it('in development opens only what the local Vite server needs, never eval', () => {
    const d = parse(contentSecurityPolicy('http://localhost:5173/'));
    expect(d['connect-src']).toEqual(["'self'", 'ws://localhost:5173']);
    expect(d['style-src']).toContain("'unsafe-inline'");
    expect(d['script-src']).toEqual(["'self'"]);
  });

  it.each(['https://localhost:5173/', 'http://evil.example:5173/', 'http://192.168.1.10:5173/', 'file:///tmp/'])('refuses to relax for %s', (url) => {
    expect(() => contentSecurityPolicy(url)).toThrow(/development server/);
  });

  it('replaces any policy a response carried, whatever its case', () => {
    const out = withCsp({ 'content-security-policy': ["default-src *"], 'Content-Security-Policy-Report-Only': 'x', 'X-Other': 'y' }, "default-src 'none'");
    expect(out).toEqual({ 'X-Other': ['y'], 'Content-Security-Policy': ["default-src 'none'"] });
    expect(withCsp(undefined, 'p')).toEqual({ 'Content-Security-Policy': ['p'] });
  });
});
