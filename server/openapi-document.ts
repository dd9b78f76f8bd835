import { buildApp } from './app.ts';
import { testConfig } from './config.ts';
import type { Database } from './db/client.ts';

/**
 * The OpenAPI document as committed in docs/openapi.json. Routes and schemas do not touch the
 * database while registering, so a database that refuses every call is enough.
 */
export async function generateOpenApi(): Promise<string> {
  const offline = {
    db: new Proxy(
      {},
      {
        get: () => {
          throw new Error('no database while generating OpenAPI');
        },
      },
    ),
    kind: 'embedded',
    migrate: async () => {},
    close: async () => {},
  } as unknown as Database;
  const app = await buildApp({ config: testConfig({ DATABASE_URL: undefined }), database: offline, logger: false });
  await app.ready();
  const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  return text;
}
