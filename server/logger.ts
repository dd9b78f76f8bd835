import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';

/**
 * Paths never written to logs. Fastify's default request serializer already omits headers and
 * bodies; these guard against anything that logs them explicitly.
 */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.initialPassword',
  '*.token',
  '*.csrfToken',
  '*.passwordHash',
  '*.DATABASE_URL',
];

export function loggerOptions(config: Config): NonNullable<FastifyServerOptions['logger']> {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
}
