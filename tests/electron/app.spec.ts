// The desktop app as a user gets it: first start creates the knowledge base in the user data
// folder with the demo data, the renderer has no Node, and a search and an edit go through IPC
// to the core worker.
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findElectron } from './electron-binary';

const root = path.resolve(__dirname, '../..');
const found = findElectron();
if (!found.ok) console.log(`Skipping the Electron suite: ${found.reason}`);

test.describe('the desktop app', () => {
  test.skip(!found.ok, found.ok ? '' : found.reason);

  let app: ElectronApplication;
  let page: Page;
  let config: string;

  test.beforeAll(async () => {
    if (!found.ok) return;
    expect(fs.existsSync(path.join(root, 'out/main/index.js')), 'build the app first: npm run build').toBe(true);
    config = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-electron-'));
    app = await electron.launch({
      executablePath: found.path,
      args: [path.join(root, 'out/main/index.js')],
      // A fresh user data folder: this is the app's first start.
      env: { ...process.env, XDG_CONFIG_HOME: config, APPDATA: config, MIEUX_KB_DB: '' },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterAll(async () => {
    await app?.close();
    if (config) fs.rmSync(config, { recursive: true, force: true });
  });

  test('the renderer has no Node and window.kb has exactly call and on', async () => {
    expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
    expect(await page.evaluate(() => Object.keys((globalThis as unknown as { kb: object }).kb).sort())).toEqual(['call', 'on']);
    expect(page.url()).toBe('app://bundle/index.html');
  });

  test('the first start created the database in the user data folder and loaded the demo', async () => {
    const check = await page.evaluate(() => (globalThis as unknown as { kb: { call(m: string, i: unknown): Promise<{ ok: boolean; value: { path: string } }> } }).kb.call('checkDatabase', {}));
    expect(check.ok).toBe(true);
    if (process.platform !== 'darwin') expect(check.value.path).toBe(path.join(config, 'MIEUX+ Knowledge Base', 'knowledge-base.sqlite'));
    const stats = await page.evaluate(() => (globalThis as unknown as { kb: { call(m: string, i: unknown): Promise<{ ok: boolean; value: { actions: number } }> } }).kb.call('getStats', {}));
    expect(stats.value.actions).toBeGreaterThan(0);
  });

  test('a search and an edit go through to the core', async () => {
    const result = await page.evaluate(async () => {
      const kb = (globalThis as unknown as { kb: { call(m: string, i: unknown): Promise<{ ok: boolean; value?: { id: string; titleEn?: string; hits?: { id: string }[] }; error?: unknown }> } }).kb;
      const created = await kb.call('createAction', {
        data: { code: 'Electron I', titleEn: 'Electron I: desktop test', domain: 'IMT', status: 'completed', startDate: '2020-01', topics: ['IMT-THB'], countries: ['GH'] },
      });
      if (!created.ok) return { error: created.error };
      const id = created.value!.id;
      const edited = await kb.call('updateAction', { id, data: { titleEn: 'Electron I: edited from the window' } });
      const found = await kb.call('search', { query: 'edited from the window' });
      const refused = await kb.call('dropDatabase', {});
      return { id, edited: edited.value?.titleEn, hits: found.value?.hits?.map((h) => h.id), refused: refused.ok };
    });
    expect(result).toEqual({ id: expect.any(String), edited: 'Electron I: edited from the window', hits: expect.arrayContaining([expect.any(String)]), refused: false });
    expect((result as { hits: string[]; id: string }).hits).toContain((result as { id: string }).id);
  });
});
