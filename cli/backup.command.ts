import path from 'node:path';
import { loadConfig, type Config } from '../server/config.ts';
import { backupDatabase, BackupError, type Progress } from '../server/db/backup.ts';
import { openDatabase, type Database } from '../server/db/client.ts';
import { AppError, isAppError } from '../server/errors.ts';
import { UsageError, type Command, type Io, type ParsedArgs } from './command.ts';

const VERBS: Record<Progress['phase'], string> = { backup: 'Backing up', restore: 'Restoring', verify: 'Verifying' };

/** Rows done of the table's total, redrawn on one line of a terminal's standard error; nothing otherwise. */
export function progressLine(io: Io, enabled: boolean) {
  let shown = false;
  return {
    update(p: Progress) {
      if (!enabled || !io.isTty) return;
      shown = true;
      io.errInline(
        `\r${VERBS[p.phase]} ${p.table}: ${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')} rows\u001b[K`,
      );
    },
    finish() {
      if (shown) io.errInline('\r\u001b[K');
    },
  };
}

/** The one FILE argument of `pocdir backup|restore FILE`. */
export function fileArgument(args: ParsedArgs, verb: string): string {
  const [file, ...extra] = args.positionals;
  if (!file || extra.length > 0) throw new UsageError(`expected: pocdir ${verb} FILE`);
  return path.resolve(file);
}

/**
 * Opens the database without migrating it. On the embedded database a running server holds the
 * lock, and PGlite must never be opened twice: say what to do instead.
 */
export async function openForMaintenance(config: Config, verb: string): Promise<Database> {
  try {
    return await openDatabase(config, { holder: `pocdir ${verb}` });
  } catch (error) {
    if (!isAppError(error) || error.code !== 'DATA_DIR_LOCKED') throw error;
    throw new AppError('DATA_DIR_LOCKED', {
      internal: error.message,
      hint:
        `${error.hint ?? error.message}\nThe embedded database can only be ${verb === 'backup' ? 'backed up' : 'restored'} ` +
        'while no other process uses it: stop the server first, then run this command again. ' +
        '(On PostgreSQL, pocdir backup runs while the server is up.)',
    });
  }
}

/** Backup and restore problems are the operator's to fix: one clear line, exit code 1. */
export function reportBackupError(verb: string, error: unknown, io: Io): number {
  if (error instanceof BackupError) {
    io.err(`pocdir ${verb}: ${error.message}`);
    return 1;
  }
  const err = error as NodeJS.ErrnoException;
  if (err.syscall && err.path) {
    io.err(`pocdir ${verb}: cannot ${err.syscall} ${err.path} (${err.code ?? err.message}).`);
    return 1;
  }
  throw error;
}

const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} kB`;

export const backupCommand: Command = {
  name: 'backup',
  summary:
    "Write the whole database to FILE: one consistent snapshot, gzip'd JSON lines, a SHA-256 per table.\n" +
    'FILE gets mode 0600: it holds personal data and password hashes. Embedded database: stop the server\n' +
    'first; PostgreSQL: runs while the server is up. Not in it: background jobs, DATA_DIR/mail, the secret\n' +
    'key (see docs/operations.md).',
  usage: 'pocdir backup FILE [--json]',
  options: { json: { type: 'boolean', description: 'Print the summary as JSON' } } as Command['options'],
  async run(args, io) {
    const file = fileArgument(args, 'backup');
    const database = await openForMaintenance(loadConfig(), 'backup');
    const progress = progressLine(io, !args.values.json);
    try {
      const backup = await backupDatabase(database, file, (p) => progress.update(p));
      progress.finish();
      const rows = backup.tables.reduce((sum, t) => sum + t.rows, 0);
      if (args.values.json) {
        io.out(JSON.stringify({ file, rows, ...backup }));
      } else {
        io.out(
          `Backup written to ${file}: ${backup.tables.length} tables, ${rows.toLocaleString('en')} rows, ` +
            `${formatBytes(backup.bytes)} (${database.kind} database, pocdir ${backup.pocdirVersion}, migration ${backup.migration.tag}).`,
        );
        io.out('It holds personal data and password hashes: keep it as safe as the database.');
      }
      return 0;
    } catch (error) {
      progress.finish();
      return reportBackupError('backup', error, io);
    } finally {
      await database.close();
    }
  },
};
