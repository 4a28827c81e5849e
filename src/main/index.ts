// The Electron shell, read as a wiring diagram: single-instance lock → core → IPC → window.
import { app, BrowserWindow, ipcMain } from 'electron';
import path from 'node:path';
import { createCore, defaultDbPath, type KbCore } from '../core';
import { secureWebPreferences } from './security';

let core: KbCore | undefined;
let window: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'MIEUX+ Knowledge Base',
    webPreferences: secureWebPreferences(path.join(__dirname, '../preload/index.js')),
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(path.join(__dirname, '../renderer/index.html'));
  return win;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  void app.whenReady().then(() => {
    core = createCore({ dbPath: defaultDbPath(), demoIfNew: true });
    ipcMain.handle('kb:call', (event, method: unknown, input: unknown) => {
      if (event.senderFrame !== window?.webContents.mainFrame) return { ok: false, error: { code: 'INVALID', message: 'Unknown sender' } };
      return core!.call(method, input);
    });
    core.on((e) => window?.webContents.send('kb:event', e));
    window = createWindow();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core?.close());
}
