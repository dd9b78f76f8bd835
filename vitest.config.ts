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
    // One sealing key for the test processes and the pocdir processes they start, so factories can
    // set up authenticator apps that a child server opens. Never used outside tests.
    env: { SECRET_KEY: 'dGVzdC1vbmx5LXNlY3JldC1rZXktZm9yLXBvY2Rpci0=' },
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
