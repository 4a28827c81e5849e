// Exposes exactly `window.kb = { call, on }`: never ipcRenderer, never an event object. The
// channel names are those of src/main/ipc-handler.ts (the preload stays one dependency-free
// CommonJS file, so they are repeated here; tests/main/preload.test.ts holds them equal).
import { contextBridge, ipcRenderer } from 'electron';
import type { KbEvent, KbResult } from '../shared/api';

contextBridge.exposeInMainWorld('kb', {
  call: (method: string, input: unknown): Promise<KbResult<unknown>> => ipcRenderer.invoke('kb:call', method, input),
  on: (listener: (e: KbEvent) => void): (() => void) => {
    if (typeof listener !== 'function') throw new TypeError('kb.on expects a function');
    const wrapped = (_event: unknown, e: KbEvent) => listener(e);
    ipcRenderer.on('kb:event', wrapped);
    return () => void ipcRenderer.removeListener('kb:event', wrapped);
  },
});
