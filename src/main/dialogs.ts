// Native open/save/message boxes behind the DialogPort that exchange-files.ts uses, attached to
// the main window so they are modal to it.
import { dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { BackupDialogs } from './backup-flows';
import { EXCHANGE_EXTENSION, type DialogPort } from './exchange-files';

const filters = [
  { name: 'MIEUX+ exchange file', extensions: [EXCHANGE_EXTENSION.split('.').pop()!] },
  { name: 'All files', extensions: ['*'] },
];

export function nativeDialogs(parent: () => BrowserWindow | undefined): DialogPort {
  const box = async (options: MessageBoxOptions) => {
    const w = parent();
    return w ? dialog.showMessageBox(w, options) : dialog.showMessageBox(options);
  };
  return {
    async openFile() {
      const options = { title: 'Import a knowledge base file', properties: ['openFile' as const], filters };
      const w = parent();
      const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return r.canceled ? undefined : r.filePaths[0];
    },
    async saveFile(defaultName) {
      const options = { title: 'Export the knowledge base', defaultPath: defaultName, filters };
      const w = parent();
      const r = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options);
      return r.canceled ? undefined : r.filePath;
    },
    async confirm(message, detail) {
      const r = await box({ type: 'question', message, detail, buttons: ['Import', 'Cancel'], defaultId: 0, cancelId: 1 });
      return r.response === 0;
    },
    async inform(message, detail) {
      await box({ type: 'info', message, detail });
    },
    async fail(message, detail) {
      await box({ type: 'error', message, detail });
    },
  };
}

/** The native dialogs of File ▸ Back up now and File ▸ Restore…. */
export function nativeBackupDialogs(parent: () => BrowserWindow | undefined): BackupDialogs {
  const box = async (options: MessageBoxOptions) => {
    const w = parent();
    return w ? dialog.showMessageBox(w, options) : dialog.showMessageBox(options);
  };
  return {
    async chooseBackup(dir) {
      const options = {
        title: 'Restore the knowledge base from a backup',
        defaultPath: dir,
        properties: ['openFile' as const],
        filters: [{ name: 'Knowledge base backup', extensions: ['sqlite'] }],
      };
      const w = parent();
      const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options);
      return r.canceled ? undefined : r.filePaths[0];
    },
    async confirmRestore(message, detail) {
      const r = await box({ type: 'warning', message, detail, buttons: ['Restore', 'Cancel'], defaultId: 1, cancelId: 1 });
      return r.response === 0;
    },
    async inform(message, detail) {
      await box({ type: 'info', message, detail });
    },
    async fail(message, detail) {
      await box({ type: 'error', message, detail });
    },
  };
}
