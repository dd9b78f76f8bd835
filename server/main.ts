import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { prepareDatabase, seedDemoIfEmpty } from './boot.ts';
import { startJobRunner, type JobRunner } from './jobs/job-runner.ts';
import { backgroundSweeps } from './jobs/sweeps.ts';
import { createMailTransport, type MailTransport } from './mail/transport.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Boot: config → database → app → listen → background jobs. Nothing else. */
export async function startServer(config: Config, print: (text: string) => void): Promise<RunningServer> {
  const database = await prepareDatabase(config, 'pocdir serve');
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let transport: MailTransport | undefined;
  let runner: JobRunner | undefined;
  // Reverse order of opening: no job runs against a closed transport or database.
  const close = async () => {
    await runner?.stop();
    await transport?.close();
    await app?.close();
    await database.close();
  };
  try {
    await seedDemoIfEmpty(config, database, print);
    app = await buildApp({ config, database });
    await app.listen({ port: config.PORT, host: config.HOST });
    if (config.JOBS_ENABLED) {
      const logger = app.log.child({ component: 'jobs' });
      transport = createMailTransport(config, logger);
      runner = await startJobRunner({ config, database, logger, transport, sweeps: backgroundSweeps(config) });
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
    let closing: Promise<void> | undefined;
    return { url, close: () => (closing ??= close()) };
  } catch (error) {
    await close();
    throw error;
  }
}
