import crypto from 'node:crypto';
import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { registerAuthentication } from './http/authenticate.ts';
import { registerLinkThrottle } from './http/link-throttle.ts';
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandling } from './http/error-handler.ts';
import type { App } from './http/fastify-types.ts';
import { registerOpenApi } from './http/openapi.ts';
import { enforceDeclaredAccess, type RegisteredRoute } from './http/route-access.ts';
import { registerResponseCompression } from './http/response-compression.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { acceptOnlyUtf8Json, refuseNonFiniteNumbers } from './http/strict-input.ts';
import { registerWebStatic } from './http/web-static.ts';
import { loggerOptions } from './logger.ts';
import { accountsRoutes } from './modules/accounts/accounts.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { communicationsRoutes } from './modules/communications/communications.routes.ts';
import { liveInboxRoutes } from './modules/communications/live-inbox.routes.ts';
import { attachmentsRoutes } from './modules/communications/attachments.routes.ts';
import { directoryRoutes } from './modules/directory/directory.routes.ts';
import { nominationsRoutes } from './modules/directory/nominations.routes.ts';
import { pingTestsRoutes } from './modules/ping-tests/ping-tests.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { sessionRoutes } from './modules/session/session.routes.ts';
import { mfaRoutes } from './modules/mfa/mfa.routes.ts';
import { apiTokenRoutes } from './modules/api-tokens/api-tokens.routes.ts';
import { statesRoutes } from './modules/states/states.routes.ts';

export interface AppOptions {
  config: Config;
  database: Database;
  /** Tests pass a pino destination to read the logs. */
  logger?: FastifyServerOptions['logger'];
  /** The built web UI to serve; defaults to web/dist. */
  webDist?: string;
}

/** Builds the HTTP app without listening; tests call app.inject() on it. */
export async function buildApp({
  config,
  database,
  logger,
  webDist,
}: AppOptions): Promise<App & { routeTable: RegisteredRoute[] }> {
  const app = Fastify({
    logger: logger ?? loggerOptions(config),
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    trustProxy: config.TRUST_PROXY,
    bodyLimit: config.BODY_LIMIT_BYTES,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    // A URL that does not decode, and a request Node cannot read, still get a catalogue error.
    frameworkErrors: frameworkErrorHandler(config.DEFAULT_LOCALE),
    clientErrorHandler: clientErrorHandler(config.DEFAULT_LOCALE),
  }).withTypeProvider<TypeBoxTypeProvider>();

  // The API speaks JSON only. Other body types get UNSUPPORTED_MEDIA_TYPE, not a confusing validation error.
  app.removeContentTypeParser('text/plain');
  acceptOnlyUtf8Json(app);
  refuseNonFiniteNumbers(app);
  const { db } = database;
  const routeTable = enforceDeclaredAccess(app);
  registerErrorHandling(app);
  registerSecurityHeaders(app, config);
  registerResponseCompression(app);
  await app.register(cookie);
  registerAuthentication(app, db, config);
  registerLinkThrottle(app, db, config);
  await registerOpenApi(app);

  healthRoutes(app, { databaseKind: database.kind });
  sessionRoutes(app, { db, config });
  mfaRoutes(app, { db, config });
  apiTokenRoutes(app, { db });
  statesRoutes(app, { db });
  accountsRoutes(app, { db });
  auditRoutes(app, { db });
  directoryRoutes(app, { db, config });
  nominationsRoutes(app, { db, config });
  communicationsRoutes(app, { db, config });
  liveInboxRoutes(app, { db, config });
  attachmentsRoutes(app, { db, config });
  pingTestsRoutes(app, { db, config });

  await registerWebStatic(app, webDist);
  return Object.assign(app, { routeTable });
}
