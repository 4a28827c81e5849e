// The renderer is served from app://bundle/, confined to the built renderer folder. A request
// that names anything outside it (.., encoded separators, absolute paths, NUL…) gets a 404.
import fs from 'node:fs/promises';
import path from 'node:path';
import { withCsp } from './csp';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://bundle`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

/** The file a request names inside `root`, or null when it names anything else. */
export function resolveBundlePath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== 'bundle' || url.username || url.password) return null;
  const encoded = url.pathname;
  if (encoded.includes('\\') || /%5c/i.test(encoded)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(encoded);
  } catch {
    return null;
  }
  // A '%' left after one decoding means the path was encoded twice to slip past a check: our
  // bundle has no file names with '%' in them. ':' would name a drive or an NTFS stream.
  if (/[\0\\%:]/.test(decoded)) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s === '.' || s === '..' || s.trim() !== s || /^\.+\s*$/.test(s))) return null;
  const file = path.resolve(root, ...(segments.length ? segments : ['index.html']));
  const rel = path.relative(path.resolve(root), file);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return file;
}

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The protocol handler's answer: the file with its type and our CSP, or a 404 that says nothing. */
export async function serveBundleFile(root: string, requestUrl: string, csp: string): Promise<Response> {
  const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  const file = resolveBundlePath(root, requestUrl);
  if (!file) return notFound();
  try {
    // A symbolic link inside the bundle must not lead out of it either.
    const [real, realRoot] = await Promise.all([fs.realpath(file), fs.realpath(root)]);
    if (!real.startsWith(realRoot + path.sep)) return notFound();
    const body = await fs.readFile(real);
    const headers = withCsp({ 'Content-Type': contentTypeOf(real), 'X-Content-Type-Options': 'nosniff' }, csp);
    return new Response(new Uint8Array(body), { status: 200, headers: Object.entries(headers).map(([k, v]) => [k, v.join(', ')]) });
  } catch {
    return notFound();
  }
}
