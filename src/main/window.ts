// The main window: secure web preferences, placed where it was last closed, and that place saved
// again when it closes.
import { BrowserWindow, screen } from 'electron';
import { placeWindow, readWindowState, writeWindowState, MIN_SIZE } from './window-state';
import { secureWebPreferences } from './security';

export function createMainWindow(opts: { preload: string; url: string; stateDir: string; title: string }): BrowserWindow {
  const placement = placeWindow(
    readWindowState(opts.stateDir),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...placement,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: opts.title,
    webPreferences: secureWebPreferences(opts.preload),
  });
  if (placement.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    try {
      writeWindowState(opts.stateDir, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (e) {
      // A full or read-only disk must not stop the app from closing; it reopens centred instead.
      console.error(`The window position could not be saved: ${(e as Error).message}`);
    }
  });
  void win.loadURL(opts.url);
  return win;
}

export function focus(win: BrowserWindow | undefined): void {
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
