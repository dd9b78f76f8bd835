import { ConfigError } from '../server/config.ts';
import { isAppError } from '../server/errors.ts';
import { translate } from '../server/i18n.ts';
import type { Io } from './command.ts';

/** Prints a failure as an operator can act on it: the catalogue code, the message and any hint. */
export function reportFailure(commandName: string, error: unknown, io: Io): void {
  if (error instanceof ConfigError) {
    io.err(`pocdir ${commandName}: ${error.message}\nSee docs/configuration.md.`);
    return;
  }
  if (isAppError(error)) {
    const details = error.details?.map((d) => `  ${d.field}: ${d.reason}`).join('\n');
    io.err(
      [
        `pocdir ${commandName}: ${error.code}: ${translate('en', `error.${error.code}`, error.values)}`,
        error.hint,
        details,
      ]
        .filter(Boolean)
        .join('\n'),
    );
    return;
  }
  const err = error as NodeJS.ErrnoException;
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || err.code === '28P01' || err.code === '3D000') {
    io.err(`pocdir ${commandName}: cannot use the PostgreSQL database in DATABASE_URL: ${err.message}`);
    return;
  }
  if (err.code === 'EADDRINUSE') {
    io.err(`pocdir ${commandName}: the port is already in use (${err.message}). Set PORT to another port.`);
    return;
  }
  io.err(`pocdir ${commandName}: unexpected error: ${err.stack ?? String(error)}`);
}
