// A hash router: works from file://, app:// and serve mode alike, and needs no server rewrite.
// Routes are `#/path?key=value`; the page's own query (?token=) is left alone.
import { useSyncExternalStore } from 'react';

export interface Route {
  path: string;
  segments: string[];
  params: URLSearchParams;
}

/** Asked before leaving the current page; false keeps the user where they are (unsaved edits). */
type Blocker = (proceed: () => void) => boolean;
let blocker: Blocker | null = null;
let current = '';

function parse(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?', 2);
  return { path, segments: path.split('/').filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

let cached: { hash: string; route: Route } | null = null;
function snapshot(): Route {
  const hash = window.location.hash;
  if (!cached || cached.hash !== hash) cached = { hash, route: parse(hash) };
  return cached.route;
}

const listeners = new Set<() => void>();
let installed = false;

function onHashChange() {
  const next = window.location.hash;
  if (next === current) return;
  if (blocker) {
    const allowed = blocker(() => {
      blocker = null;
      window.location.hash = next;
    });
    if (!allowed) {
      // Put the address back: the page below still holds the unsaved edits.
      window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${current || '#/'}`);
      return;
    }
  }
  current = next;
  listeners.forEach((l) => l());
}

function subscribe(onChange: () => void): () => void {
  if (!installed) {
    installed = true;
    current = window.location.hash;
    window.addEventListener('hashchange', onHashChange);
  }
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

export function useRoute(): Route {
  return useSyncExternalStore(subscribe, snapshot);
}

export function navigate(to: string): void {
  window.location.hash = to.startsWith('#') ? to : `#${to}`;
}

export function setNavigationBlocker(b: Blocker | null): void {
  blocker = b;
}

/** Builds `#/path?k=v` from a params object, skipping empty values. */
export function href(path: string, params: Record<string, string | number | string[] | undefined | null> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => q.append(k, x));
    else q.append(k, String(v));
  }
  const s = q.toString();
  return `#${path}${s ? `?${s}` : ''}`;
}

/** Changes the address without a new history entry: an adjustment of the page shown, not a new page. */
export function replaceRoute(to: string): void {
  window.location.replace(to.startsWith('#') ? to : `#${to}`);
}
