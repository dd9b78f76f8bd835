import { loadConfig } from '../server/config.ts';
import { prepareDatabase } from '../server/boot.ts';
import type { Command } from './command.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations and refresh the States reference data.',
  usage: 'pocdir migrate',
  options: {},
  async run(_args, io) {
    const config = loadConfig();
    const database = await prepareDatabase(config, 'pocdir migrate');
    await database.close();
    io.out(`Migrations applied (${database.kind} database).`);
    return 0;
  },
};
