// The installers cannot be built on this machine (electron-builder downloads Electron), so the
// packaging configuration is checked as data: what would ship, with which fuses, for which OS.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Configuration } from 'electron-builder';
import viteConfig from '../../electron.vite.config';

const root = path.resolve(__dirname, '../..');
const config = JSON.parse(fs.readFileSync(path.join(root, 'electron-builder.json'), 'utf8')) as Configuration;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

describe('the electron-builder configuration', () => {
  it('is valid for the installed electron-builder', async () => {
    // electron-builder's own schema check, as `electron-builder` runs it before packaging.
    const fromBuilder = createRequire(require.resolve('electron-builder'));
    const { validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config');
    const { DebugLogger } = fromBuilder('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuse: {} }, new DebugLogger(false))).rejects.toThrow(/electronFuse/);
  });

  it('flips the fuses that close the ways around the sandbox', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('builds AppImage and deb for Linux, NSIS for Windows, dmg for macOS', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.productName).toBe('MIEUX+ Knowledge Base');
  });

  it('ships the built app, the worker and the demo knowledge base', () => {
    expect(config.files).toContain('out/**/*');
    expect(config.files).toContain('package.json');
    // The core looks for <resources>/resources/demo next to app.asar (src/core/paths.ts).
    expect(config.extraResources).toEqual([{ from: 'resources', to: 'resources', filter: ['**/*'] }]);
    expect(fs.existsSync(path.join(root, 'resources'))).toBe(true);
    // better-sqlite3's native module cannot be loaded from inside the asar archive.
    expect(config.asarUnpack).toContain('**/*.node');
    expect(Object.keys(pkg.dependencies)).toContain('better-sqlite3');
    expect(pkg.main).toBe('./out/main/index.js');
  });

  it('builds the core worker as out/main/worker.js, where the main process starts it', () => {
    const input = (viteConfig as { main: { build: { rollupOptions: { input: Record<string, string> } } } }).main.build.rollupOptions.input;
    expect(path.relative(root, input.worker!)).toBe(path.join('src', 'core', 'worker', 'entry.ts'));
    expect(fs.readFileSync(path.join(root, 'src/main/index.ts'), 'utf8')).toContain("path.join(__dirname, 'worker.js')");
  });

  it('never builds better-sqlite3 for Electron at install, so the Node tests can load it', () => {
    for (const hook of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[hook], hook).toBeUndefined();
    expect(pkg.scripts.build).toBe('electron-vite build');
  });

  it.each([
    ['package', 'scripts/package.sh', 'electron-builder --config electron-builder.json'],
    ['start', 'scripts/start.sh', 'electron-vite dev'],
  ])('npm run %s builds better-sqlite3 for Electron for its own length only, and gives Node its build back', (name, file, runs) => {
    expect(pkg.scripts[name]).toBe(`bash ${file}`);
    const script = fs.readFileSync(path.join(root, file), 'utf8');
    // The restoring trap is set before anything is rebuilt, so a failure half-way still restores.
    const trap = script.search(/^trap '.*npm rebuild better-sqlite3.*' EXIT$/m);
    expect(trap).toBeGreaterThan(-1);
    const command = (text: string) => script.search(new RegExp(`^npx ${text.replace(/[.]/g, '\\.')}`, 'm'));
    expect(command(runs)).toBeGreaterThan(trap);
    expect(script).toMatch(/^set -euo pipefail$/m);
    if (name === 'start') expect(command('electron-builder install-app-deps')).toBeGreaterThan(trap);
    else expect(config.npmRebuild).toBe(true);
  });
});
