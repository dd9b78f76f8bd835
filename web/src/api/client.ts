import type { ErrorBody, ErrorCode, FieldError } from '../../../common/errors.ts';
import { DEFAULT_LOCALE, type Locale } from '../../../common/locales.ts';

/** NETWORK_ERROR is the client's own code: the server could not be reached or answered garbage. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly requestId: string | null,
    readonly details: FieldError[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field problems keyed by field name ("/email" → "email"). */
  fieldReasons(): Record<string, string> {
    const reasons: Record<string, string> = {};
    for (const detail of this.details) {
      const name = detail.field.split('/').filter(Boolean).join('.');
      if (name && !(name in reasons)) reasons[name] = detail.reason;
    }
    return reasons;
  }
}

interface ClientContext {
  locale: Locale;
  csrfToken: string | null;
  /** Called when the server says the session is gone (401), so the app can show sign-in. */
  onUnauthorized: () => void;
  /** Called on 403 PASSWORD_CHANGE_REQUIRED, so the app can show the password page. */
  onPasswordChangeRequired: () => void;
}

const context: ClientContext = {
  locale: DEFAULT_LOCALE,
  csrfToken: null,
  onUnauthorized: () => undefined,
  onPasswordChangeRequired: () => undefined,
};

/** The app keeps the client in step with the UI language and the session. */
export function configureClient(update: Partial<ClientContext>): void {
  Object.assign(context, update);
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}

export type Query = Record<string, string | number | undefined>;

function urlOf(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

/**
 * One request to the API. Writes carry the CSRF token; every request carries the UI language so
 * error messages come back translated. Resolves to the parsed body (undefined for 204).
 */
export async function request<T>(
  method: string,
  path: string,
  options: { body?: unknown; query?: Query; keepalive?: boolean } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': context.locale };
  if (method !== 'GET' && context.csrfToken) headers['x-csrf-token'] = context.csrfToken;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(urlOf(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.keepalive ? { keepalive: true } : {}),
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '', null);
  }
  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => undefined);
  if (response.ok) return payload as T;
  if (!isErrorBody(payload))
    throw new ApiError(response.status, 'NETWORK_ERROR', '', response.headers.get('x-request-id'));
  const { code, message, requestId, details } = payload.error;
  if (response.status === 401 && code === 'AUTH_REQUIRED') context.onUnauthorized();
  if (code === 'PASSWORD_CHANGE_REQUIRED') context.onPasswordChangeRequired();
  throw new ApiError(response.status, code, message, requestId, details);
}
