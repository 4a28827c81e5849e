// The app's core worker loads better-sqlite3 inside Electron, whose native ABI differs from
// Node's: for the suite's length it gets Electron's build, and Node's is put back afterwards so
// the other suites keep working. Nothing happens where the suite is skipped.
import { execSync } from 'node:child_process';
import path from 'node:path';
import { findElectron } from './electron-binary';

const root = path.resolve(__dirname, '../..');
const run = (command: string) => execSync(command, { cwd: root, stdio: 'inherit', timeout: 600_000 });

export function useElectronBuild(): () => void {
  if (!findElectron().ok) return () => {};
  try {
    run('npx electron-builder install-app-deps');
  } catch (e) {
    run('npm rebuild better-sqlite3');
    throw e;
  }
  return () => run('npm rebuild better-sqlite3');
}
