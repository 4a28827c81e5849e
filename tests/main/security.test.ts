// The window's web preferences and the permission table, read as the user's protection: the
// renderer gets no Node, no webviews, and no device, camera or location access.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../../src/main/app-protocol';
import { isPermissionGranted, originOf, PERMISSION_ALLOWLIST, secureWebPreferences } from '../../src/main/security';

/** Every permission name Electron can ask about, read from the installed Electron's own types. */
function electronPermissionNames(): string[] {
  const dts = fs.readFileSync(path.resolve(__dirname, '../../node_modules/electron/electron.d.ts'), 'utf8');
  const signature = dts.match(/setPermissionRequestHandler\(handler: \(\(webContents: WebContents, permission: ([^,]+(?:, [^,]*)*?), callback/);
  if (!signature) throw new Error('setPermissionRequestHandler not found in electron.d.ts');
  return [...signature[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

describe('web preferences', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.js');

  it('isolate the renderer from Node and Electron', () => {
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
    });
  });

  it('switch on nothing that loosens the sandbox', () => {
    const loosening = ['enableRemoteModule', 'enableBlinkFeatures', 'nodeIntegration', 'webviewTag', 'allowRunningInsecureContent', 'experimentalFeatures'];
    for (const key of loosening) expect((prefs as Record<string, unknown>)[key], key).not.toBe(true);
    expect(Object.keys(prefs)).not.toContain('additionalArguments');
  });
});

describe('permissions', () => {
  const names = electronPermissionNames();

  it('knows every permission Electron names', () => {
    expect(names.length).toBeGreaterThan(40);
    expect(names).toEqual(expect.arrayContaining(['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'usb', 'unknown']));
    for (const allowed of Object.keys(PERMISSION_ALLOWLIST)) expect(names, `${allowed} is not an Electron permission`).toContain(allowed);
  });

  it.each(electronPermissionNames())('%s is granted only if allowlisted, and only to our own window', (permission) => {
    const allowlisted = Object.prototype.hasOwnProperty.call(PERMISSION_ALLOWLIST, permission);
    expect(isPermissionGranted(permission, `${APP_ORIGIN}/index.html`, APP_ORIGIN)).toBe(allowlisted);
    for (const stranger of ['https://evil.example/', 'app://evil/index.html', 'file:///etc/passwd', 'http://localhost:5173/', '', null, undefined]) {
      expect(isPermissionGranted(permission, stranger, APP_ORIGIN), `${permission} from ${stranger}`).toBe(false);
    }
  });

  it('gives every allowlisted permission a reason, and denies names Electron may add later', () => {
    for (const [name, reason] of Object.entries(PERMISSION_ALLOWLIST)) expect(reason.length, name).toBeGreaterThan(20);
    for (const unknown of ['camera', 'microphone', 'bluetooth', 'constructor', '__proto__', 'toString']) {
      expect(isPermissionGranted(unknown, `${APP_ORIGIN}/`, APP_ORIGIN), unknown).toBe(false);
    }
  });

  it('reads origins the way the IPC check compares them', () => {
    expect(originOf('app://bundle/index.html#/actions')).toBe('app://bundle');
    expect(originOf('http://localhost:5173/?x=1')).toBe('http://localhost:5173');
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});
