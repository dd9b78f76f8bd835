import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { projectPath, RUNNING_FROM_BUNDLE } from '../../project-root.ts';
import type { ChainChecker, PageVerdict } from './audit.chain.ts';

/**
 * A worker thread does not inherit the TypeScript loader of the main thread (tsx registered by
 * bin/pocdir.mjs, or vitest's), so the worker loads its TypeScript through tsx itself: plain
 * JavaScript run as a script, with absolute URLs, since nothing in the worker can resolve packages or
 * read TypeScript before it runs. Built when needed, so that importing this module resolves nothing.
 */
function workerBootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = pathToFileURL(projectPath('server', 'modules', 'audit', 'audit.chain.worker.ts')).href;
  return `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}));`;
}

/**
 * From the bundle, the worker is the bundle's second entry, in dist/server (bin/server-bundle.mjs);
 * this code is then in the entry or, when loaded lazily, in one of its chunks (dist/server/chunks).
 */
function newWorker(): Worker {
  const bundleDir = new URL(import.meta.url.includes('/chunks/') ? '..' : '.', import.meta.url);
  if (RUNNING_FROM_BUNDLE) return new Worker(new URL('audit-chain-worker.mjs', bundleDir));
  return new Worker(workerBootstrap(), { eval: true });
}

/**
 * Checks pages in a worker thread (audit.chain.worker.ts), so that on two cores the main thread reads
 * page k+1 from the database (the embedded one runs in the main thread) while page k is parsed and
 * hashed. The worker walks the pages in the order they are sent and answers in that order.
 */
export function threadChainChecker(): ChainChecker {
  const worker = newWorker();
  const waiting: { resolve: (verdict: PageVerdict) => void; reject: (error: Error) => void }[] = [];
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure ??= error;
    for (const waiter of waiting.splice(0)) waiter.reject(failure);
  };
  worker.on('message', (verdict: PageVerdict) => waiting.shift()?.resolve(verdict));
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the audit chain worker stopped (exit code ${code})`)));
  return {
    check: (json) =>
      new Promise<PageVerdict>((resolve, reject) => {
        if (failure) return reject(failure);
        waiting.push({ resolve, reject });
        worker.postMessage(json);
      }),
    close: async () => {
      failAll(new Error('the audit chain worker was closed'));
      await worker.terminate();
    },
  };
}
