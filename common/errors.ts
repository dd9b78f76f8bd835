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
  SECOND_FACTOR_REQUIRED: {
    status: 401,
    description:
      'The password was right; finish signing in with a second factor (POST /api/v1/session/second-factor/…).',
  },
  SECOND_FACTOR_INVALID: {
    status: 401,
    description: 'The authenticator code, recovery code or security key answer was wrong, used already or expired.',
  },
  SECOND_FACTOR_THROTTLED: {
    status: 429,
    description: 'Too many wrong second-factor attempts for this account; retry later.',
  },
  SECOND_FACTOR_NOT_PENDING: {
    status: 409,
    description: 'This session is not waiting for a second factor.',
  },
  MFA_ENROLMENT_REQUIRED: {
    status: 403,
    description: 'The role requires an authenticator app (TOTP): set one up (POST /api/v1/mfa/totp) first.',
  },
  TOTP_REQUIRED_FOR_ROLE: {
    status: 409,
    description: 'Directory managers and national authorities must keep an authenticator app; replace it instead.',
  },
  TOTP_NOT_STARTED: { status: 409, description: 'No authenticator set-up is in progress: start one first.' },
  WEBAUTHN_FAILED: {
    status: 400,
    description: 'The security key or passkey answer could not be verified (wrong key, origin or challenge).',
  },
  API_TOKEN_INVALID: { status: 401, description: 'The API token is unknown, expired or revoked.' },
  TOKEN_SCOPE_MISSING: {
    status: 403,
    description: "The API token's scopes do not include this action, or the action needs a signed-in session.",
  },
  TOKEN_SCOPE_NOT_ALLOWED: {
    status: 400,
    description: "A requested scope is not one of the account's permissions or cannot be given to a token.",
  },
  TOO_MANY_ATTEMPTS: {
    status: 429,
    description: 'Too many failed attempts from this address (API tokens, single-use links); retry later.',
  },
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
  ACCOUNT_PSEUDONYMISED: {
    status: 409,
    description: "The account's personal data was pseudonymised: it cannot be enabled again; create a new account.",
  },
  CANNOT_DISABLE_SELF: { status: 409, description: 'An account cannot disable itself.' },
  INVALID_TRANSITION: {
    status: 409,
    description: 'The record is not in a state that allows this action (e.g. approving a rejected nomination).',
  },
  NOMINATION_TARGET_REQUIRED: {
    status: 400,
    description: 'An update, replacement or removal names the entry it changes (targetEntryId).',
  },
  NOMINATION_TARGET_NOT_ALLOWED: { status: 400, description: 'A new nomination names no existing entry.' },
  NOMINATION_DETAILS_REQUIRED: {
    status: 400,
    description: 'A new nomination, update or replacement carries the contact details.',
  },
  NOMINATION_DETAILS_NOT_ALLOWED: { status: 400, description: 'A removal carries no contact details.' },
  NOMINATION_ALREADY_OPEN: {
    status: 409,
    description: 'Another nomination for this entry is still open; finish or withdraw it first.',
  },
  ENTRY_RETIRED: { status: 409, description: 'The entry is retired; nominate a new contact instead.' },
  ENTRY_NOT_RETIRED: {
    status: 409,
    description: 'Only a retired entry can be pseudonymised; request its removal first.',
  },
  ENTRY_ALREADY_PSEUDONYMISED: {
    status: 409,
    description: "The entry's personal data has already been pseudonymised; nothing more to do.",
  },
  KIND_MISMATCH: { status: 400, description: 'An update or replacement keeps the kind and slot of its entry.' },
  PGP_KEY_INVALID: {
    status: 400,
    description: 'The OpenPGP key does not parse, has no encryption-capable subkey, or has expired.',
  },
  NOTE_VERBALE_DATE_INVALID: {
    status: 400,
    description: 'The note verbale date is not a real calendar date or lies in the future.',
  },
  ACCEPTANCE_TOKEN_INVALID: {
    status: 410,
    description: 'The acceptance link is unknown, already used or expired; ask your national authority to resend it.',
  },
  DOCUMENT_NOT_PDF: { status: 400, description: 'The note verbale document must be a PDF file.' },
  RECIPIENT_UNKNOWN: {
    status: 400,
    description:
      'An addressed State has no active point of contact of that kind, or a named entry is not in that State.',
  },
  TLP_RELEASE_REFUSED: {
    status: 403,
    description:
      'The TLP label does not allow this: forwarding or exporting it beyond its recipients, or a reply less strict than what it answers.',
  },
  THREAD_CLOSED: { status: 409, description: 'The thread was closed by its sender; nothing more can be added.' },
  ACKNOWLEDGEMENT_LINK_INVALID: {
    status: 410,
    description: 'The acknowledgement link is unknown, already used or expired.',
  },
  PING_NO_TARGETS: {
    status: 400,
    description: 'The ping test targets no active contact (check the States, groups and kinds chosen).',
  },
  PING_CHECK_CLOSED: {
    status: 409,
    description: 'This ping test check has closed: acknowledgements are no longer recorded.',
  },
  PDF_UNAVAILABLE: {
    status: 503,
    description:
      'The PDF export could not be rendered on this server (Chromium missing or failing); the JSON export works.',
  },
  IMPORT_INVALID: {
    status: 400,
    description: 'The CSV import has invalid rows; nothing was applied. Details list each row and field.',
  },
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
