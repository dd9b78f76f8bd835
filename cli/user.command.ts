import { isLocale } from '../common/locales.ts';
import { ROLES, type Role } from '../common/roles.ts';
import { CLI_ACTOR } from '../server/auth/actor.ts';
import { prepareDatabase } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import {
  createAccount,
  getAccountByRef,
  listAccounts,
  setAccountDisabled,
} from '../server/modules/accounts/accounts.service.ts';
import { resetSecondFactors } from '../server/modules/mfa/mfa-reset.service.ts';
import { requiredOption, stringOption, UsageError, type Command, type Io, type ParsedArgs } from './command.ts';

const ACTIONS = ['create', 'list', 'disable', 'enable', 'reset-second-factor'] as const;

export const userCommand: Command = {
  name: 'user',
  summary:
    'Manage login accounts as the operator (recorded in the audit trail as "cli").\n' +
    '  create   --email E --name N --role R [--state M49] [--locale L] [--password-stdin]\n' +
    '  list     [--state M49] [--role R] [--json]\n' +
    '  disable  <email|id>     (ends all its sessions)\n' +
    '  enable   <email|id>\n' +
    '  reset-second-factor <email|id>   (lost device: removes its authenticator, keys and recovery codes;\n' +
    '                                    ends its sessions; the next sign-in sets up an authenticator again)',
  usage: 'pocdir user create|list|disable|enable|reset-second-factor [options]',
  options: {
    email: { type: 'string', description: 'E-mail address (create)' },
    name: { type: 'string', description: 'Display name (create)' },
    role: { type: 'string', description: `One of: ${ROLES.join(', ')}` },
    state: { type: 'string', description: 'State M49 code, e.g. 288 (national_authority, point_of_contact)' },
    locale: { type: 'string', description: 'ar, zh, en, fr, ru or es (default en)' },
    'password-stdin': {
      type: 'boolean',
      description: 'Read the password from standard input instead of generating one',
    },
    json: { type: 'boolean', description: 'Print JSON (list)' },
  } as Command['options'],
  async run(args, io) {
    const [action, ref] = args.positionals;
    if (!action || !(ACTIONS as readonly string[]).includes(action)) {
      throw new UsageError(`expected one of: ${ACTIONS.join(', ')}`);
    }
    const database = await prepareDatabase(loadConfig(), `pocdir user ${action}`);
    try {
      const db = database.db;
      if (action === 'create') return await create(db, args, io);
      if (action === 'list') return await list(db, args, io);
      if (!ref) throw new UsageError(`pocdir user ${action} needs an account e-mail or id`);
      const account = await getAccountByRef(db, CLI_ACTOR, ref);
      if (action === 'reset-second-factor') {
        const reset = await resetSecondFactors(db, CLI_ACTOR, account.id, null);
        io.out(
          `${account.email}: authenticator ${reset.totp ? 'removed' : 'none'}, ${reset.securityKeys} security key(s) removed, recovery codes removed, ${reset.revokedSessions} session(s) ended.`,
        );
        return 0;
      }
      const updated = await setAccountDisabled(db, CLI_ACTOR, account.id, action === 'disable', null);
      io.out(`${updated.email} is now ${updated.disabled ? 'disabled (its sessions are ended)' : 'enabled'}.`);
      return 0;
    } finally {
      await database.close();
    }
  },
};

type Db = Awaited<ReturnType<typeof prepareDatabase>>['db'];

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value)) throw new UsageError(`--role must be one of: ${ROLES.join(', ')}`);
  return value as Role;
}

async function create(db: Db, args: ParsedArgs, io: Io): Promise<number> {
  const locale = stringOption(args, 'locale') ?? 'en';
  if (!isLocale(locale)) throw new UsageError('--locale must be one of: ar, zh, en, fr, ru, es');
  const password = args.values['password-stdin'] ? (await io.readStdin()).replace(/\r?\n$/, '') : undefined;
  const state = stringOption(args, 'state');
  const { account, initialPassword } = await createAccount(
    db,
    CLI_ACTOR,
    {
      email: requiredOption(args, 'email'),
      displayName: requiredOption(args, 'name'),
      role: parseRole(requiredOption(args, 'role')),
      ...(state !== undefined ? { stateM49: state.padStart(3, '0') } : {}),
      locale,
    },
    null,
    password !== undefined ? { password } : {},
  );
  io.out(
    `Created ${account.role} ${account.email}${account.stateM49 ? ` (State ${account.stateM49})` : ''}, id ${account.id}.`,
  );
  if (password === undefined)
    io.out(`One-time password (shown once; must be changed at first sign-in): ${initialPassword}`);
  return 0;
}

async function list(db: Db, args: ParsedArgs, io: Io): Promise<number> {
  const role = stringOption(args, 'role');
  const state = stringOption(args, 'state');
  const items = await listAccounts(db, CLI_ACTOR, {
    ...(role !== undefined ? { role: parseRole(role) } : {}),
    ...(state !== undefined ? { stateM49: state.padStart(3, '0') } : {}),
    includeDisabled: true,
  });
  if (args.values.json) {
    io.out(JSON.stringify(items, null, 2));
    return 0;
  }
  if (items.length === 0) {
    io.out('No accounts.');
    return 0;
  }
  const width = Math.max(...items.map((a) => a.email.length));
  for (const a of items) {
    io.out(
      `${a.email.padEnd(width)}  ${a.role.padEnd(18)}  ${(a.stateM49 ?? '-').padEnd(3)}  ${a.disabled ? 'disabled' : 'active'}`,
    );
  }
  return 0;
}
