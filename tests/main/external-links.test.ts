// Links in the knowledge base (a partner's website, an expert's e-mail) open outside the app;
// nothing else may leave it. A hostile link in imported data must do nothing.
import { describe, expect, it } from 'vitest';
import { isSafeExternalUrl, navigationDecision } from '../../src/main/external-links';

const hostile: [string, unknown][] = [
  ['plain http', 'http://www.icmpd.org/'],
  ['file URL', 'file:///etc/passwd'],
  ['Windows file URL', 'file:///C:/Windows/System32/calc.exe'],
  ['UNC share', 'file://attacker.example/share/payload.exe'],
  ['smb share', 'smb://attacker.example/share'],
  ['javascript', 'javascript:alert(1)'],
  ['javascript, mixed case', 'JaVaScRiPt:alert(document.cookie)'],
  ['javascript behind a tab', 'java\tscript:alert(1)'],
  ['data HTML', 'data:text/html,<script>alert(1)</script>'],
  ['vbscript', 'vbscript:msgbox(1)'],
  ['ms-msdt (Follina)', 'ms-msdt:/id PCWDiagnostic /skip force'],
  ['search-ms', 'search-ms:query=invoice&crumb=location:\\\\attacker.example\\share'],
  ['ms-officecmd', 'ms-officecmd:{"id":3}'],
  ['custom protocol handler', 'zoommtg://zoom.us/join?confno=1'],
  ['our own app scheme', 'app://bundle/index.html'],
  ['chrome internals', 'chrome://settings'],
  ['devtools', 'devtools://devtools/bundled/inspector.html'],
  ['about:blank', 'about:blank'],
  ['blob', 'blob:https://example.org/1234'],
  ['ftp', 'ftp://ftp.example.org/file'],
  ['websocket', 'wss://example.org/'],
  ['credentials in https', 'https://user:pass@example.org/'],
  ['phishing userinfo', 'https://www.icmpd.org@evil.example/'],
  ['https without host', 'https:///path'],
  ['https with backslashes', 'https:\\\\evil.example\\x'],
  ['https with a single slash', 'https:/evil.example/'],
  ['leading space', ' https://example.org/'],
  ['embedded newline', 'https://exam\nple.org/'],
  ['NUL byte', 'https://example.org/\u0000.exe'],
  ['right-to-left override', 'https://example.org/\u202Egpj.exe'],
  ['zero-width space', 'https://exa\u200Bmple.org/'],
  ['trailing-dot host', 'https://example.org./'],
  ['overlong URL', `https://example.org/${'a'.repeat(3000)}`],
  ['not a URL', 'example.org'],
  ['relative path', '/etc/passwd'],
  ['empty string', ''],
  ['a number', 42],
  ['an object', { href: 'https://example.org/' }],
  ['null', null],
  ['mailto with attachment', 'mailto:a@example.org?attach=/etc/passwd'],
  ['mailto with attachment, other spelling', 'mailto:a@example.org?Attachment=C:\\secrets.txt'],
  ['mailto without address', 'mailto:'],
  ['mailto to several, injected', 'mailto:a@example.org,b@evil.example'],
  ['mailto with header injection', 'mailto:a@example.org%0d%0aBcc:b@evil.example'],
];

const safe = [
  'https://www.icmpd.org/',
  'https://www.mieux-initiative.eu/en/actions/ghana-iii?lang=fr#results',
  'https://例え.jp/パス',
  'https://[2001:db8::1]/',
  'mailto:expert@example.org',
  'mailto:expert@example.org?subject=MIEUX%2B%20deployment&body=Hello',
];

describe('external links', () => {
  it('has a table of at least 30 hostile links', () => expect(hostile.length).toBeGreaterThanOrEqual(30));

  it.each(hostile)('refuses %s', (_name, url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
    expect(navigationDecision(url)).toBe('deny');
  });

  it.each(safe)('opens %s outside the app', (url) => {
    expect(isSafeExternalUrl(url)).toBe(true);
    expect(navigationDecision(url)).toBe('open-externally');
  });
});
