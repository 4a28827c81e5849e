// File ▸ Back up now and File ▸ Restore…, and the daily backup while the app runs: the core's
// verified backups behind native dialogs. The dialogs are a port so the flows are tested with a
// real core and real files.
import type { KbApi } from '../shared/api';
import type { BackupInfo } from '../shared/safety-api';

export interface BackupDialogs {
  /** Lets the user pick a backup file, starting in the backups folder. */
  chooseBackup(dir: string): Promise<string | undefined>;
  /** Asks before replacing the knowledge base; true to go ahead. */
  confirmRestore(message: string, detail: string): Promise<boolean>;
  inform(message: string, detail: string): Promise<void>;
  fail(message: string, detail: string): Promise<void>;
}

type Core = Pick<KbApi, 'createBackup' | 'listBackups' | 'restoreBackup' | 'backupIfDue'>;

/** The daily backup is asked for hourly: the core makes one only when the last is 24 h old. */
export const DAILY_CHECK_MS = 60 * 60 * 1000;

export function describeBackup(b: Pick<BackupInfo, 'path' | 'createdAt' | 'counts'>): string {
  const rows = Object.entries(b.counts)
    .map(([table, n]) => `${table}: ${n}`)
    .join(', ');
  return `${b.path}\nTaken ${b.createdAt.replace('T', ' ').slice(0, 16)} UTC, verified (${rows}).`;
}

export async function backupNow(core: Core, dialogs: BackupDialogs): Promise<BackupInfo | undefined> {
  const r = await core.createBackup({});
  if (!r.ok) {
    await dialogs.fail('The backup failed; the knowledge base is unchanged.', r.error.message);
    return undefined;
  }
  await dialogs.inform('Backup done.', describeBackup(r.value));
  return r.value;
}

/** Picks a backup, says what will happen, and restores only when confirmed. */
export async function restoreFromBackup(core: Core, dialogs: BackupDialogs): Promise<string | undefined> {
  const list = await core.listBackups({});
  if (!list.ok) {
    await dialogs.fail('The backups cannot be listed.', list.error.message);
    return undefined;
  }
  const file = await dialogs.chooseBackup(list.value.dir);
  if (!file) return undefined;
  const known = list.value.backups.find((b) => b.path === file);
  const detail = `${known ? describeBackup(known) : file}\n\nThe current knowledge base is moved aside, never deleted.`;
  if (!(await dialogs.confirmRestore('Replace the knowledge base with this backup?', detail))) return undefined;
  const r = await core.restoreBackup({ file });
  if (!r.ok) {
    await dialogs.fail('The restore failed; the knowledge base is unchanged.', r.error.message);
    return undefined;
  }
  await dialogs.inform('Backup restored.', `From ${r.value.restoredFrom}${r.value.movedAside ? `\nThe previous knowledge base is kept at ${r.value.movedAside}` : ''}`);
  return r.value.restoredFrom;
}

/** Asks for the daily backup now and every hour; returns the function that stops it. */
export function scheduleDailyBackup(core: Core, onError: (message: string) => void, every = DAILY_CHECK_MS): () => void {
  const check = () =>
    void core.backupIfDue({}).then((r) => {
      if (!r.ok) onError(r.error.message);
    });
  check();
  const timer = setInterval(check, every);
  timer.unref?.();
  return () => clearInterval(timer);
}
