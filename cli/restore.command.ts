import { loadConfig } from '../server/config.ts';
import { assertSameSchema, readBackupHeader, restoreDatabase } from '../server/db/restore.ts';
import { fileArgument, openForMaintenance, progressLine, reportBackupError } from './backup.command.ts';
import type { Command } from './command.ts';

export const restoreCommand: Command = {
  name: 'restore',
  summary:
    'Load a backup into an empty database, all or nothing, checking every table against its SHA-256.\n' +
    'Either way between the embedded database and PostgreSQL. The backup must come from the same schema\n' +
    '(same newest migration) as this pocdir. Afterwards: pocdir audit verify (see docs/operations.md).',
  usage: 'pocdir restore FILE [--json]',
  options: { json: { type: 'boolean', description: 'Print the summary as JSON' } } as Command['options'],
  async run(args, io) {
    const file = fileArgument(args, 'restore');
    try {
      // A file that is not a backup, or one of another schema, is refused before any database is opened.
      assertSameSchema(await readBackupHeader(file));
    } catch (error) {
      return reportBackupError('restore', error, io);
    }
    const database = await openForMaintenance(loadConfig(), 'restore');
    const progress = progressLine(io, !args.values.json);
    try {
      const { header, rows } = await restoreDatabase(database, file, (p) => progress.update(p));
      progress.finish();
      if (args.values.json) {
        io.out(JSON.stringify({ file, rows, verified: true, ...header }));
      } else {
        io.out(
          `Restored ${file} into the ${database.kind} database: ${header.tables.length} tables, ` +
            `${rows.toLocaleString('en')} rows, every table's SHA-256 verified ` +
            `(backup of ${header.createdAt} by pocdir ${header.pocdirVersion}).`,
        );
        io.out('Next: pocdir audit verify. Copy the secret key (SECRET_KEY or DATA_DIR/secret.key) if TOTP is in use.');
      }
      return 0;
    } catch (error) {
      progress.finish();
      return reportBackupError('restore', error, io);
    } finally {
      await database.close();
    }
  },
};
