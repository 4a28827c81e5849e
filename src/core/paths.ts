// Where the knowledge base lives. Computed without Electron, the same way Electron computes its
// userData folder, so the CLI, serve mode and the desktop app open the same file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER = 'MIEUX+ Knowledge Base';
export const DB_FILE = 'knowledge-base.sqlite';

export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_FOLDER);
}

/** `--db` wins, then `MIEUX_KB_DB`, then the per-user data folder. */
export function defaultDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.MIEUX_KB_DB || path.join(userDataDir(env), DB_FILE);
}

/** The shipped resources folder, from the sources, the built bundle or a packaged app. */
export function resourcesDir(): string {
  const candidates = [
    path.resolve(__dirname, '../../resources'),
    path.resolve(__dirname, '../../../resources'),
    path.resolve(process.cwd(), 'resources'),
    ...((process as { resourcesPath?: string }).resourcesPath ? [path.join((process as { resourcesPath?: string }).resourcesPath!, 'resources')] : []),
  ];
  return candidates.find((c) => fs.existsSync(path.join(c, 'demo'))) ?? candidates[0]!;
}

export const demoPath = () => path.join(resourcesDir(), 'demo', 'demo.mieux-kb.json');
