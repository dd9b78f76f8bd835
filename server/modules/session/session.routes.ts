import { Type } from 'typebox';
import {
  ZLoginRequest,
  ZPasswordChangeRequest,
  ZPreferencesRequest,
  ZSessionInfo,
} from '../../../common/schemas/session.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { App } from '../../http/fastify-types.ts';
import { clearSessionCookie, setSessionCookie } from '../../http/session-cookie.ts';
import { presentSession } from './session.presenter.ts';
import { changePassword, setLocale, signIn, signOut } from './session.service.ts';

export function sessionRoutes(app: App, deps: { db: Db; config: Config }): void {
  const { db, config } = deps;

  app.post(
    '/api/v1/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['session'],
        summary: 'Sign in with e-mail and password; sets an HttpOnly session cookie',
        body: ZLoginRequest,
        response: { 200: ZSessionInfo },
      },
    },
    async (request, reply) => {
      const { token, actor } = await signIn(db, config, request.body, {
        address: request.ip,
        userAgent: request.headers['user-agent'],
        requestId: request.id,
      });
      setSessionCookie(config, request, reply, token);
      return presentSession(actor);
    },
  );

  app.get(
    '/api/v1/session',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['session'], summary: 'The current session, with abilities', response: { 200: ZSessionInfo } },
    },
    async (request) => {
      return presentSession(actorOf(request));
    },
  );

  app.delete(
    '/api/v1/session',
    {
      config: { access: 'authenticated' },
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
}
