// Whether this machine can run the Electron suite, and if not, why. The binary is found the way
// `require('electron')` finds it (node_modules/electron/path.txt under dist/, or
// ELECTRON_OVERRIDE_DIST_PATH) but without its side effect of starting a download when it is
// missing: a test run must not fetch 100 MB, and offline the download fails anyway.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export type ElectronCheck = { ok: true; path: string; version: string } | { ok: false; reason: string };

export function findElectron(): ElectronCheck {
  const pkg = path.dirname(require.resolve('electron/package.json'));
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile) && !process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    return { ok: false, reason: `no Electron binary is installed (${pathFile} is missing; \`npx install-electron\` fetches it where there is internet)` };
  }
  const relative = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8') : 'electron';
  const bin = process.env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative) : path.join(pkg, 'dist', relative);
  if (!fs.existsSync(bin)) return { ok: false, reason: `the Electron binary ${bin} does not exist` };
  const run = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, ELECTRON_RUN_AS_NODE: undefined } });
  const version = (run.stdout ?? '').trim();
  if (run.error || run.status !== 0 || !/^v\d+\./.test(version)) {
    return { ok: false, reason: `${bin} --version did not run (${run.error?.message ?? `exit ${run.status}`}${run.stderr ? `: ${run.stderr.trim().slice(0, 200)}` : ''})` };
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { ok: false, reason: 'no display to open a window on (set DISPLAY, e.g. run under xvfb-run)' };
  }
  // Chromium refuses to start as root unless its OS sandbox is switched off, and the suite must
  // test the app as users run it, sandbox included.
  if (process.platform === 'linux' && process.getuid?.() === 0) return { ok: false, reason: 'Chromium does not run as root with its sandbox on; run the suite as a normal user' };
  return { ok: true, path: bin, version };
}
