import { loadConfig } from '../server/config.ts';
import { startServer } from '../server/main.ts';
import { buildWebIfStale } from './web-build.ts';
import type { Command } from './command.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary:
    'Start the web UI and API (migrations applied; demo data seeded into an empty database when DEMO_DATA=true).',
  usage: 'pocdir serve [--build-web-if-needed]',
  options: {
    'build-web-if-needed': {
      type: 'boolean',
      description: 'Build the web UI first when web/dist is missing or older than its sources',
    },
  } as Command['options'],
  async run(args, io) {
    const config = loadConfig();
    if (args.values['build-web-if-needed']) await buildWebIfStale(io);
    const server = await startServer(config, io.out);
    io.out(
      `pocdir is ready on ${server.url} (database: ${config.DATABASE_URL ? 'PostgreSQL' : `embedded, ${config.DATA_DIR}`})`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        io.out('Shutting down…');
        void server.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};
