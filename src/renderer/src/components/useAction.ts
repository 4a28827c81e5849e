// A call the user starts with a button: busy while it runs, then its answer or its error. Loads
// that a page makes by itself use useCall.
import { useState } from 'react';
import type { KbError, KbResult } from '../../../shared/api';

export interface Action<I extends unknown[], T> {
  busy: boolean;
  value: T | null;
  error: KbError | null;
  /** Resolves to the answer, or null when the call failed (the error is then in `error`). */
  run(...input: I): Promise<T | null>;
}

export function useAction<I extends unknown[], T>(call: (...input: I) => Promise<KbResult<T>>): Action<I, T> {
  const [state, setState] = useState<{ busy: boolean; value: T | null; error: KbError | null }>({ busy: false, value: null, error: null });
  const run = async (...input: I) => {
    setState((s) => ({ ...s, busy: true, error: null }));
    const r = await call(...input);
    setState(r.ok ? { busy: false, value: r.value, error: null } : { busy: false, value: null, error: r.error });
    return r.ok ? r.value : null;
  };
  return { ...state, run };
}
