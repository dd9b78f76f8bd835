import crypto from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode, FieldError } from '../../common/errors.ts';
import { negotiateLocale, type Locale } from '../../common/locales.ts';
import { AppError } from '../errors.ts';
import { translate } from '../i18n.ts';
import type { App } from './fastify-types.ts';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
};

interface AjvIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/**
 * Enough to fix a request by hand. Validation reports every problem (allErrors), so a body with
 * 80,000 unknown keys would otherwise be answered with megabytes of details.
 */
export const MAX_FIELD_ERRORS = 100;

function fieldErrors(issues: AjvIssue[], context: string | undefined): FieldError[] {
  return issues.slice(0, MAX_FIELD_ERRORS).map((issue) => {
    const extra = issue.params.missingProperty ?? issue.params.additionalProperty;
    const field = typeof extra === 'string' ? `${issue.instancePath}/${extra}` : issue.instancePath || '/';
    return { field: context && context !== 'body' ? `${context}:${field}` : field, reason: issue.keyword };
  });
}

/** Turns any thrown error into the catalogue's shape, in the caller's language. */
export function toAppError(error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as FastifyError & { validation?: AjvIssue[] };
  if (fastifyError.validation) {
    return new AppError('VALIDATION_FAILED', {
      details: fieldErrors(fastifyError.validation, fastifyError.validationContext),
    });
  }
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return new AppError(mapped);
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) return new AppError('MALFORMED_JSON');
  return new AppError('INTERNAL_ERROR', { internal: error.message });
}

export function sendError(request: FastifyRequest, reply: FastifyReply, appError: AppError): FastifyReply {
  const body: ErrorBody = {
    error: {
      code: appError.code,
      message: translate(request.locale, `error.${appError.code}`, appError.values),
      requestId: request.id,
      ...(appError.details ? { details: appError.details } : {}),
    },
  };
  if (appError.retryAfterSeconds !== undefined) reply.header('retry-after', String(appError.retryAfterSeconds));
  return reply.status(appError.status).send(body);
}

/**
 * Errors Fastify raises before a route is chosen (`frameworkErrors`): a URL whose percent-encoding
 * does not decode, or a path parameter longer than the router accepts. Without this they leave
 * as Fastify's own JSON, outside the catalogue.
 */
export function frameworkErrorHandler(defaultLocale: Locale) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    // Fastify builds this request without the app's hooks: choose the language here.
    const header = request.headers['accept-language'];
    request.locale = header ? negotiateLocale(header) : defaultLocale;
    const reason = FRAMEWORK_REASONS[error.code];
    const appError = reason
      ? new AppError('VALIDATION_FAILED', { details: [{ field: 'url', reason }], internal: error.message })
      : toAppError(error);
    request.log.info({ code: appError.code, reason: error.code }, 'request refused');
    void sendError(request, reply, appError);
  };
}

const FRAMEWORK_REASONS: Record<string, string> = {
  FST_ERR_BAD_URL: 'encoding',
  FST_ERR_MAX_PARAM_LENGTH: 'maxLength',
};

/**
 * Requests Node's HTTP parser cannot read (a bare CR in a header, a body cut short before its
 * Content-Length, garbage after a body): there is no request yet, so no route and no hooks. The
 * answer still has the catalogue's shape; the connection is closed, as Node does.
 */
export function clientErrorHandler(defaultLocale: Locale) {
  return function answerClientError(
    this: { log: Pick<FastifyBaseLogger, 'info'> },
    error: NodeJS.ErrnoException,
    socket: Duplex,
  ): void {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const requestId = crypto.randomUUID();
    this.log.info({ requestId, reason: error.code }, 'unreadable request refused');
    if (socket.writable) {
      const code: ErrorCode = 'VALIDATION_FAILED';
      const body: ErrorBody = {
        error: {
          code,
          message: translate(defaultLocale, `error.${code}`),
          requestId,
          details: [{ field: 'request', reason: CLIENT_ERROR_REASONS[error.code ?? ''] ?? 'malformed' }],
        },
      };
      const text = JSON.stringify(body);
      socket.write(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(text)}\r\nX-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${text}`,
      );
    }
    socket.destroy();
  };
}

const CLIENT_ERROR_REASONS: Record<string, string> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'timeout',
  HPE_HEADER_OVERFLOW: 'headersTooLarge',
};

export function registerErrorHandling(app: App): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error);
    if (appError.code === 'INTERNAL_ERROR') {
      request.log.error({ err: error }, 'unhandled error');
    } else if (appError.status >= 500) {
      request.log.warn({ code: appError.code, reason: appError.message }, 'request failed');
    } else {
      request.log.info({ code: appError.code }, 'request refused');
    }
    return sendError(request, reply, appError);
  });
}
