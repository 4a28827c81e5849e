// Which links may leave the app: only https: web pages and mailto: addresses, handed to the
// system browser or mail client. Everything else (file:, smb:, javascript:, custom protocol
// handlers that launch programs…) is refused: a link in imported data must not run anything.

const MAX_URL_LENGTH = 2048;
// Mail clients differ in what they honour; `attach` and friends can leak local files.
const MAILTO_PARAMS = new Set(['subject', 'body', 'cc']);

export function isSafeExternalUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return false;
  // The URL parser silently drops tabs and newlines and trims spaces; a link holding any of them
  // is not what it appears to be.
  if (hasHiddenCharacters(raw)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return isSafeWebUrl(url, raw);
  if (url.protocol === 'mailto:') return isSafeMailto(url);
  return false;
}

/** Whitespace, control characters and the invisible or direction-changing marks that disguise a link. */
function hasHiddenCharacters(raw: string): boolean {
  for (const ch of raw) {
    const c = ch.codePointAt(0)!;
    if (c <= 0x20 || (c >= 0x7f && c <= 0xa0) || (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c === 0xfeff) return true;
    if (/\s/u.test(ch)) return true;
  }
  return false;
}

function isSafeWebUrl(url: URL, raw: string): boolean {
  if (!/^https:\/\/[^/\\]/i.test(raw)) return false;
  if (url.username || url.password) return false;
  if (!url.hostname || url.hostname.endsWith('.')) return false;
  return true;
}

function isSafeMailto(url: URL): boolean {
  let address: string;
  try {
    address = decodeURIComponent(url.pathname);
  } catch {
    return false;
  }
  if (!/^[^@\s,;:<>()"'\\/]+@[a-z0-9.-]+\.[a-z]{2,}$/i.test(address)) return false;
  for (const key of url.searchParams.keys()) if (!MAILTO_PARAMS.has(key.toLowerCase())) return false;
  return true;
}

/**
 * What to do when the renderer tries to go to `url` (a link click, window.open, a redirect):
 * never navigate the app window away from the bundle; open safe links outside.
 */
export function navigationDecision(url: unknown): 'open-externally' | 'deny' {
  return isSafeExternalUrl(url) ? 'open-externally' : 'deny';
}
