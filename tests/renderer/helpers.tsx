// A renderer over a real in-process core: the same KbApi the app gets from IPC or HTTP, reached
// through the core's transport entry point (`call`), so inputs are validated the same way.
import { cleanup, render } from '@testing-library/react';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { I18nextProvider } from 'react-i18next';
import { afterEach } from 'vitest';
import { createCore, type KbCore } from '../../src/core';
import { createApi } from '../../src/renderer/src/api/client';
import { App } from '../../src/renderer/src/app/App';
import { createServices, ServicesProvider, type AppServices } from '../../src/renderer/src/app/context';
import { memoryStorage, type KeyValueStorage } from '../../src/renderer/src/app/prefs';
import { createI18n } from '../../src/renderer/src/i18n';
import type { KbApi } from '../../src/shared/api';

// jsdom has no layout: scrolling is a no-op here.
window.scrollTo = () => {};
Element.prototype.scrollIntoView = () => {};

const cleanups: (() => void)[] = [];
afterEach(() => {
  cleanup();
  for (const c of cleanups.splice(0)) c();
  window.location.hash = '';
});

export function newCore(opts: { demo?: boolean } = {}): KbCore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-kb-renderer-'));
  const core = createCore({ dbPath: path.join(dir, 'kb.sqlite'), demoIfNew: opts.demo ?? true });
  cleanups.push(() => {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return core;
}

export function apiOver(core: KbCore): KbApi {
  // Through JSON, as over any real transport: no object is shared by reference with the core.
  return createApi(async (method, input) => JSON.parse(JSON.stringify(await core.call(method, JSON.parse(JSON.stringify(input ?? {}))))));
}

export function renderApp(core: KbCore, opts: { storage?: KeyValueStorage; hash?: string; api?: KbApi; events?: AppServices['events'] } = {}) {
  window.location.hash = opts.hash ?? '#/';
  const services: AppServices = createServices(opts.api ?? apiOver(core), opts.storage ?? memoryStorage(), opts.events);
  const i18n = createI18n('en');
  const view = render(
    <I18nextProvider i18n={i18n}>
      <ServicesProvider services={services}>
        <App onLanguage={(l) => void i18n.changeLanguage(l)} />
      </ServicesProvider>
    </I18nextProvider>,
  );
  return { ...view, services, i18n };
}
