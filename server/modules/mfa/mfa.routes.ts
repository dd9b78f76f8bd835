import { Type } from 'typebox';
import {
  ZMfaStatus,
  ZRecoveryCodeRequest,
  ZRecoveryCodes,
  ZTotpCodeRequest,
  ZTotpStart,
  ZTotpStartRequest,
  ZWebauthnAuthenticationRequest,
  ZWebauthnOptions,
  ZWebauthnRegistrationRequest,
} from '../../../common/schemas/mfa.ts';
import { ZAccountParams } from '../../../common/schemas/accounts.ts';
import { ZSessionInfo } from '../../../common/schemas/session.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { App } from '../../http/fastify-types.ts';
import { setSessionCookie } from '../../http/session-cookie.ts';
import { presentSession } from '../session/session.presenter.ts';
import { resetSecondFactors } from './mfa-reset.service.ts';
import {
  confirmTotp,
  mfaStatus,
  regenerateRecoveryCodes,
  registerWebauthn,
  removeTotp,
  removeWebauthn,
  startTotp,
  webauthnRegistrationOptions,
} from './mfa.service.ts';
import {
  signInWithRecoveryCode,
  signInWithTotp,
  signInWithWebauthn,
  webauthnSignInOptions,
  type Elevated,
} from './second-factor.service.ts';

/**
 * Second factors: the sign-in step ('any-session': a session waiting for it) and the set-up of
 * authenticator apps, security keys and recovery codes ('enrolment' for TOTP, which a role may be
 * forced to set up before anything else; 'authenticated' for the rest).
 */
export function mfaRoutes(app: App, deps: { db: Db; config: Config }): void {
  const { db, config } = deps;
  const finish = (
    request: Parameters<typeof setSessionCookie>[1],
    reply: Parameters<typeof setSessionCookie>[2],
    elevated: Elevated,
  ) => {
    setSessionCookie(config, request, reply, elevated.token);
    return presentSession(elevated.actor);
  };

  app.post(
    '/api/v1/session/second-factor/totp',
    {
      config: { access: 'any-session' },
      schema: {
        tags: ['session'],
        summary: 'Finish signing in with a code from the authenticator app; the session cookie is replaced',
        body: ZTotpCodeRequest,
        response: { 200: ZSessionInfo },
      },
    },
    async (request, reply) =>
      finish(request, reply, await signInWithTotp(deps, actorOf(request), request.body.code, request.id)),
  );

  app.post(
    '/api/v1/session/second-factor/recovery',
    {
      config: { access: 'any-session' },
      schema: {
        tags: ['session'],
        summary: 'Finish signing in with a single-use recovery code',
        body: ZRecoveryCodeRequest,
        response: { 200: ZSessionInfo },
      },
    },
    async (request, reply) =>
      finish(request, reply, await signInWithRecoveryCode(deps, actorOf(request), request.body.code, request.id)),
  );

  app.post(
    '/api/v1/session/second-factor/webauthn/options',
    {
      config: { access: 'any-session' },
      schema: {
        tags: ['session'],
        summary: 'WebAuthn request options (a challenge for this session) to finish signing in with a security key',
        response: { 200: ZWebauthnOptions },
      },
    },
    async (request) => webauthnSignInOptions(deps, actorOf(request)),
  );

  app.post(
    '/api/v1/session/second-factor/webauthn',
    {
      config: { access: 'any-session' },
      schema: {
        tags: ['session'],
        summary: "Finish signing in with the security key's answer to the challenge",
        body: ZWebauthnAuthenticationRequest,
        response: { 200: ZSessionInfo },
      },
    },
    async (request, reply) =>
      finish(request, reply, await signInWithWebauthn(deps, actorOf(request), request.body.response, request.id)),
  );

  app.get(
    '/api/v1/mfa',
    {
      config: { access: 'enrolment' },
      schema: {
        tags: ['mfa'],
        summary: "The caller's second factors: authenticator app, security keys, recovery codes left",
        response: { 200: ZMfaStatus },
      },
    },
    async (request) => mfaStatus(db, actorOf(request)),
  );

  app.post(
    '/api/v1/mfa/totp',
    {
      config: { access: 'enrolment' },
      schema: {
        tags: ['mfa'],
        summary:
          'Start setting up an authenticator app: a new secret and its QR code (replacing one needs a current code)',
        body: ZTotpStartRequest,
        response: { 200: ZTotpStart },
      },
    },
    async (request) => startTotp(deps, actorOf(request), request.body),
  );

  app.post(
    '/api/v1/mfa/totp/confirm',
    {
      config: { access: 'enrolment' },
      schema: {
        tags: ['mfa'],
        summary: 'Confirm the new authenticator with a code from it; the first factor also returns recovery codes',
        body: ZTotpCodeRequest,
        response: {
          200: Type.Object({ recoveryCodes: ZRecoveryCodes.properties.recoveryCodes, session: ZSessionInfo }),
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { recoveryCodes, elevated } = await confirmTotp(deps, actor, request.body.code, request.id);
      const session = elevated ? finish(request, reply, elevated) : presentSession(actor);
      return { recoveryCodes, session };
    },
  );

  app.delete(
    '/api/v1/mfa/totp',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['mfa'],
        summary: 'Remove the authenticator app (needs a current code; not for roles that must keep one)',
        body: ZTotpCodeRequest,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await removeTotp(deps, actorOf(request), request.body.code, request.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/mfa/recovery-codes',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['mfa'],
        summary: 'New recovery codes, shown once; the old ones stop working',
        response: { 200: ZRecoveryCodes },
      },
    },
    async (request) => ({ recoveryCodes: await regenerateRecoveryCodes(db, actorOf(request), request.id) }),
  );

  app.post(
    '/api/v1/mfa/webauthn/options',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['mfa'],
        summary: 'WebAuthn creation options (a challenge for this session) to register a security key or passkey',
        response: { 200: ZWebauthnOptions },
      },
    },
    async (request) => webauthnRegistrationOptions(deps, actorOf(request)),
  );

  app.post(
    '/api/v1/mfa/webauthn',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['mfa'],
        summary: 'Register the security key or passkey that answered the challenge',
        body: ZWebauthnRegistrationRequest,
        response: { 201: ZRecoveryCodes },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await registerWebauthn(deps, actorOf(request), request.body, request.id)),
  );

  app.delete(
    '/api/v1/mfa/webauthn/:id',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['mfa'],
        summary: 'Remove a security key or passkey',
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 1024, pattern: '^[A-Za-z0-9_-]+$' }) }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await removeWebauthn(db, actorOf(request), request.params.id, request.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/accounts/:id/reset-second-factor',
    {
      config: { access: 'accounts.disable' },
      schema: {
        tags: ['accounts'],
        summary:
          "Remove an account's authenticator, security keys and recovery codes (lost device) and end its sessions",
        params: ZAccountParams,
        response: {
          200: Type.Object({
            totp: Type.Boolean(),
            securityKeys: Type.Integer({ minimum: 0 }),
            revokedSessions: Type.Integer({ minimum: 0 }),
          }),
        },
      },
    },
    async (request) => resetSecondFactors(db, actorOf(request), request.params.id, request.id),
  );
}
