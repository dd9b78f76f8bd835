import { loadConfig } from '../server/config.ts';
import { prepareDatabase } from '../server/boot.ts';
import { formatDemoLogins, seedDemo } from '../server/demo/demo-seed.ts';
import type { Command } from './command.ts';

export const seedDemoCommand: Command = {
  name: 'seed-demo',
  summary: 'Seed demo accounts and directory entries into an empty database and print their logins once.',
  usage: 'pocdir seed-demo',
  options: {},
  async run(_args, io) {
    const config = loadConfig();
    const database = await prepareDatabase(config, 'pocdir seed-demo');
    try {
      io.out(formatDemoLogins(await seedDemo(database.db, config)));
      return 0;
    } finally {
      await database.close();
    }
  },
};
