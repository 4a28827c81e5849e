// The startup check off the critical path: quick_check or integrity_check on a second, read-only
// connection in a worker thread, while the thread that opened the database already answers reads.
// The worker runs a short plain-JS source (eval) that loads better-sqlite3 by the absolute path
// resolved here, so the same code works from the TypeScript sources (tsx, Vitest), from the
// electron-vite bundle (which keeps better-sqlite3 outside it) and inside the core's own worker.
import path from 'node:path';
import { Worker } from 'node:worker_threads';

export type CheckKind = 'integrity_check' | 'quick_check';

/** What the worker answers: the check's rows, or the SQLite error that stopped it. */
export type CheckAnswer = { rows: Record<string, string>[] } | { error: { code?: string; message: string } };

export interface WorkerCheck {
  /** The worker's answer; null when there is none: the worker could not start, failed, or was stopped. */
  readonly answer: Promise<CheckAnswer | null>;
  /**
   * Ends the worker. SQLite cannot be interrupted from outside: a check already inside it runs to
   * its end before the thread exits (the process waits for it, it does not hang).
   */
  stop(): void;
}

// The connection is opened only when the check is told to start, so a held-back check holds nothing.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.once('message', () => {
  const Database = require(workerData.driver);
  let db;
  try {
    db = new Database(workerData.dbPath, { readonly: true, fileMustExist: true });
    parentPort.postMessage({ rows: db.pragma(workerData.check) });
  } catch (e) {
    parentPort.postMessage({ error: { code: e.code, message: String(e.message) } });
  } finally {
    if (db) db.close();
  }
});
`;

/**
 * Starts the check in a new worker, after the opener's current work, or once `start` resolves (a
 * rejected `start` ends the worker without an answer).
 */
export function checkInWorker(dbPath: string, check: CheckKind, start?: Promise<unknown>): WorkerCheck {
  const worker = new Worker(SOURCE, {
    eval: true,
    workerData: { driver: require.resolve('better-sqlite3'), dbPath: path.resolve(dbPath), check },
  });
  const answer = new Promise<CheckAnswer | null>((resolve) => {
    worker.once('message', resolve);
    worker.on('error', () => resolve(null));
    worker.once('exit', () => resolve(null));
  });
  const stop = () => void worker.terminate();
  const go = () => worker.postMessage('go');
  // A query asked right after opening (the CLI's, a benchmark's) runs first: on two cores, checking
  // 500 MB beside it made that query about 50% slower, and the verdict came no sooner.
  if (start) start.then(go, stop);
  else setImmediate(go);
  return { answer, stop };
}
