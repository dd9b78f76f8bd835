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

export type Query = Record<string, string | number | boolean | undefined>;

/** The URL of an API path: for links (downloads the browser fetches itself) and for request(). */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

/** Anything thrown by a request, as an ApiError (a programming error shows as a network problem). */
export function toApiError(caught: unknown): ApiError {
  return caught instanceof ApiError ? caught : new ApiError(0, 'NETWORK_ERROR', '', null);
}

export interface RequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, for the routes that take a file (CSV, PDF). */
  raw?: { contentType: string; data: Blob | string; headers?: Record<string, string> };
  query?: Query;
  keepalive?: boolean;
}

async function send(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { accept, 'accept-language': context.locale };
  if (method !== 'GET' && context.csrfToken) headers['x-csrf-token'] = context.csrfToken;
  let body: BodyInit | undefined;
  if (options.raw) {
    Object.assign(headers, options.raw.headers, { 'content-type': options.raw.contentType });
    body = options.raw.data;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  try {
    return await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(options.keepalive ? { keepalive: true } : {}),
      ...(body !== undefined ? { body } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK_ERROR', '', null);
  }
}

async function failure(response: Response): Promise<ApiError> {
  const payload: unknown = await response.json().catch(() => undefined);
  if (!isErrorBody(payload))
    return new ApiError(response.status, 'NETWORK_ERROR', '', response.headers.get('x-request-id'));
  const { code, message, requestId, details } = payload.error;
  if (response.status === 401 && code === 'AUTH_REQUIRED') context.onUnauthorized();
  if (code === 'PASSWORD_CHANGE_REQUIRED') context.onPasswordChangeRequired();
  return new ApiError(response.status, code, message, requestId, details);
}

/**
 * One request to the API. Writes carry the CSRF token; every request carries the UI language so
 * error messages come back translated. Resolves to the parsed body (undefined for 204).
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options, 'application/json');
  if (!response.ok) throw await failure(response);
  if (response.status === 204) return undefined as T;
  return (await response.json().catch(() => undefined)) as T;
}

/** The file name from Content-Disposition, preferring the UTF-8 form (RFC 6266). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1]);
    } catch {
      /* fall back to the ASCII form */
    }
  }
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? fallback;
}

/**
 * Fetches a file (with the UI language, so State names and labels in it match the screen) and
 * hands it to the browser as a download.
 */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const response = await send('GET', path, { ...(query ? { query } : {}) }, '*/*');
  if (!response.ok) throw await failure(response);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
