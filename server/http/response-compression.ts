import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { App } from './fastify-types.ts';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

// Below this, the headers and the CPU cost more than the bytes saved.
const MIN_BYTES = 1024;
// Answers that carry a secret (CSRF token, a new API token, an authenticator's seed) are never
// compressed: with compression, their length could leak the secret to a page that can make the
// browser repeat requests with chosen input (BREACH).
const SECRET_BEARING = ['/api/v1/session', '/api/v1/mfa', '/api/v1/api-tokens'];

/** br when the client takes it, else gzip, else nothing; q=0 refuses a coding (RFC 9110 §12.5.3). */
function codingFor(acceptEncoding: string | undefined): 'br' | 'gzip' | null {
  if (!acceptEncoding) return null;
  const accepted = new Set(
    acceptEncoding
      .toLowerCase()
      .split(',')
      .map((part) => part.trim().split(/\s*;\s*/))
      .filter(([, q]) => !q || !/^q=0(\.0*)?$/.test(q))
      .map(([name]) => name),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

/**
 * Compresses the API's JSON answers (a 200-entry directory page: 162 KB → 7 KB in brotli), which
 * over a delegation's 256 kbit/s link is the difference between 5 s and 0.2 s (P5 in
 * docs/performance.md). Static files are precompressed at build time (web-static.ts); the live
 * inbox stream is hijacked and never passes here. Brotli at quality 4: most of the gain for a
 * fraction of the CPU of the default 11, off the event loop (zlib's thread pool).
 */
export function registerResponseCompression(app: App): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || !request.url.startsWith('/api/')) return payload;
    if (SECRET_BEARING.some((prefix) => request.url.startsWith(prefix))) return payload;
    if (typeof payload !== 'string' || Buffer.byteLength(payload) < MIN_BYTES) return payload;
    if (!String(reply.getHeader('content-type') ?? '').startsWith('application/json')) return payload;
    reply.header('vary', 'accept-encoding');
    const coding = codingFor(request.headers['accept-encoding']);
    if (!coding) return payload;
    const compressed =
      coding === 'br'
        ? await brotli(payload, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })
        : await gzip(payload, { level: 6 });
    reply.header('content-encoding', coding);
    reply.removeHeader('content-length');
    return compressed;
  });
}
