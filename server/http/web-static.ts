import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { AppError } from '../errors.ts';
import { sendError } from './error-handler.ts';
import type { App } from './fastify-types.ts';

export const WEB_DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

/**
 * Serves the built web UI (precompressed .br/.gz files when the browser accepts them) and
 * answers unknown non-API paths with index.html so client-side routes survive a reload.
 */
export async function registerWebStatic(app: App): Promise<void> {
  const hasBuild = fs.existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      preCompressed: true,
      index: false,
      setHeaders: (res, filePath) => {
        // Hashed asset names never change content: cache them for a year; index.html never.
        res.setHeader(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !hasBuild || (request.method !== 'GET' && request.method !== 'HEAD')) {
      return sendError(request, reply, new AppError('ROUTE_NOT_FOUND'));
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
