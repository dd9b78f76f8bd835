import type { Config } from './config.ts';
import { buildApp } from './app.ts';
import { prepareDatabase, seedDemoIfEmpty } from './boot.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Boot: config → database → app → listen. Nothing else. */
export async function startServer(config: Config, print: (text: string) => void): Promise<RunningServer> {
  const database = await prepareDatabase(config, 'pocdir serve');
  let closed = false;
  try {
    await seedDemoIfEmpty(config, database, print);
    const app = await buildApp({ config, database });
    await app.listen({ port: config.PORT, host: config.HOST });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    const url = `http://${config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST}:${port}`;
    return {
      url,
      close: async () => {
        if (closed) return;
        closed = true;
        await app.close();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}
