// Baseline for P1: a bare Fastify hello world, the ceiling of requests/s any route of ours can reach
// on this machine in this run. Same Fastify version and the same logger level as pocdir.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
app.get('/api/v1/health', async () => ({ ok: true }));
await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
const stop = () => void app.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
