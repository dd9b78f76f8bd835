import type { RouteAccess } from '../../common/permissions.ts';
import type { App } from './fastify-types.ts';

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
}

/**
 * Every /api/v1 route must declare its access or the app refuses to build. Routes outside the
 * API (static UI files, the OpenAPI page) are public. Returns the live list for tests and docs.
 */
export function enforceDeclaredAccess(app: App): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.addHook('onRoute', (route) => {
    const declared = route.config?.access;
    if (declared === undefined && route.url.startsWith('/api/v1')) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no access (config.access)`);
    }
    const access = declared ?? 'public';
    route.config = { ...route.config, access };
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access });
  });
  return routes;
}
