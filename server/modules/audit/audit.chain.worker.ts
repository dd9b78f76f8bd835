import { parentPort } from 'node:worker_threads';
import { chainStart, checkChainRows, parseChainPage, type PageVerdict } from './audit.chain.ts';

/**
 * The worker side of audit.chain-thread.ts: receives the chain's pages in order, as the JSON text
 * the database wrote, and answers each with where the walk stands and the first break, if any.
 * Parsing and hashing run here while the main thread reads the next page.
 */
const port = parentPort;
if (!port) throw new Error('audit.chain.worker.ts runs only as a worker thread');
const cursor = chainStart();
port.on('message', (json: string) => {
  const broken = checkChainRows(cursor, parseChainPage(json));
  const verdict: PageVerdict = { cursor, broken };
  port.postMessage(verdict);
});
