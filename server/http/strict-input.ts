import { AppError } from '../errors.ts';
import type { App } from './fastify-types.ts';

/**
 * JSON is UTF-8 (RFC 8259 §8.1). Fastify's own parser decodes leniently, so bytes that are not
 * UTF-8 became U+FFFD and were stored as if the client had sent them; they are refused instead.
 * Parsing itself stays Fastify's (prototype-poisoning checks, empty-body error).
 */
export function acceptOnlyUtf8Json(app: App): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(new AppError('MALFORMED_JSON', { internal: 'body is not UTF-8' }), undefined);
      return;
    }
    void parseJson(request, text, done);
  });
}

/**
 * Ajv coerces a string such as "1e309" to Infinity for an integer field and then skips minimum
 * and maximum, which it checks on finite numbers only: ?limit=1e309 reached SQL and was a 500.
 * After validation, any number that is not finite in the query, parameters or body is refused.
 */
export function refuseNonFiniteNumbers(app: App): void {
  app.addHook('preHandler', async (request) => {
    const schema = request.routeOptions.schema;
    if (!schema) return;
    const parts: [string, unknown, unknown][] = [
      ['querystring', schema.querystring, request.query],
      ['params', schema.params, request.params],
      ['body', schema.body, request.body],
    ];
    for (const [part, declared, value] of parts) {
      const at = declared === undefined ? undefined : nonFiniteNumberAt(value);
      if (at === undefined) continue;
      const field = part === 'body' ? at : `${part}:${at}`;
      throw new AppError('VALIDATION_FAILED', { details: [{ field, reason: 'type' }] });
    }
  });
}

/** The JSON pointer of the first number that is not finite, walking without recursion (bodies may nest deep). */
function nonFiniteNumberAt(value: unknown): string | undefined {
  const pending: [unknown, string][] = [[value, '']];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [here, at] = next;
    if (typeof here === 'number' && !Number.isFinite(here)) return at || '/';
    if (here !== null && typeof here === 'object' && !Buffer.isBuffer(here)) {
      for (const [key, child] of Object.entries(here)) pending.push([child, `${at}/${key}`]);
    }
  }
  return undefined;
}
