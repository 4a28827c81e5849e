// The one IPC entry point, `kb:call`. Pure: the core client, our window's main frame and our
// origin are parameters, so the checks are tested without Electron. It never throws: whatever
// arrives, the renderer gets a KbResult.
import { formatIssues, invalid, isMethodName, methods, type KbResult } from '../shared/api';
import { originOf } from './security';

export const CALL_CHANNEL = 'kb:call';
export const EVENT_CHANNEL = 'kb:event';

/** The part of Electron's WebFrameMain the handler reads. */
export interface Frame {
  url: string;
  processId?: number;
  frameToken?: string;
}

/** The part of Electron's IpcMainInvokeEvent the handler reads. */
export interface CallEvent {
  senderFrame: Frame | null;
}

export interface CallHandlerOptions {
  core: { call(method: string, input: unknown): Promise<KbResult<unknown>> };
  /** The main frame of our window; calls from any other frame (an iframe, a popup) are refused. */
  mainFrame: () => Frame | null | undefined;
  /** Our renderer's origin: app://bundle, or the development server. */
  origin: string;
}

const refuse = (message: string): KbResult<never> => ({ ok: false, error: { code: 'INVALID', message } });

export function createCallHandler({ core, mainFrame, origin }: CallHandlerOptions) {
  return async (event: CallEvent, method: unknown, input: unknown): Promise<KbResult<unknown>> => {
    try {
      const frame = event?.senderFrame;
      if (!frame || !sameFrame(frame, mainFrame()) || originOf(frame.url) !== origin) return refuse('Calls are only accepted from the application window.');
      if (!isMethodName(method)) return refuse(`Unknown method: ${typeof method === 'string' ? method.slice(0, 80) : typeof method}`);
      const parsed = methods[method].safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: invalid(formatIssues(parsed.error)) };
      return await core.call(method, input ?? {});
    } catch (e) {
      return { ok: false, error: { code: 'INTERNAL', message: `The call could not be handled: ${(e as Error)?.message ?? String(e)}` } };
    }
  };
}

/** Electron may hand out a new wrapper object for the same frame: the process and frame token identify it. */
function sameFrame(a: Frame, b: Frame | null | undefined): boolean {
  if (!b) return false;
  if (a === b) return true;
  return typeof a.processId === 'number' && typeof a.frameToken === 'string' && a.processId === b.processId && a.frameToken === b.frameToken;
}
