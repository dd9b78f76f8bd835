import { defineConfig } from 'drizzle-kit';

// Used only by `npm run db:generate` at development time; it never connects to a database.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema.ts',
  out: './server/db/migrations',
  migrations: { prefix: 'timestamp' },
});
