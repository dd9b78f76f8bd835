#!/usr/bin/env node
// The `pocdir` command: from the compiled bundle in dist/server when it is newer than every source
// (`npm start` builds it: bin/build-server.mjs), else from the TypeScript sources through tsx's
// loader, so an edited source always runs as written (see docs/ARCHITECTURE.md, "How the server runs").
import { freshBundleEntry } from './server-bundle.mjs';

const bundle = process.env.POCDIR_FROM_SOURCES === '1' ? undefined : freshBundleEntry();
let main;
if (bundle) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
