// The Electron shell, read as a wiring diagram: single-instance lock → core worker → session
// hardening → IPC → window → menu → close the core before quitting. Decisions live in the pure
// modules next to this file; the main process itself never opens the database.
import { app, dialog, ipcMain, Menu, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { defaultDbPath, userDataDir } from '../core/paths';
import { createWorkerClient, type CoreClient } from '../core/worker/client';
import type { WorkerData } from '../core/worker/protocol';
import type { KbEvent, UiLanguage } from '../shared/api';
import { APP_ENTRY, APP_ORIGIN } from './app-protocol';
import { contentSecurityPolicy } from './csp';
import { backupNow, restoreFromBackup, scheduleDailyBackup } from './backup-flows';
import { nativeBackupDialogs, nativeDialogs } from './dialogs';
import { exportToFile, importFromFile } from './exchange-files';
import { guardWebContents, hardenSession, registerAppScheme } from './hardening';
import { CALL_CHANNEL, createCallHandler, EVENT_CHANNEL } from './ipc-handler';
import { aboutDetail, menuTemplate } from './menu';
import { originOf } from './security';
import { createMainWindow, focus } from './window';

const APP_NAME = 'MIEUX+ Knowledge Base';
const devServer = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;

// The CLI and serve mode find the same folder without Electron: one knowledge base per user.
app.setName(APP_NAME);
app.setPath('userData', userDataDir());
registerAppScheme();

if (!app.requestSingleInstanceLock()) app.quit();
else void start();

async function start() {
  const dbPath = defaultDbPath();
  const core = createWorkerClient({
    spawn: () => new Worker(path.join(__dirname, 'worker.js'), { workerData: { dbPath, demoIfNew: true } satisfies WorkerData }),
    onCrash: (reason) => console.error(`The knowledge base worker stopped and is restarted: ${reason}`),
  });
  let window: BrowserWindow | undefined = undefined;
  const send = (event: KbEvent) => {
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
  };
  app.on('second-instance', () => focus(window));
  app.on('window-all-closed', () => app.quit());
  closeCoreBeforeQuitting(core);
  await app.whenReady();

  const origin = devServer ? originOf(devServer)! : APP_ORIGIN;
  hardenSession(session.defaultSession, { rendererDir: path.join(__dirname, '../renderer'), origin, csp: contentSecurityPolicy(devServer) });
  guardWebContents();
  ipcMain.handle(CALL_CHANNEL, createCallHandler({ core, origin, mainFrame: () => window?.webContents.mainFrame }));
  core.on(send);

  window = createMainWindow({ preload: path.join(__dirname, '../preload/index.js'), url: devServer ?? APP_ENTRY, stateDir: app.getPath('userData'), title: APP_NAME });

  const dialogs = nativeDialogs(() => window);
  const backupDialogs = nativeBackupDialogs(() => window);
  scheduleDailyBackup(core, (message) => console.error(`The daily backup failed: ${message}`));
  let language: UiLanguage = app.getLocale().toLowerCase().startsWith('fr') ? 'fr' : 'en';
  const buildMenu = () =>
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(
        menuTemplate({
          platform: process.platform,
          appName: APP_NAME,
          language,
          dev: Boolean(devServer),
          actions: {
            newAction: () => send({ type: 'menu', command: 'newAction' }),
            importFile: () => void importFromFile(core, dialogs),
            exportFile: () => void exportToFile(core, dialogs, new Date()),
            backupNow: () => void backupNow(core, backupDialogs),
            restore: () => void restoreFromBackup(core, backupDialogs),
            setLanguage: (l) => {
              language = l;
              send({ type: 'menu', command: 'setLanguage', language: l });
              buildMenu();
            },
            about: () =>
              void dialog.showMessageBox({
                type: 'info',
                message: APP_NAME,
                detail: aboutDetail({ version: app.getVersion(), dbPath, electron: process.versions.electron ?? '', platform: process.platform }),
              }),
          },
        }),
      ),
    );
  buildMenu();
}

/** Windows are closed (their place saved) first; then the core checkpoints the database; then the app exits. */
function closeCoreBeforeQuitting(core: CoreClient) {
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    void core.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
}
