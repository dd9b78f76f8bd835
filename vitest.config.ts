import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Playwright specs live in e2e/ and run through `npm run e2e`, never here.
    include: [
      'server/**/*.test.ts',
      'cli/**/*.test.ts',
      'common/**/*.test.ts',
      'data/**/*.test.ts',
      'locales/**/*.test.ts',
      'docs/**/*.test.ts',
      'web/**/*.test.{ts,tsx}',
    ],
    globalSetup: ['server/test-support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
