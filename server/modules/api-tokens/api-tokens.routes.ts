import { Type } from 'typebox';
import {
  ZApiToken,
  ZApiTokenCreated,
  ZApiTokenCreateRequest,
  ZApiTokenList,
} from '../../../common/schemas/api-tokens.ts';
import { ZUuid } from '../../../common/schemas/shared.ts';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { App } from '../../http/fastify-types.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service.ts';

const ZTokenParams = Type.Object({ id: ZUuid });

/** The caller's own API tokens. 'authenticated' routes need a signed-in session: a token cannot make tokens. */
export function apiTokenRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;

  app.get(
    '/api/v1/api-tokens',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['api-tokens'],
        summary: "The caller's API tokens with their scopes, expiry and last use (never the token itself)",
        response: { 200: ZApiTokenList },
      },
    },
    async (request) => ({ tokens: await listApiTokens(db, actorOf(request)) }),
  );

  app.post(
    '/api/v1/api-tokens',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['api-tokens'],
        summary: 'Create an API token for a national system; the token is returned once, only its hash is kept',
        body: ZApiTokenCreateRequest,
        response: { 201: ZApiTokenCreated },
      },
    },
    async (request, reply) => {
      const created = await createApiToken(db, actorOf(request), request.body, request.id);
      return reply.status(201).send(created);
    },
  );

  app.delete(
    '/api/v1/api-tokens/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['api-tokens'],
        summary: 'Revoke one of the caller’s API tokens, at once',
        params: ZTokenParams,
        response: { 200: ZApiToken },
      },
    },
    async (request) => revokeApiToken(db, actorOf(request), request.params.id, request.id),
  );
}
