// The renderer's only way to the data: a KbApi built over a transport. Inside Electron the
// transport is the preload's `window.kb.call`; in a browser tab it is serve mode's JSON-RPC.
import { methods, type KbApi, type KbEvent, type KbResult } from '../../../shared/api';

export type Transport = (method: string, input: unknown) => Promise<KbResult<unknown>>;

export function createApi(transport: Transport): KbApi {
  return Object.fromEntries(Object.keys(methods).map((m) => [m, (input: unknown) => transport(m, input)])) as unknown as KbApi;
}

interface Bridge {
  call: Transport;
  on(listener: (e: KbEvent) => void): () => void;
}

/** JSON-RPC over HTTP to serve mode; the per-launch token comes from the page's URL. */
export function httpTransport(base: string, token: string): Transport {
  return async (method, input) => {
    try {
      const res = await fetch(`${base}/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
      });
      return (await res.json()) as KbResult<unknown>;
    } catch (e) {
      return { ok: false, error: { code: 'INTERNAL', message: `The knowledge base did not answer: ${(e as Error).message}` } };
    }
  };
}

/** Picks the transport for where the renderer runs. Only here is `window` read. */
export function defaultTransport(): Transport {
  const bridge = (window as unknown as { kb?: Bridge }).kb;
  if (bridge) return (method, input) => bridge.call(method, input);
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  return httpTransport(window.location.origin, token);
}

/** Core and menu events, when the desktop shell delivers them; a browser tab has none. */
export function subscribeEvents(listener: (e: KbEvent) => void): () => void {
  const bridge = (window as unknown as { kb?: Bridge }).kb;
  return bridge ? bridge.on(listener) : () => {};
}
