// Loads one answer of the API for a page, with its error and a retry.
import { useCallback, useEffect, useState } from 'react';
import type { KbError, KbResult } from '../../../shared/api';

export interface Loaded<T> {
  value: T | null;
  error: KbError | null;
  loading: boolean;
  reload(): void;
}

export function useCall<T>(fn: () => Promise<KbResult<T>>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ value: T | null; error: KbError | null; loading: boolean }>({ value: null, error: null, loading: true });
  const [nonce, setNonce] = useState(0);
  // The caller lists what the call depends on, like useEffect's own list.
  const run = useCallback(fn, deps);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void run().then((r) => {
      if (!live) return;
      setState(r.ok ? { value: r.value, error: null, loading: false } : { value: null, error: r.error, loading: false });
    });
    return () => {
      live = false;
    };
  }, [run, nonce]);
  return { ...state, reload: () => setNonce((n) => n + 1) };
}
