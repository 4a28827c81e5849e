// The Electron suite: the built app (out/) launched through Playwright's _electron. It runs
// where an Electron binary can run and is skipped, with the reason printed, everywhere else.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron',
  timeout: 60_000,
  workers: 1,
  globalSetup: './global-setup.ts',
  reporter: [['list'], ['json', { outputFile: '../../test-results/playwright-electron.json' }]],
});
