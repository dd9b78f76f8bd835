import { auditCommand } from './audit.command.ts';
import { backupCommand } from './backup.command.ts';
import { communicationsCommand } from './communications.command.ts';
import { directoryCommand } from './directory.command.ts';
import { helpText, parse, UsageError, type Command, type Io } from './command.ts';
import { migrateCommand } from './migrate.command.ts';
import { openapiCommand } from './openapi.command.ts';
import { pingTestCommand } from './ping-test.command.ts';
import { restoreCommand } from './restore.command.ts';
import { secretKeyCommand } from './secret-key.command.ts';
import { seedDemoCommand } from './seed-demo.command.ts';
import { serveCommand } from './serve.command.ts';
import { userCommand } from './user.command.ts';
import { reportFailure } from './report-failure.ts';

const COMMANDS: Command[] = [
  serveCommand,
  migrateCommand,
  seedDemoCommand,
  userCommand,
  directoryCommand,
  communicationsCommand,
  pingTestCommand,
  auditCommand,
  backupCommand,
  restoreCommand,
  secretKeyCommand,
  openapiCommand,
];

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

function topLevelHelp(): string {
  return [
    'pocdir: the Global Intergovernmental Points of Contact Directory',
    '',
    'Usage: pocdir <command> [options]    (pocdir <command> --help for details)',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary.split('\n')[0]}`),
    '',
    'Configuration comes from the environment (see docs/configuration.md); DATABASE_URL selects PostgreSQL.',
    '',
  ].join('\n');
}

export const stdio: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  errInline: (text) => process.stderr.write(text),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  isTty: Boolean(process.stderr.isTTY),
};

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 failure, 2 usage error. */
export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(topLevelHelp());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`pocdir: unknown command "${name}".\n\n${topLevelHelp()}`);
    return EXIT.usage;
  }
  try {
    const args = parse(command, rest);
    if (args.values.help) {
      io.out(helpText(command));
      return EXIT.ok;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`pocdir ${command.name}: ${error.message}\n\n${helpText(command)}`);
      return EXIT.usage;
    }
    reportFailure(command.name, error, io);
    return EXIT.failure;
  }
}
