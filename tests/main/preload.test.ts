// The preload is the renderer's only door: it must expose exactly window.kb = { call, on }, send
// calls on kb:call, and hand listeners the event alone, never Electron's event object.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../src/main/ipc-handler';

const exposed: Record<string, unknown> = {};
const invoked: unknown[][] = [];
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => void (exposed[key] = api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => (invoked.push(args), { ok: true, value: 'answer' }),
    on: (channel: string, fn: (...args: unknown[]) => void) => void (listeners.get(channel) ?? listeners.set(channel, new Set()).get(channel)!).add(fn),
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => void listeners.get(channel)?.delete(fn),
  },
}));

interface Bridge {
  call(method: unknown, input?: unknown, ...extra: unknown[]): Promise<unknown>;
  on(listener: unknown): () => void;
}

beforeEach(async () => {
  vi.resetModules();
  for (const k of Object.keys(exposed)) delete exposed[k];
  invoked.length = 0;
  listeners.clear();
  await import('../../src/preload/index');
});

const emit = (payload: unknown) => listeners.get(EVENT_CHANNEL)?.forEach((fn) => fn({ sender: 'the IpcRendererEvent', ports: [] }, payload));

describe('the preload', () => {
  it('exposes window.kb with exactly call and on', () => {
    expect(Object.keys(exposed)).toEqual(['kb']);
    expect(Object.keys(exposed.kb as object).sort()).toEqual(['call', 'on']);
  });

  it('sends a call on kb:call with the method and input only', async () => {
    const kb = exposed.kb as Bridge;
    expect(await kb.call('search', { query: 'Ghana' }, 'smuggled', 'arguments')).toEqual({ ok: true, value: 'answer' });
    expect(invoked).toEqual([[CALL_CHANNEL, 'search', { query: 'Ghana' }]]);
  });

  it('hands listeners the event payload alone, and unsubscribes', () => {
    const kb = exposed.kb as Bridge;
    const seen: unknown[][] = [];
    const off = kb.on((...args: unknown[]) => seen.push(args));
    emit({ type: 'menu', command: 'newAction' });
    expect(seen).toEqual([[{ type: 'menu', command: 'newAction' }]]);
    off();
    emit({ type: 'menu', command: 'newAction' });
    expect(seen).toHaveLength(1);
  });

  it('ignores a listener that is not a function', () => {
    const kb = exposed.kb as Bridge;
    expect(() => kb.on('alert(1)')).toThrow(TypeError);
    expect(listeners.get(EVENT_CHANNEL)?.size ?? 0).toBe(0);
  });
});
