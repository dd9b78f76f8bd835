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
    // Listening before the start: a signal while migrations run or the job queue starts (the API may
    // already answer) stops the server once it has started, rather than killing it mid-write.
    const stopRequested = firstStopSignal();
    const server = await startServer(config, io.out);
    io.out(
      `pocdir is ready on ${server.url} (database: ${config.DATABASE_URL ? 'PostgreSQL' : `embedded, ${config.DATA_DIR}`})`,
    );
    await stopRequested;
    io.out('Shutting down…');
    await server.close();
    return 0;
  },
};

/**
 * Resolves at the first SIGINT or SIGTERM. `npm start` execs the server and npm passes signals on, so
 * one Ctrl-C arrives twice, from the terminal and from npm: that echo is ignored, and one more signal
 * stops the process at once.
 */
function firstStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals === 1) resolve();
      if (signals <= 2) return;
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
      process.kill(process.pid, signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
