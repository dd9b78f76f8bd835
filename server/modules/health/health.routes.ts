import { ZHealth } from '../../../common/schemas/health.ts';
import type { App } from '../../http/fastify-types.ts';
import { VERSION } from '../../version.ts';

export function healthRoutes(app: App, deps: { databaseKind: 'embedded' | 'postgres' }): void {
  app.get(
    '/api/v1/health',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], summary: 'Liveness: the server is up', response: { 200: ZHealth } },
    },
    async () => ({ status: 'ok' as const, database: deps.databaseKind, version: VERSION }),
  );
}
