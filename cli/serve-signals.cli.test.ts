import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childProcessEnvironment } from '../server/config.ts';
import { isolatedDatabase, type Isolated } from '../server/test-support/isolated.ts';
import { freePort } from '../server/test-support/free-port.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

let iso: Isolated;
beforeAll(async () => {
  iso = await isolatedDatabase();
});
afterAll(async () => {
  await iso.dispose();
});

/** `pocdir serve` on this file's database, with its output and exit kept for the assertions. */
async function startServe() {
  const url = `http://127.0.0.1:${await freePort()}`;
  const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'pocdir.mjs'), 'serve'], {
    env: childProcessEnvironment({ ...iso.env, PORT: new URL(url).port, LOG_LEVEL: 'silent', DEMO_DATA: 'false' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = async (condition: () => boolean | Promise<boolean>) => {
    const deadline = Date.now() + 60_000;
    while (!(await condition())) {
      if (child.exitCode !== null || Date.now() > deadline) throw new Error(`pocdir serve: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  return { child, url, exited, output: () => output, waitFor };
}

describe('stopping pocdir serve', () => {
  it('npm start execs the server, so the SIGTERM npm passes on reaches it rather than a shell', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    // Without exec, npm signals `sh -c …`, which dies and leaves the server running with the lock held.
    expect(pkg.scripts.start).toMatch(/^node bin\/build-server\.mjs --if-stale && exec node bin\/pocdir\.mjs serve\b/);
  });

  it('shuts down cleanly when a Ctrl-C arrives twice (from the terminal and passed on by npm)', async () => {
    const server = await startServe();
    await server.waitFor(() => server.output().includes('pocdir is ready'));
    server.child.kill('SIGINT');
    await server.waitFor(() => server.output().includes('Shutting down'));
    server.child.kill('SIGINT'); // npm's copy of the same Ctrl-C, arriving while the server closes

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(path.join(iso.config.DATA_DIR, 'pocdir.lock'))).toBe(false);
  }, 90_000);

  it('shuts down cleanly on a SIGTERM sent as soon as the API answers, while the job queue may still start', async () => {
    const server = await startServe();
    await server.waitFor(async () => (await fetch(`${server.url}/api/v1/health`).catch(() => undefined))?.ok === true);
    server.child.kill('SIGTERM');

    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(fs.existsSync(path.join(iso.config.DATA_DIR, 'pocdir.lock'))).toBe(false);
  }, 90_000);
});
