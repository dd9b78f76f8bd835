import type { Config } from '../config.ts';
import type { App } from './fastify-types.ts';

const HSTS = 'max-age=63072000; includeSubDomains';

// Computed once at boot: per-request header building (as helmet does) halves throughput.
function headerSet(styleSrc: string, tls: boolean): Record<string, string> {
  const csp = [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${styleSrc}`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  const headers: Record<string, string> = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
  };
  // HSTS only means something over TLS; browsers ignore it on plain http.
  if (tls) headers['strict-transport-security'] = HSTS;
  return headers;
}

/**
 * Four precomputed sets: strict or the API docs page's (Swagger UI sets inline styles: its page
 * gets only that exception), each with HSTS when pocdir is reached over TLS (PUBLIC_URL https, or
 * TLS seen through a trusted proxy, TRUST_PROXY). Choosing one is the only per-request work.
 */
export function registerSecurityHeaders(app: App, config: Config): void {
  const alwaysTls = config.PUBLIC_URL.startsWith('https://');
  const sets = {
    strict: { plain: headerSet("'self'", alwaysTls), tls: headerSet("'self'", true) },
    docs: { plain: headerSet("'self' 'unsafe-inline'", alwaysTls), tls: headerSet("'self' 'unsafe-inline'", true) },
  };
  app.addHook('onSend', async (request, reply, payload) => {
    const set = request.url.startsWith('/api/docs') ? sets.docs : sets.strict;
    reply.headers(request.protocol === 'https' ? set.tls : set.plain);
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
