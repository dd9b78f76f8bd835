#!/usr/bin/env node
// The `pocdir` command. TypeScript runs through tsx's loader: no build step for the server or CLI
// (see docs/ARCHITECTURE.md, "Why tsx at run time").
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
