import { helpText, parse, UsageError, type Command, type Io } from './command.ts';
import { reportFailure } from './report-failure.ts';

// Each command is loaded only when it runs, with only what it needs: `pocdir audit verify` does not
// load the web server (with the bundle's code splitting, its start is ~half: P6 in docs/performance.md).
const COMMANDS: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.command.ts')).serveCommand,
  migrate: async () => (await import('./migrate.command.ts')).migrateCommand,
  'seed-demo': async () => (await import('./seed-demo.command.ts')).seedDemoCommand,
  user: async () => (await import('./user.command.ts')).userCommand,
  directory: async () => (await import('./directory.command.ts')).directoryCommand,
  communications: async () => (await import('./communications.command.ts')).communicationsCommand,
  'ping-test': async () => (await import('./ping-test.command.ts')).pingTestCommand,
  audit: async () => (await import('./audit.command.ts')).auditCommand,
  backup: async () => (await import('./backup.command.ts')).backupCommand,
  restore: async () => (await import('./restore.command.ts')).restoreCommand,
  'secret-key': async () => (await import('./secret-key.command.ts')).secretKeyCommand,
  openapi: async () => (await import('./openapi.command.ts')).openapiCommand,
};

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

async function topLevelHelp(): Promise<string> {
  const commands = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  return [
    'pocdir: the Global Intergovernmental Points of Contact Directory',
    '',
    'Usage: pocdir <command> [options]    (pocdir <command> --help for details)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(14)} ${c.summary.split('\n')[0]}`),
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
    io.out(await topLevelHelp());
    return name ? EXIT.ok : EXIT.usage;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`pocdir: unknown command "${name}".\n\n${await topLevelHelp()}`);
    return EXIT.usage;
  }
  const command = await load();
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
