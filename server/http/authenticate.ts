import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { negotiateLocale } from '../../common/locales.ts';
import { PERMISSIONS, scopeOf, type Permission, type RouteAccess } from '../../common/permissions.ts';
import type { AccountActor } from '../auth/actor.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { AppError } from '../errors.ts';
import { resolveApiToken } from '../modules/api-tokens/api-tokens.service.ts';
import { resolveSession } from '../modules/session/session.service.ts';
import type { App } from './fastify-types.ts';
import { SESSION_COOKIE } from './session-cookie.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the API token (Authorization: Bearer) or else the session cookie into request.actor,
 * picks the response language, and enforces each route's declared access: 401 without a session,
 * the second factor, 403 for a role the permission table does not list or a scope the token lacks,
 * and CSRF on cookie-authenticated writes. Per-State checks happen in services.
 */
export function registerAuthentication(app: App, db: Db, config: Config): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', config.DEFAULT_LOCALE);

  app.addHook('onRequest', async (request) => {
    // Only the API needs the actor; static UI files are public and should not cost a database read.
    if (request.url.startsWith('/api/')) {
      const authorization = request.headers.authorization;
      if (authorization !== undefined) {
        const bearer = /^Bearer +(\S+)$/i.exec(authorization)?.[1];
        if (!bearer) throw new AppError('API_TOKEN_INVALID');
        request.actor = await resolveApiToken(db, config, bearer, request.ip);
      } else {
        const token = request.cookies[SESSION_COOKIE];
        request.actor = token ? await resolveSession(db, config, token) : null;
      }
    }
    const header = request.headers['accept-language'];
    request.locale = header ? negotiateLocale(header) : (request.actor?.locale ?? config.DEFAULT_LOCALE);
    enforceAccess(request);
  });
}

/** Runs before the body is parsed or validated, so a caller without access learns nothing about the schema. */
function enforceAccess(request: FastifyRequest): void {
  if (request.is404) return;
  const access = request.routeOptions.config.access;
  if (access === 'public') return;
  if (access === undefined) {
    // Fail closed: a route that forgot to declare its access serves nobody.
    throw new AppError('FORBIDDEN', {
      internal: `route ${request.routeOptions.url ?? '?'} declares no access`,
    });
  }
  const actor = request.actor;
  if (!actor) throw new AppError('AUTH_REQUIRED');
  if (actor.via === 'token') {
    // A token reaches only the permissions it carries; sessions, MFA and tokens need a person.
    if (!isPermission(access) || !actor.tokenScopes?.includes(access)) throw new AppError('TOKEN_SCOPE_MISSING');
    if (scopeOf(actor.role, access) === undefined) throw new AppError('FORBIDDEN');
    return; // no cookie, so no CSRF to check
  }
  if (!SAFE_METHODS.has(request.method) && !csrfMatches(request, actor)) throw new AppError('CSRF_TOKEN_INVALID');
  if (access === 'any-session') return;
  if (actor.secondFactor === 'pending') throw new AppError('SECOND_FACTOR_REQUIRED');
  if (actor.secondFactor === 'enrol' && access !== 'enrolment') throw new AppError('MFA_ENROLMENT_REQUIRED');
  if (access === 'enrolment') return;
  // Until the one-time password is replaced, only the session routes (change it, sign out) work.
  if (actor.mustChangePassword && access !== 'authenticated') throw new AppError('PASSWORD_CHANGE_REQUIRED');
  if (access !== 'authenticated' && scopeOf(actor.role, access) === undefined) throw new AppError('FORBIDDEN');
}

function isPermission(access: RouteAccess): access is Permission {
  return access in PERMISSIONS;
}

function csrfMatches(request: FastifyRequest, actor: AccountActor): boolean {
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(actor.csrfToken);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** The signed-in actor of a route whose access is not 'public'. */
export function actorOf(request: FastifyRequest): AccountActor {
  if (!request.actor) throw new AppError('AUTH_REQUIRED');
  return request.actor;
}
