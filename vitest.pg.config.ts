import { defineConfig } from 'vitest/config';
import base from './vitest.config.ts';

// The same server and CLI suites against a real PostgreSQL: `DATABASE_URL=postgres://… npm run test:pg`.
export default defineConfig({
  test: { ...base.test, include: ['server/**/*.test.ts', 'cli/**/*.test.ts', 'docs/**/*.test.ts'] },
});
