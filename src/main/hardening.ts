// Applies the pure rules of security.ts, csp.ts, app-protocol.ts and external-links.ts to
// Electron's session, protocol and every web contents. Thin on purpose: the decisions are made
// (and tested) in those modules.
import { app, protocol, shell, type Session } from 'electron';
import { APP_SCHEME, serveBundleFile } from './app-protocol';
import { withCsp } from './csp';
import { navigationDecision } from './external-links';
import { isPermissionGranted } from './security';

/** Must run before the app is ready: app:// behaves like https (secure, standard, fetchable). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function hardenSession(session: Session, opts: { rendererDir: string; origin: string; csp: string }): void {
  session.protocol.handle(APP_SCHEME, (request) => serveBundleFile(opts.rendererDir, request.url, opts.csp));
  // The development server's responses get the policy as a header too.
  session.webRequest.onHeadersReceived((details, callback) => callback({ responseHeaders: withCsp(details.responseHeaders, opts.csp) }));
  session.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl ?? contents.getURL(), opts.origin)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) => isPermissionGranted(permission, requestingOrigin, opts.origin));
  // No device pickers: USB, serial, HID and Bluetooth are never offered to the renderer.
  session.setDevicePermissionHandler(() => false);
  session.on('select-hid-device', (event, _details, callback) => (event.preventDefault(), callback('')));
  session.on('select-serial-port', (event, _ports, _contents, callback) => (event.preventDefault(), callback('')));
  session.on('select-usb-device', (event, _details, callback) => (event.preventDefault(), callback()));
}

/** Every web contents, now and later: no navigation away, no new windows, no webviews. */
export function guardWebContents(): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.on('will-navigate', (event, url) => {
      event.preventDefault();
      openIfSafe(url);
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openIfSafe(url);
      return { action: 'deny' };
    });
  });
}

function openIfSafe(url: string) {
  if (navigationDecision(url) === 'open-externally') void shell.openExternal(url);
}
