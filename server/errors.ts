import { ERROR_CATALOGUE, type ErrorCode, type FieldError } from '../common/errors.ts';

/**
 * An error the client may see. Services throw these; the HTTP layer turns them into the
 * catalogue's status and a message in the caller's language. `internal` goes to logs only.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: FieldError[] | undefined;
  /** Text for operators (CLI output, logs); never sent to HTTP clients. */
  readonly hint: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** Values for the ICU message (e.g. { minutes: 15 }). */
  readonly values: Record<string, string | number> | undefined;

  constructor(
    code: ErrorCode,
    options: {
      details?: FieldError[];
      internal?: string;
      hint?: string;
      retryAfterSeconds?: number;
      values?: Record<string, string | number>;
    } = {},
  ) {
    super(options.internal ?? options.hint ?? code);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.details = options.details;
    this.hint = options.hint;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.values = options.values;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
