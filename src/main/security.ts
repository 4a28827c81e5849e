// The window's security settings and the permission table, as pure data and functions so they are
// tested without Electron. Everything not listed here is refused.
import type { WebPreferences } from 'electron';

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // A dropped file would otherwise replace the app with the file's contents.
    navigateOnDragDrop: false,
    // Stops a hostile page from trapping the user in an endless chain of alert() dialogs.
    safeDialogs: true,
    // A middle-click would otherwise try to open a link in a new window.
    disableBlinkFeatures: 'Auxclick',
    spellcheck: true,
  };
}

/**
 * The only permissions the renderer may have, each with the reason it needs it. A permission is
 * granted only to our own renderer's origin, never to anything else that might get loaded.
 */
export const PERMISSION_ALLOWLIST: Readonly<Record<string, string>> = {
  'clipboard-sanitized-write': 'Copy buttons put a reference, a citation or an e-mail address on the clipboard.',
};

export function isPermissionGranted(permission: string, requestingUrl: string | null | undefined, appOrigin: string): boolean {
  if (!Object.prototype.hasOwnProperty.call(PERMISSION_ALLOWLIST, permission)) return false;
  return originOf(requestingUrl) === appOrigin;
}

/** `scheme://host[:port]` of a URL, or null when it has none. Works for our custom `app:` scheme too. */
export function originOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.host ? `${u.protocol}//${u.host}` : null;
  } catch {
    return null;
  }
}
