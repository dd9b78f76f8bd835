import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody, ErrorCode, FieldError } from '../../common/errors.ts';
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

function fieldErrors(issues: AjvIssue[], context: string | undefined): FieldError[] {
  return issues.map((issue) => {
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
