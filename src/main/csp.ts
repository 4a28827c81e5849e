// The Content-Security-Policy of the renderer. Sent as a response header (by the app:// protocol
// and, for the development server, through the session), so a page cannot loosen it.

/**
 * Production: scripts, styles and data only from our own bundle, nothing inline, nothing
 * evaluated, no network (the data comes through IPC). In development the Vite server injects
 * <style> elements and talks to its HMR websocket, so those two are allowed for its origin only.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const dev = devServerUrl ? loopbackDevServer(devServerUrl) : null;
  const directives: Record<string, string[]> = {
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': dev ? ["'self'", "'unsafe-inline'"] : ["'self'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'"],
    'connect-src': dev ? ["'self'", dev.ws] : ["'self'"],
    'worker-src': ["'self'"],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'frame-src': ["'none'"],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/** Only a development server on this machine may relax the policy. */
function loopbackDevServer(url: string): { ws: string } {
  const u = new URL(url);
  if (u.protocol !== 'http:' || !['localhost', '127.0.0.1', '[::1]'].includes(u.hostname)) {
    throw new Error(`The development server must be http on this machine, not ${u.origin}`);
  }
  return { ws: `ws://${u.host}` };
}

/** The response headers with our policy in place of any the response carried. */
export function withCsp(headers: Record<string, string[] | string> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() === 'content-security-policy' || k.toLowerCase() === 'content-security-policy-report-only') continue;
    out[k] = Array.isArray(v) ? v : [v];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}
