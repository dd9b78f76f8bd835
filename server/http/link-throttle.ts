import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { assertWithinBudget, recordFailure } from '../modules/session/failure-budget.ts';
import type { App } from './fastify-types.ts';

// Sign-in has its own per-account and per-address budget; health has nothing to guess.
const OWN_THROTTLE = new Set(['/api/v1/session', '/api/v1/health']);
// Single-use links are 256-bit, so guessing is hopeless anyway; the budget stops a client that
// hammers them, while a delegation behind one address clicking old links stays far below it.
const LINK_BUDGET_FACTOR = 10;

/**
 * A failure budget per client address on the public routes (the single-use links of acceptance,
 * acknowledgement and ping tests): each 4xx answer counts; at LOGIN_MAX_FAILURES × 10 within
 * LOGIN_LOCK_MINUTES the address gets TOO_MANY_ATTEMPTS (429, Retry-After) until the lock ends.
 */
export function registerLinkThrottle(app: App, db: Db, config: Config): void {
  const applies = (access: unknown, url: string | undefined) =>
    access === 'public' && url !== undefined && url.startsWith('/api/v1/') && !OWN_THROTTLE.has(url);

  app.addHook('onRequest', async (request) => {
    if (!applies(request.routeOptions.config.access, request.routeOptions.url)) return;
    await assertWithinBudget(db, [`link-address:${request.ip}`], new Date(), 'TOO_MANY_ATTEMPTS');
  });

  // onSend, not onResponse: the failure is counted before the client has the answer, so its next
  // attempt (on PostgreSQL, possibly on another pooled connection) already sees it.
  app.addHook('onSend', async (request, reply, payload) => {
    if (!applies(request.routeOptions.config.access, request.routeOptions.url)) return payload;
    if (reply.statusCode < 400 || reply.statusCode >= 500 || reply.statusCode === 429) return payload;
    await recordFailure(
      db,
      config,
      [{ key: `link-address:${request.ip}`, limit: config.LOGIN_MAX_FAILURES * LINK_BUDGET_FACTOR }],
      new Date(),
    );
    return payload;
  });
}
