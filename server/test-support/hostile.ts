import { sql } from 'drizzle-orm';
import { ERROR_CATALOGUE } from '../../common/errors.ts';
import { PERMISSIONS, type Permission, type RouteAccess } from '../../common/permissions.ts';
import type { Role } from '../../common/roles.ts';
import { rowsOf, type Db } from '../db/client.ts';
import type { RegisteredRoute } from '../http/route-access.ts';
import { buildAccount, signIn, type SignedIn } from './factories.ts';
import type { TestApp } from './harness.ts';
import type { JsonSchema } from './hostile-values.ts';

export * from './hostile-values.ts';

/** What a hostile-input test needs to know about one API route. */
export interface WriteRoute extends RegisteredRoute {
  /** The JSON body schema from the OpenAPI document, when the route takes one. */
  bodySchema: JsonSchema | undefined;
  /** Path parameter names, e.g. ['id']. */
  params: string[];
  /** Query string parameter names, e.g. ['q', 'limit']. */
  queryParams: string[];
  /** The OpenAPI summary: says when a route streams (text/event-stream). */
  summary: string;
}

interface OpenApiOperation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: { in: string; name: string }[];
  summary?: string;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every write route under /api/v1 from the live route table, with its body schema from OpenAPI. */
export function writeRoutesOf(routeTable: RegisteredRoute[], openApi: unknown): WriteRoute[] {
  return apiRoutesOf(routeTable, openApi, (method) => WRITE_METHODS.has(method));
}

/** Every GET route under /api/v1, with its query parameters from OpenAPI. */
export function readRoutesOf(routeTable: RegisteredRoute[], openApi: unknown): WriteRoute[] {
  return apiRoutesOf(routeTable, openApi, (method) => method === 'GET');
}

function apiRoutesOf(routeTable: RegisteredRoute[], openApi: unknown, method: (m: string) => boolean): WriteRoute[] {
  const paths = (openApi as OpenApiDocument).paths;
  return routeTable
    .filter((r) => r.url.startsWith('/api/v1') && method(r.method))
    .map((r) => {
      const operation = paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      return {
        ...r,
        bodySchema: operation?.requestBody?.content?.['application/json']?.schema,
        params: [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1] ?? ''),
        queryParams: (operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        summary: operation?.summary ?? '',
      };
    });
}

/**
 * A role that may use a route: the first the permission table lists (national authorities and
 * points of contact are bound to one State), any account for 'authenticated', nobody for 'public'.
 */
export function roleFor(access: RouteAccess): Role | null {
  if (access === 'public') return null;
  // 'authenticated' and the session-level accesses: any signed-in account will do.
  if (!(access in PERMISSIONS)) return 'national_authority';
  const roles = Object.keys(PERMISSIONS[access as Permission]) as Role[];
  const role = roles[0];
  if (role === undefined) throw new Error(`no role holds ${access}`);
  return role;
}

/** A caller allowed to use a route; signed in again when a request ended its session (sign-out). */
export interface Caller {
  headers(): Promise<Record<string, string>>;
  /** Call after a success: a sign-out or password change may have ended the session. */
  checkSession(): Promise<void>;
}

export function callerFor(app: TestApp, db: Db, access: RouteAccess, stateM49: string): Caller {
  const role = roleFor(access);
  let current: SignedIn | null = null;
  return {
    async headers() {
      if (role === null) return {};
      current ??= await signIn(app, await buildAccount(db, { role, stateM49 }));
      return current.writeHeaders;
    },
    async checkSession() {
      if (current === null) return;
      const alive = await app.inject({ method: 'GET', url: '/api/v1/session', headers: current.headers });
      if (alive.statusCode === 401) current = null;
    },
  };
}

/** Row counts of every table in the public schema and the audit chain head, in one query. */
export interface Snapshot {
  counts: Record<string, number>;
  auditHead: string;
}

let tableNames: string[] | undefined;

export async function snapshot(db: Db): Promise<Snapshot> {
  if (tableNames === undefined) {
    const rows = rowsOf<{ table_name: string }>(
      await db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
      ),
    );
    tableNames = rows.map((r) => r.table_name);
  }
  // UNION ALL rather than json_build_object, whose 100-argument limit a growing schema would pass.
  const counts = tableNames.map((t) => `select '${t}' as name, count(*)::text as n from "${t}"`).join(' union all ');
  const rows = rowsOf<{ name: string; n: string }>(
    await db.execute(
      sql.raw(`${counts} union all select '#head', coalesce((select position || ':' || hash from audit_head), '')`),
    ),
  );
  const head = rows.find((r) => r.name === '#head');
  if (!head) throw new Error('snapshot query returned no audit head');
  return {
    counts: Object.fromEntries(rows.filter((r) => r !== head).map((r) => [r.name, Number(r.n)])),
    auditHead: head.n,
  };
}

/** What changed between two snapshots, ignoring tables a refused request may legitimately write. */
export function changesBetween(before: Snapshot, after: Snapshot, allowed: readonly string[] = []): string[] {
  const changes = Object.keys(after.counts)
    .filter((t) => !allowed.includes(t) && after.counts[t] !== before.counts[t])
    .map((t) => `${t}: ${before.counts[t]} → ${after.counts[t]}`);
  if (before.auditHead !== after.auditHead) changes.push(`audit_head moved`);
  return changes;
}

/**
 * Why a response breaks the contract, or null: no 5xx, and every error carries a catalogue
 * code whose status is the one sent.
 */
export function contractViolation(response: { statusCode: number; body: string }): string | null {
  const { statusCode } = response;
  if (statusCode >= 500) return `server error ${statusCode}: ${response.body.slice(0, 300)}`;
  if (statusCode < 400) return null;
  let code: unknown;
  try {
    code = (JSON.parse(response.body) as { error?: { code?: unknown } }).error?.code;
  } catch {
    return `error ${statusCode} without a JSON body: ${response.body.slice(0, 200)}`;
  }
  if (typeof code !== 'string' || !(code in ERROR_CATALOGUE)) {
    return `error ${statusCode} without a catalogue code: ${response.body.slice(0, 300)}`;
  }
  const expected = ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE].status;
  return expected === statusCode ? null : `${code} sent with ${statusCode}, catalogue says ${expected}`;
}
