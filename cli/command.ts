import { parseArgs, type ParseArgsConfig } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** One CLI verb. `run` returns the process exit code. */
export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: Options;
  run(args: ParsedArgs, io: Io): Promise<number>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Writes to standard error without a newline: a progress line redrawn with '\r' on a terminal. */
  errInline: (text: string) => void;
  /** Reads all of standard input (for --password-stdin). */
  readStdin: () => Promise<string>;
  isTty: boolean;
}

export class UsageError extends Error {}

export function parse(command: Command, argv: string[]): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    return { values, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function helpText(command: Command): string {
  const lines = Object.entries(command.options).map(([name, option]) => {
    const flag = `--${name}${option.type === 'string' ? ' <value>' : ''}`;
    const description = (option as { description?: string }).description ?? '';
    return `  ${flag.padEnd(28)} ${description}`;
  });
  return [
    `Usage: ${command.usage}`,
    '',
    command.summary,
    '',
    'Options:',
    ...lines,
    `  ${'--help, -h'.padEnd(28)} Show this help`,
    '',
  ].join('\n');
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

export function requiredOption(args: ParsedArgs, name: string): string {
  const value = stringOption(args, name);
  if (value === undefined || value === '') throw new UsageError(`--${name} is required`);
  return value;
}
