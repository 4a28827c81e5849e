// The worker_threads entry: opens the knowledge base with createCore and answers the client's
// messages, so SQLite never runs on the Electron main thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { KbError, KbResult } from '../../shared/api';
import { createCore, toKbError, type KbCore } from '..';
import type { FromWorker, ToWorker, WorkerData } from './protocol';

const port = parentPort;
if (!port) throw new Error('The core worker must be started as a worker thread.');
const send = (message: FromWorker) => port.postMessage(message);

let core: KbCore | undefined;
// A core that cannot open (damaged file, database from a newer app) answers every call with the
// reason, so the window can say why instead of the worker restarting in a loop.
let startError: KbError | undefined;
try {
  core = createCore(workerData as WorkerData);
  core.on((event) => send({ type: 'event', event }));
} catch (e) {
  startError = toKbError(e);
}

port.on('message', async (message: ToWorker) => {
  if (message.type === 'close') {
    core?.close();
    send({ type: 'closed' });
    port.close();
    return;
  }
  const result: KbResult<unknown> = core ? await core.call(message.method, message.input) : { ok: false, error: startError! };
  try {
    send({ type: 'result', id: message.id, result });
  } catch (e) {
    send({ type: 'result', id: message.id, result: { ok: false, error: { code: 'INTERNAL', message: `The answer could not be sent: ${(e as Error).message}` } } });
  }
});
