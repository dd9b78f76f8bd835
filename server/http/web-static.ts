import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { AppError } from '../errors.ts';
import { projectPath } from '../project-root.ts';
import { sendError } from './error-handler.ts';
import type { App } from './fastify-types.ts';

export const WEB_DIST = projectPath('web', 'dist');

/**
 * Serves the built web UI (precompressed .br/.gz files when the browser accepts them) and
 * answers unknown non-API paths with index.html so client-side routes survive a reload.
 * Files are listed at start: after `npm run build`, restart the server.
 */
export async function registerWebStatic(app: App, root: string = WEB_DIST): Promise<void> {
  const hasBuild = fs.existsSync(path.join(root, 'index.html'));
  if (hasBuild) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      preCompressed: true,
      index: false,
      // Our setHeaders decides caching; the plugin's own max-age=0 would override it.
      cacheControl: false,
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
    // Client-side routes have no file extension; a missing asset is a real 404, never index.html.
    const pathname = request.url.split('?')[0] ?? '';
    const looksLikeFile = /\.[a-z0-9]+$/i.test(pathname) || pathname.startsWith('/assets/');
    if (
      request.url.startsWith('/api/') ||
      !hasBuild ||
      looksLikeFile ||
      (request.method !== 'GET' && request.method !== 'HEAD')
    ) {
      return sendError(request, reply, new AppError('ROUTE_NOT_FOUND'));
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
