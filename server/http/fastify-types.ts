import type {} from '@fastify/cookie';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { Locale } from '../../common/locales.ts';
import type { RouteAccess } from '../../common/permissions.ts';
import type { AccountActor } from '../auth/actor.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route declares who may call it; a route without this is refused (fail closed). */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: AccountActor | null;
    locale: Locale;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
