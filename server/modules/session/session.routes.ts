import { Type } from 'typebox';
import {
  ZLoginRequest,
  ZPasswordChangeRequest,
  ZPreferencesRequest,
  ZRevokedCount,
  ZSessionInfo,
  ZSessionList,
} from '../../../common/schemas/session.ts';
import { ZUuid } from '../../../common/schemas/shared.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { App } from '../../http/fastify-types.ts';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.ts';
import { presentSession } from './session.presenter.ts';
import {
  changePassword,
  listSessions,
  revokeOwnSessions,
  secondFactorMethods,
  setLocale,
  signIn,
  signOut,
} from './session.service.ts';

export function sessionRoutes(app: App, deps: { db: Db; config: Config }): void {
  const { db, config } = deps;

  app.post(
    '/api/v1/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary:
          "Sign in with e-mail and password; sets an HttpOnly session cookie. secondFactor 'pending' means: finish with /session/second-factor/…",
        body: ZLoginRequest,
        response: { 200: ZSessionInfo },
      },
    },
    async (request, reply) => {
      const { token, actor, methods } = await signIn(db, config, request.body, {
        address: request.ip,
        userAgent: request.headers['user-agent'],
        requestId: request.id,
      });
      setSessionCookie(config, request, reply, token);
      return presentSession(actor, methods);
    },
  );

  app.get(
    '/api/v1/session',
    {
      config: { access: 'any-session' },
      schema: { tags: ['session'], summary: 'The current session, with abilities', response: { 200: ZSessionInfo } },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentSession(actor, await secondFactorMethods(db, actor));
    },
  );

  app.delete(
    '/api/v1/session',
    {
      config: { access: 'any-session' },
      schema: {
        tags: ['session'],
        summary: 'Sign out: revokes the session on the server',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await signOut(db, actorOf(request), request.id);
      clearSessionCookie(config, request, reply);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/session/password',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['session'],
        summary: "Change the caller's password; ends their other sessions",
        body: ZPasswordChangeRequest,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await changePassword(db, actorOf(request), request.body, request.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/api/v1/session/preferences',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['session'],
        summary: "Remember the caller's language",
        body: ZPreferencesRequest,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await setLocale(db, actorOf(request), request.body.locale, request.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/session/sessions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['session'],
        summary: "The caller's live sessions (devices), this one marked current",
        response: { 200: ZSessionList },
      },
    },
    async (request) => ({ sessions: await listSessions(db, config, actorOf(request)) }),
  );

  app.delete(
    '/api/v1/session/sessions/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['session'],
        summary: 'Sign out one of the caller’s sessions (another device), at once',
        params: Type.Object({ id: ZUuid }),
        response: { 200: ZRevokedCount },
      },
    },
    async (request) => ({
      revoked: await revokeOwnSessions(db, actorOf(request), { id: request.params.id }, request.id),
    }),
  );

  app.delete(
    '/api/v1/session/sessions',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['session'],
        summary: 'Sign out every other session of the caller',
        response: { 200: ZRevokedCount },
      },
    },
    async (request) => ({ revoked: await revokeOwnSessions(db, actorOf(request), 'others', request.id) }),
  );
}
