import crypto from 'node:crypto';
import { prepareDatabase } from '../server/boot.ts';
import { loadConfig } from '../server/config.ts';
import { resealSecrets } from '../server/modules/mfa/reseal.ts';
import { UsageError, type Command } from './command.ts';

export const secretKeyCommand: Command = {
  name: 'secret-key',
  summary:
    'The key that seals TOTP secrets (docs/operations.md, "Rotating the secret key").\n' +
    '  generate   print a new random key (32 bytes, base64) for SECRET_KEY\n' +
    '  reseal     seal every secret again under SECRET_KEY, opening old ones with SECRET_KEY_PREVIOUS',
  usage: 'pocdir secret-key generate|reseal',
  options: {},
  async run(args, io) {
    const action = args.positionals[0];
    if (action === 'generate') {
      io.out(crypto.randomBytes(32).toString('base64'));
      return 0;
    }
    if (action !== 'reseal') throw new UsageError('expected: pocdir secret-key generate|reseal');
    const config = loadConfig();
    const database = await prepareDatabase(config, 'pocdir secret-key reseal');
    try {
      const { checked, resealed } = await resealSecrets(database.db, config);
      io.out(
        `${resealed} of ${checked} authenticator secrets sealed again under SECRET_KEY. ` +
          (config.SECRET_KEY_PREVIOUS ? 'SECRET_KEY_PREVIOUS can now be removed.' : ''),
      );
      return 0;
    } finally {
      await database.close();
    }
  },
};
