// Each test gets serve mode over a fresh knowledge base (the demo data) on a free port, and a
// page opened at the address serve mode prints, token included.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCore, type KbCore } from '../../src/core';
import { rendererBundleDir, startServer, type RunningServer } from '../../src/core/http/server';

export const SCREENSHOTS = path.resolve(__dirname, '../../test-results/screenshots');

interface Served {
  core: KbCore;
  server: RunningServer;
}

export const test = base.extend<{ served: Served; app: Page; allowedErrors: RegExp[] }>({
  // Playwright reads a fixture's dependencies from its first parameter's pattern: it must be one.
  // eslint-disable-next-line no-empty-pattern
  served: async ({}, use) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mieux-kb-e2e-'));
    const core = createCore({ dbPath: path.join(dir, 'kb.sqlite'), demoIfNew: true });
    const server = await startServer({ core, staticDir: rendererBundleDir(), port: 0 });
    await use({ core, server });
    await server.close();
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  },
  /** Console errors a test provokes on purpose (a server it stopped); any other fails the test. */
  // eslint-disable-next-line no-empty-pattern
  allowedErrors: async ({}, use) => use([]),
  app: async ({ page, served, allowedErrors }, use) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(served.server.url);
    // The app is ready (and listening for Ctrl+K) once its first page has its heading.
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await use(page);
    // A page that throws or logs errors (CSP refusals included) fails its test.
    expect(errors.filter((e) => !allowedErrors.some((re) => re.test(e))), 'errors in the page').toEqual([]);
  },
});

export { expect };

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** No serious or critical accessibility violation on the screen as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}
