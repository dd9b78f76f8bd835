import path from 'node:path';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../common/locales.ts';

/**
 * The one place that reads the environment. Every variable is declared here with its
 * description and default; docs/configuration.md is checked against this table by a test.
 */
type Parser<T> = (raw: string) => T;

interface Variable<T> {
  description: string;
  /** Shown in docs; undefined means "not set". */
  default: string | undefined;
  parse: Parser<T>;
  secret?: boolean;
}

class ConfigValueError extends Error {}

const integer =
  (min: number, max: number): Parser<number> =>
  (raw) => {
    if (!/^\d+$/.test(raw)) throw new ConfigValueError(`must be a whole number between ${min} and ${max}`);
    const n = Number(raw);
    if (n < min || n > max) throw new ConfigValueError(`must be between ${min} and ${max}`);
    return n;
  };

const boolean: Parser<boolean> = (raw) => {
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  throw new ConfigValueError('must be true or false');
};

const oneOf =
  <T extends string>(values: readonly T[]): Parser<T> =>
  (raw) => {
    if ((values as readonly string[]).includes(raw)) return raw as T;
    throw new ConfigValueError(`must be one of: ${values.join(', ')}`);
  };

const text: Parser<string> = (raw) => raw;

const postgresUrl: Parser<string | undefined> = (raw) => {
  if (raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigValueError('must be a URL such as postgres://user:password@host:5432/pocdir');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigValueError('must start with postgres:// or postgresql://');
  }
  return raw;
};

const secretKey: Parser<string | undefined> = (raw) => {
  if (raw === '') return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw) || Buffer.from(raw, 'base64').length !== 32) {
    throw new ConfigValueError('must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)');
  }
  return raw;
};

const httpUrl: Parser<string> = (raw) => {
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw.replace(/\/$/, '');
  } catch {
    /* fall through to the error below */
  }
  throw new ConfigValueError('must be an http:// or https:// URL');
};

/** smtp:// or smtps:// URL; empty means "no SMTP server: write each mail as a file". */
const smtpUrl: Parser<string | undefined> = (raw) => {
  if (raw === '') return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol === 'smtp:' || url.protocol === 'smtps:') return raw;
  } catch {
    /* fall through to the error below */
  }
  throw new ConfigValueError('must be a URL such as smtp://user:password@mail.example.org:587 or smtps://…:465');
};

const mailAddress: Parser<string> = (raw) => {
  if (/^[^\s@<>]+@[^\s@<>]+$/.test(raw) || /^[^<>]*<[^\s@<>]+@[^\s@<>]+>$/.test(raw)) return raw;
  throw new ConfigValueError('must be an e-mail address, optionally as "Name <address>"');
};

const locale: Parser<Locale> = (raw) => {
  if (isLocale(raw)) return raw;
  throw new ConfigValueError('must be one of: ar, zh, en, fr, ru, es');
};

export const CONFIG_VARIABLES = {
  PORT: { description: 'TCP port of the web UI and API.', default: '8080', parse: integer(0, 65535) },
  HOST: {
    description: 'Address to listen on. Keep 127.0.0.1 behind a reverse proxy.',
    default: '127.0.0.1',
    parse: text,
  },
  PUBLIC_URL: {
    description:
      'The URL users reach pocdir at (used in links, and its host name is the WebAuthn relying party: a name, not an IP address). https:// makes session cookies Secure and turns on HSTS. Unset, it follows PORT.',
    default: 'http://localhost:8080',
    parse: httpUrl,
  },
  DATABASE_URL: {
    description: 'PostgreSQL connection URL. When unset, pocdir uses the embedded database in DATA_DIR.',
    default: undefined,
    parse: postgresUrl,
    secret: true,
  },
  DATA_DIR: {
    description: 'Directory for the embedded database and its lock file.',
    default: './var',
    parse: (raw: string) => path.resolve(raw),
  },
  LOG_LEVEL: {
    description: 'pino log level.',
    default: 'info',
    parse: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
  },
  TRUST_PROXY: {
    description: 'Trust X-Forwarded-* headers from a reverse proxy (needed for client addresses and TLS detection).',
    default: 'false',
    parse: boolean,
  },
  SESSION_IDLE_MINUTES: {
    description: 'A session unused for this long expires.',
    default: '120',
    parse: integer(5, 7 * 24 * 60),
  },
  SESSION_MAX_HOURS: {
    description: 'A session expires this long after sign-in, used or not.',
    default: '12',
    parse: integer(1, 24 * 30),
  },
  LOGIN_MAX_FAILURES: {
    description: 'Failed sign-ins allowed per account and per client address within LOGIN_LOCK_MINUTES.',
    default: '5',
    parse: integer(1, 1000),
  },
  SECRET_KEY: {
    description:
      'Key that seals TOTP secrets in the database (32 bytes, base64). Unset, pocdir creates DATA_DIR/secret.key (mode 0600) once and uses it. Every server process of one database needs the same key; back it up apart from database backups.',
    default: undefined,
    parse: secretKey,
    secret: true,
  },
  SECRET_KEY_PREVIOUS: {
    description:
      'During a key rotation only: the key being replaced, so secrets sealed with it still open until `pocdir secret-key reseal` has sealed them again under SECRET_KEY (see docs/operations.md).',
    default: undefined,
    parse: secretKey,
    secret: true,
  },
  LOGIN_LOCK_MINUTES: {
    description: 'How long sign-in stays refused after too many failures.',
    default: '15',
    parse: integer(1, 24 * 60),
  },
  DEFAULT_LOCALE: { description: 'Language for visitors with no preference.', default: DEFAULT_LOCALE, parse: locale },
  DEMO_DATA: {
    description: 'Seed demo States accounts on first start into an empty database. Turn off in production.',
    default: 'true',
    parse: boolean,
  },
  BODY_LIMIT_BYTES: {
    description: 'Largest request body accepted.',
    default: '1048576',
    parse: integer(1024, 100 * 1024 * 1024),
  },
  SMTP_URL: {
    description:
      'Outgoing mail server (smtp:// or smtps://, credentials in the URL). When unset, each mail is written as an .eml file under DATA_DIR/mail.',
    default: undefined,
    parse: smtpUrl,
    secret: true,
  },
  SMTP_POOL_SIZE: {
    description: 'Connections kept open to the mail server.',
    default: '5',
    parse: integer(1, 50),
  },
  MAIL_FROM: {
    description: 'Sender of every mail pocdir sends.',
    default: 'pocdir <no-reply@pocdir.invalid>',
    parse: mailAddress,
  },
  MAIL_MAX_ATTEMPTS: {
    description: 'Attempts per outgoing mail before it is marked failed (retries back off exponentially).',
    default: '8',
    parse: integer(1, 50),
  },
  MAIL_LEASE_SECONDS: {
    description:
      "How long a dispatcher holds the mails it claimed before another may take them (a crashed process's mails go out after this on PostgreSQL; the embedded database hands them back at start).",
    default: '300',
    parse: integer(5, 3600),
  },
  JOBS_ENABLED: {
    description: 'Run background jobs (mail dispatch, reminders) in this server process.',
    default: 'true',
    parse: boolean,
  },
  JOBS_SWEEP_SECONDS: {
    description: 'How often the reminder sweep and the outbox catch-up run, in seconds.',
    default: '60',
    parse: integer(1, 3600),
  },
  ACK_HOURS_URGENT: {
    description: 'Hours a recipient State has to acknowledge an urgent communication before reminders and escalation.',
    default: '2',
    parse: integer(1, 24 * 30),
  },
  ACK_HOURS_HIGH: {
    description: 'Hours to acknowledge a high-urgency communication.',
    default: '24',
    parse: integer(1, 24 * 30),
  },
  ACK_HOURS_NORMAL: {
    description: 'Hours to acknowledge a normal communication.',
    default: '72',
    parse: integer(1, 24 * 30),
  },
  ACK_HOURS_LOW: {
    description: 'Hours to acknowledge a low-urgency communication.',
    default: '168',
    parse: integer(1, 24 * 60),
  },
  ACK_LINK_DAYS: {
    description: 'Days the single-use "acknowledge receipt" link in a communication e-mail stays valid.',
    default: '14',
    parse: integer(1, 90),
  },
  RECONFIRM_CADENCE_DAYS: {
    description:
      'Each entry must be re-confirmed as still valid this often (365: yearly, OSCE practice; 90: quarterly, OAS practice). Past it the entry is stale.',
    default: '365',
    parse: integer(7, 3650),
  },
  RECONFIRM_REMINDER_DAYS: {
    description: 'National authorities are reminded this many days before an entry becomes stale.',
    default: '30',
    parse: integer(0, 365),
  },
  PGP_EXPIRY_WARNING_DAYS: {
    description: 'An OpenPGP key is flagged "expiring" (and its State reminded) this many days before it expires.',
    default: '30',
    parse: integer(0, 365),
  },
  ACCEPTANCE_LINK_DAYS: {
    description: 'A nominee has this many days to accept by the link in the e-mail.',
    default: '14',
    parse: integer(1, 90),
  },
} as const satisfies Record<string, Variable<unknown>>;

type Variables = typeof CONFIG_VARIABLES;
export type Config = { [K in keyof Variables]: ReturnType<Variables[K]['parse']> };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses the environment once. Throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(CONFIG_VARIABLES) as [string, Variable<unknown>][]) {
    const raw = env[name] ?? variable.default;
    if (raw === undefined) {
      out[name] = undefined;
      continue;
    }
    try {
      out[name] = variable.parse(raw.trim());
    } catch (error) {
      if (!(error instanceof ConfigValueError)) throw error;
      const shown = variable.secret ? '(hidden)' : JSON.stringify(raw);
      problems.push(`${name}=${shown} ${error.message}. ${variable.description}`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // `PORT=9000 npm start` must not mail links to :8080.
  if (env.PUBLIC_URL === undefined && typeof out.PORT === 'number' && out.PORT !== 0) {
    out.PUBLIC_URL = `http://localhost:${out.PORT}`;
  }
  return out as Config;
}

/** For tests: a complete config with overrides, never touching process.env. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  // The PostgreSQL run of the suite (npm run test:pg) sets DATABASE_URL; the default run is embedded.
  const base = loadConfig({
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
    DATABASE_URL: process.env.DATABASE_URL,
    SECRET_KEY: process.env.SECRET_KEY,
  });
  return { ...base, ...overrides };
}

export function usesEmbeddedDatabase(config: Config): boolean {
  return config.DATABASE_URL === undefined;
}

/** The environment for a child `pocdir` process (tests, e2e): this one's, with overrides. */
export function childProcessEnvironment(overrides: Record<string, string>): Record<string, string | undefined> {
  return { ...process.env, ...overrides };
}
