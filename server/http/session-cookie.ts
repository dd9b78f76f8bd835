import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

export const SESSION_COOKIE = 'pocdir_session';

/** Secure when pocdir is reached over TLS (PUBLIC_URL https, or TLS seen through a trusted proxy). */
function isSecure(config: Config, request: FastifyRequest): boolean {
  return config.PUBLIC_URL.startsWith('https://') || request.protocol === 'https';
}

export function setSessionCookie(config: Config, request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: isSecure(config, request),
    maxAge: config.SESSION_MAX_HOURS * 3600,
  });
}

export function clearSessionCookie(config: Config, request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: isSecure(config, request),
  });
}
