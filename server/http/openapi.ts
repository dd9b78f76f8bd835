import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ERROR_CATALOGUE } from '../../common/errors.ts';
import { ZErrorBody } from '../../common/schemas/shared.ts';
import { VERSION } from '../version.ts';
import type { App } from './fastify-types.ts';

/**
 * OpenAPI generated from the same TypeBox schemas that validate requests. Every route gets the
 * error body for 4xx/5xx and its declared access in the description.
 */
export async function registerOpenApi(app: App): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const schema = (route.schema ??= {}) as Record<string, unknown>;
    const response = (schema.response ??= {}) as Record<string, unknown>;
    response['4xx'] ??= ZErrorBody;
    response['5xx'] ??= ZErrorBody;
    const access = route.config?.access ?? 'undeclared';
    schema.description = `${(schema.description as string | undefined) ?? ''}Access: \`${access}\`.`.trim();
    if (access !== 'public') schema.security = [{ sessionCookie: [] }];
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'pocdir API',
        version: VERSION,
        description:
          'Global Intergovernmental Points of Contact Directory. Sign in with POST /api/v1/session; ' +
          'send the returned csrfToken as X-CSRF-Token on every write. Error codes: ' +
          Object.keys(ERROR_CATALOGUE).join(', ') +
          ' (see docs/errors.md).',
      },
      components: {
        securitySchemes: {
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'pocdir_session' },
        },
      },
      tags: [{ name: 'health' }, { name: 'session' }, { name: 'states' }, { name: 'accounts' }, { name: 'audit' }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
}
