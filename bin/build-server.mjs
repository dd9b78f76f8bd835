#!/usr/bin/env node
// `npm start` runs this first: compiles the server and CLI into dist/server when a source changed
// since the last build (bin/server-bundle.mjs). `--if-stale` skips a fresh bundle in a few ms.
import { performance } from 'node:perf_hooks';
import { buildBundle, freshBundleEntry } from './server-bundle.mjs';

if (process.argv.includes('--if-stale') && freshBundleEntry()) process.exit(0);
const started = performance.now();
try {
  await buildBundle();
  console.error(`Compiled the server into dist/server in ${Math.round(performance.now() - started)} ms.`);
} catch (error) {
  // The sources still run through tsx (bin/pocdir.mjs): a failed build costs start time, not the start.
  console.error(`Could not compile the server (it will run from its sources): ${error.message}`);
}
