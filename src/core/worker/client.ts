// KbApi by message passing to the core worker. Every call resolves to a KbResult: when the worker
// dies, the calls it held fail with an INTERNAL error and a fresh worker is started, so the
// window never waits forever on an answer that cannot come.
import type { Worker } from 'node:worker_threads';
import { methods, type KbApi, type KbEvent, type KbResult } from '../../shared/api';
import type { FromWorker, ToWorker } from './protocol';

export interface CoreClient extends KbApi {
  call(method: string, input: unknown): Promise<KbResult<unknown>>;
  on(listener: (e: KbEvent) => void): () => void;
  /** Closes the core (checkpointing the database) and ends the worker. */
  close(): Promise<void>;
}

export interface CoreClientOptions {
  /** Starts one worker running `entry.ts` (its build output in the app). */
  spawn: () => Worker;
  /** A worker that dies this many times within `crashWindowMs` is not restarted again. */
  maxRestarts?: number;
  crashWindowMs?: number;
  /** How long `close` waits for the core to checkpoint before ending the worker anyway. */
  closeTimeoutMs?: number;
  onCrash?: (reason: string) => void;
}

const failure = (message: string): KbResult<never> => ({ ok: false, error: { code: 'INTERNAL', message } });

export function createWorkerClient(options: CoreClientOptions): CoreClient {
  const { spawn, maxRestarts = 3, crashWindowMs = 60_000, closeTimeoutMs = 10_000, onCrash } = options;
  const listeners = new Set<(e: KbEvent) => void>();
  const pending = new Map<number, (r: KbResult<unknown>) => void>();
  const crashes: number[] = [];
  let nextId = 1;
  let worker: Worker | undefined;
  let gaveUp: string | undefined;
  let closing: Promise<void> | undefined;

  function start(): Worker {
    const w = spawn();
    let lastError: Error | undefined;
    w.on('message', (m: FromWorker) => {
      if (m.type === 'result') {
        pending.get(m.id)?.(m.result);
        pending.delete(m.id);
      } else if (m.type === 'event') {
        for (const l of listeners) l(m.event);
      }
    });
    w.on('error', (e) => (lastError = e));
    w.on('exit', (code) => {
      if (worker !== w) return;
      worker = undefined;
      if (closing) return failAll('The knowledge base was closed before it answered.');
      const reason = lastError ? lastError.message : `the worker exited with code ${code}`;
      failAll(`The knowledge base stopped unexpectedly (${reason}). It has been restarted; please try again.`);
      onCrash?.(reason);
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && crashes[0]! < now - crashWindowMs) crashes.shift();
      if (crashes.length > maxRestarts) gaveUp = `The knowledge base stopped ${crashes.length} times in a row (${reason}). Restart the application.`;
      else worker = start();
    });
    return w;
  }

  function failAll(message: string) {
    const waiting = [...pending.values()];
    pending.clear();
    for (const resolve of waiting) resolve(failure(message));
  }

  function call(method: string, input: unknown): Promise<KbResult<unknown>> {
    if (closing) return Promise.resolve(failure('The knowledge base is closed.'));
    if (gaveUp || !worker) return Promise.resolve(failure(gaveUp ?? 'The knowledge base is not running.'));
    const id = nextId++;
    const w = worker;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      try {
        w.postMessage({ type: 'call', id, method, input } satisfies ToWorker);
      } catch (e) {
        // Functions, symbols and the like cannot cross to the worker: refused like any bad input.
        pending.delete(id);
        resolve({ ok: false, error: { code: 'INVALID', message: `The input is not plain data: ${(e as Error).message}` } });
      }
    });
  }

  function close(): Promise<void> {
    closing ??= new Promise<void>((resolve) => {
      const w = worker;
      if (!w) return resolve();
      const timer = setTimeout(() => void w.terminate(), closeTimeoutMs);
      w.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      w.postMessage({ type: 'close' } satisfies ToWorker);
    });
    return closing;
  }

  worker = start();
  const api = Object.fromEntries(Object.keys(methods).map((m) => [m, (input: unknown) => call(m, input)])) as unknown as KbApi;
  return {
    ...api,
    call,
    on(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    close,
  };
}
