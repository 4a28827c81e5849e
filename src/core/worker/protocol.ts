// The messages between the core worker and its client. Plain data only: they are structured-cloned.
import type { KbEvent, KbResult } from '../../shared/api';

/** What the worker is started with (its `workerData`). */
export interface WorkerData {
  dbPath: string;
  /** Load the demo knowledge base when this start created the database (the app's first start). */
  demoIfNew: boolean;
}

export type ToWorker = { type: 'call'; id: number; method: string; input: unknown } | { type: 'close' };

export type FromWorker =
  | { type: 'result'; id: number; result: KbResult<unknown> }
  | { type: 'event'; event: KbEvent }
  /** The core is closed (database checkpointed); the worker is about to exit. */
  | { type: 'closed' };
