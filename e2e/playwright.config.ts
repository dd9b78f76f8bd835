import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH, E2E_BASE_URL } from './fixtures.ts';

// Debian's Chromium, never a downloaded browser. One worker: the server and its database are shared.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  timeout: 60_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../test-results',
  globalSetup: './global-setup.ts',
  use: {
    baseURL: E2E_BASE_URL,
    launchOptions: CHROMIUM_LAUNCH,
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
  },
});
