/**
 * The error catalogue: every error a client can receive, with its HTTP status.
 * Codes are stable API; user messages live in locales/<lang>.json under "error.<CODE>".
 * docs/errors.md is generated from this table and a test keeps them in step.
 */
export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, description: 'The request body, query or parameters are invalid; see details.' },
  MALFORMED_JSON: { status: 400, description: 'The request body is not valid JSON.' },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    description: 'The request body has a content type the route does not accept.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, description: 'The request body is larger than the server accepts.' },
  AUTH_REQUIRED: { status: 401, description: 'No valid session or it has expired: sign in again.' },
  INVALID_CREDENTIALS: { status: 401, description: 'E-mail or password is wrong, or the account is disabled.' },
  LOGIN_THROTTLED: { status: 429, description: 'Too many failed sign-ins for this account or address; retry later.' },
  CSRF_TOKEN_INVALID: {
    status: 403,
    description: 'A cookie-authenticated write lacks the X-CSRF-Token header of its session.',
  },
  FORBIDDEN: { status: 403, description: "The caller's role may not perform this action." },
  PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    description: 'The account still has its one-time password: change it (PUT /api/v1/session/password) first.',
  },
  ROLE_NOT_ASSIGNABLE: { status: 403, description: 'The caller may not create an account with this role.' },
  NOT_FOUND: { status: 404, description: 'The record does not exist or is not visible to the caller.' },
  ROUTE_NOT_FOUND: { status: 404, description: 'No such API route.' },
  STATE_REQUIRED: { status: 400, description: 'This role belongs to one State: stateM49 is required.' },
  STATE_NOT_ALLOWED: { status: 400, description: 'This role belongs to no State: stateM49 must be absent.' },
  UNKNOWN_STATE: { status: 400, description: 'No State has this M49 code.' },
  EMAIL_TAKEN: { status: 409, description: 'An account with this e-mail address already exists.' },
  PASSWORD_TOO_WEAK: { status: 400, description: 'The new password is too short or too common.' },
  CURRENT_PASSWORD_INCORRECT: {
    status: 400,
    description: 'The current password given for a password change is wrong.',
  },
  CANNOT_DISABLE_SELF: { status: 409, description: 'An account cannot disable itself.' },
  DATABASE_NOT_EMPTY: { status: 409, description: 'Demo data goes only into an empty database.' },
  DATA_DIR_LOCKED: { status: 503, description: 'Another pocdir process holds the embedded database (CLI and server).' },
  INTERNAL_ERROR: { status: 500, description: 'An unexpected error; the response carries a request id for the logs.' },
} as const satisfies Record<string, { status: number; description: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;
export const ERROR_CODES = Object.keys(ERROR_CATALOGUE) as ErrorCode[];

/** A field-level problem inside VALIDATION_FAILED. */
export interface FieldError {
  /** JSON pointer-ish path of the field, e.g. "/email". */
  field: string;
  /** Machine reason, e.g. "format", "minLength", "required". */
  reason: string;
}

/** The body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string; details?: FieldError[] };
}
