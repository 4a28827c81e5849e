// The native menus, as a pure template: each item's action is a parameter, so the menu's content
// is tested without Electron. Items the renderer carries out arrive there as `menu` events.
import type { MenuItemConstructorOptions } from 'electron';
import type { UiLanguage } from '../shared/api';

export interface MenuActions {
  newAction(): void;
  importFile(): void;
  exportFile(): void;
  backupNow(): void;
  restore(): void;
  setLanguage(language: UiLanguage): void;
  about(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  language: UiLanguage;
  /** Reload and developer tools exist only in development builds. */
  dev: boolean;
  actions: MenuActions;
}

export function menuTemplate({ platform, appName, language, dev, actions }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const about: MenuItemConstructorOptions = { id: 'about', label: `About ${appName}`, click: () => actions.about() };
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: 'newAction', label: 'New Action', accelerator: 'CmdOrCtrl+N', click: () => actions.newAction() },
      { type: 'separator' },
      { id: 'import', label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFile() },
      { id: 'export', label: 'Export…', accelerator: 'CmdOrCtrl+Shift+S', click: () => actions.exportFile() },
      { type: 'separator' },
      { id: 'backupNow', label: 'Back up now', click: () => actions.backupNow() },
      { id: 'restore', label: 'Restore…', click: () => actions.restore() },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const languages: [UiLanguage, string][] = [
    ['en', 'English'],
    ['fr', 'Français'],
  ];
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      {
        id: 'language',
        label: 'Language',
        submenu: languages.map(([code, label]) => ({
          id: `language-${code}`,
          label,
          type: 'radio' as const,
          checked: code === language,
          click: () => actions.setLanguage(code),
        })),
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(dev ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };
  const help: MenuItemConstructorOptions = { role: 'help', submenu: mac ? [] : [about] };
  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [about, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
  };
  return [...(mac ? [appMenu] : []), file, edit, view, ...(mac ? [{ role: 'windowMenu' } as const] : []), help];
}

/** The About box's text: what support staff ask for first. */
export function aboutDetail(info: { version: string; dbPath: string; electron: string; platform: string }): string {
  return [`Version ${info.version}`, `Database: ${info.dbPath}`, `Electron ${info.electron} on ${info.platform}`].join('\n');
}
