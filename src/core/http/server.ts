// Serve mode: the built renderer and the KbApi contract over JSON-RPC on 127.0.0.1, for people
// who cannot install the desktop app and for the browser test suite. Anything on this machine can
// reach a loopback port (other users, web pages through DNS rebinding), so every API call needs
// the per-launch token, the Host header must name this server, and bodies have a size limit.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { KbError, KbResult } from '../../shared/api';
import type { KbCore } from '../index';

export interface ServeOptions {
  core: Pick<KbCore, 'call'>;
  /** The built renderer (out/renderer): the only folder static files are read from. */
  staticDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Largest accepted request body; an import of a whole knowledge base fits in the default. */
  maxBodyBytes?: number;
  /** Fixed only by tests that check refusals; otherwise random at each start. */
  token?: string;
}

export interface RunningServer {
  port: number;
  token: string;
  /** The page to open, with the token the page hands to its API client. */
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_MAX_BODY = 64 * 1024 * 1024;

/** The renderer's own policy (src/renderer/index.html), sent as a header so a page cannot loosen it. */
export const SERVE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': SERVE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  // The page's URL carries the token: never send it to anyone in a Referer.
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

const TYPES: Record<string, string> = {
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
  '.txt': 'text/plain; charset=utf-8',
};

const failure = (code: KbError['code'], message: string): KbResult<never> => ({ ok: false, error: { code, message } });

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const root = fs.realpathSync(options.staticDir);
  if (!fs.existsSync(path.join(root, 'index.html'))) throw new Error(`No built renderer in ${root}: run npm run build first`);
  const token = options.token ?? crypto.randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(`Bearer ${token}`);
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  let port = 0;

  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, failure('INTERNAL', `Serve mode failed: ${(e as Error).message}`));
      else res.destroy();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    // DNS rebinding: a hostile page whose name resolves to 127.0.0.1 still sends its own name here.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      return sendText(res, 421, 'This server only answers to 127.0.0.1 and localhost.');
    }
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) return api(req, res, url.pathname.slice(5));
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    return serveStatic(req, res, url.pathname);
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, rawMethod: string) {
    if (req.method !== 'POST') return sendJson(res, 405, failure('INVALID', 'Call the API with POST'), { Allow: 'POST' });
    const auth = Buffer.from(req.headers.authorization ?? '');
    if (auth.length !== tokenBytes.length || !crypto.timingSafeEqual(auth, tokenBytes)) {
      req.resume();
      return sendJson(res, 401, failure('INVALID', 'Missing or wrong access token: open the address serve mode printed, with its ?token='));
    }
    // A browser only sends Origin on cross-site or non-GET requests; when it does, it must be ours.
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      req.resume();
      return sendJson(res, 403, failure('INVALID', 'Calls from other sites are refused'));
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBody) return tooLarge(req, res);
    const body = await readBody(req, maxBody);
    if (body === null) return tooLarge(req, res);
    let input: unknown;
    try {
      input = body.length ? JSON.parse(body.toString('utf8')) : {};
    } catch {
      return sendJson(res, 400, failure('INVALID', 'The request body is not valid JSON'));
    }
    let method: string;
    try {
      method = decodeURIComponent(rawMethod);
    } catch {
      method = rawMethod;
    }
    // Unknown methods and bad inputs are refused by core.call, exactly as over IPC.
    return sendJson(res, 200, await options.core.call(method, input));
  }

  function tooLarge(req: http.IncomingMessage, res: http.ServerResponse) {
    // Drain rather than reset: closing a socket with unread data can make the client lose the answer.
    req.resume();
    setTimeout(() => req.destroy(), 5_000).unref();
    const limit = maxBody >= 1024 * 1024 ? `${Math.round(maxBody / 1024 / 1024)} MiB` : `${maxBody} bytes`;
    sendJson(res, 413, failure('INVALID', `The request is larger than ${limit}`), { Connection: 'close' });
  }

  async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, pathname: string) {
    let rel: string;
    try {
      rel = decodeURIComponent(pathname);
    } catch {
      return sendText(res, 400, 'Bad path');
    }
    if (rel.includes('\0')) return sendText(res, 400, 'Bad path');
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = path.resolve(root, '.' + path.posix.normalize(rel));
    const real = await fs.promises.realpath(file).catch(() => null);
    // Confinement is checked on the real path, so neither ../ nor a symbolic link leaves the bundle.
    if (!real || !real.startsWith(root + path.sep)) return sendText(res, 404, 'Not found');
    const stat = await fs.promises.stat(real);
    if (!stat.isFile()) return sendText(res, 404, 'Not found');
    const headers: Record<string, string> = {
      'Content-Type': TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': String(stat.size),
      // index.html names the hashed bundle files, so it must be fetched anew after a rebuild.
      'Cache-Control': real.includes(`${path.sep}assets${path.sep}`) ? 'private, max-age=31536000, immutable' : 'no-cache',
    };
    res.writeHead(200, { ...SECURITY_HEADERS, ...headers });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(real).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The body, or null as soon as it passes the limit (the rest is not buffered). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.off('data', onData);
        resolve(null);
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    // Answers hold personal data of the roster: never keep them in a cache.
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

function sendText(res: http.ServerResponse, status: number, text: string, extra: Record<string, string> = {}) {
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(text);
}

/** The built renderer, from the sources (tsx) or from a built CLI. */
export function rendererBundleDir(): string {
  const candidates = [path.resolve(__dirname, '../../../out/renderer'), path.resolve(__dirname, '../../renderer'), path.resolve(process.cwd(), 'out/renderer')];
  return candidates.find((c) => fs.existsSync(path.join(c, 'index.html'))) ?? candidates[0]!;
}
