// Exposes exactly `window.kb = { call, on }`: never ipcRenderer, never an event object.
import { contextBridge, ipcRenderer } from 'electron';
import type { KbEvent, KbResult } from '../shared/api';

contextBridge.exposeInMainWorld('kb', {
  call: (method: string, input: unknown): Promise<KbResult<unknown>> => ipcRenderer.invoke('kb:call', method, input),
  on: (listener: (e: KbEvent) => void): (() => void) => {
    const wrapped = (_event: unknown, e: KbEvent) => listener(e);
    ipcRenderer.on('kb:event', wrapped);
    return () => ipcRenderer.removeListener('kb:event', wrapped);
  },
});
