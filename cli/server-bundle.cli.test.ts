import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle, freshBundleEntry } from '../bin/server-bundle.mjs';
import { childProcessEnvironment } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { THREAD_FROM_ENTRIES } from '../server/modules/audit/audit.service.ts';
import { writeAuditChain } from '../server/test-support/bulk-audit.ts';
import { freePort } from '../server/test-support/free-port.ts';
import { isolatedDatabase, type Isolated } from '../server/test-support/isolated.ts';

// The compiled server `npm start` runs (bin/server-bundle.mjs), built into a directory of this test's
// own beside dist/server (inside the checkout, where its packages resolve) and driven as bin/pocdir.mjs drives it: every path it reads (migrations, States, locales, the
// audit worker) must resolve from the bundle as from the sources.
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DRIVER = 'const { main } = await import(process.argv[2]); process.exitCode = await main(process.argv.slice(3));';

let dir: string;
let entry: string;
let iso: Isolated;
beforeAll(async () => {
  dir = path.join(ROOT, 'dist', `server-test-${process.pid}`);
  await buildBundle(dir);
  const fresh = freshBundleEntry(dir);
  if (!fresh) throw new Error('the bundle just built is not fresh');
  entry = fresh;
  // What bin/pocdir.mjs does with a fresh bundle (a file, not --eval: workers inherit the options).
  fs.writeFileSync(path.join(dir, 'driver.mjs'), DRIVER);
  iso = await isolatedDatabase();
}, 120_000);
afterAll(async () => {
  await iso.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

function fromBundle(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [path.join(dir, 'driver.mjs'), entry, ...args], {
    cwd: os.tmpdir(), // not the checkout: paths must not depend on the working directory
    env: childProcessEnvironment({ ...iso.env, LOG_LEVEL: 'silent', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe('the compiled server (dist/server)', () => {
  it('is stale once a source is newer than it, so edited sources run through tsx instead', () => {
    const bundleFile = fileURLToPath(entry);
    const builtAt = fs.statSync(bundleFile).mtime;
    try {
      fs.utimesSync(bundleFile, new Date(2000, 0, 1), new Date(2000, 0, 1));
      expect(freshBundleEntry(dir)).toBeUndefined();
    } finally {
      fs.utimesSync(bundleFile, builtAt, builtAt);
    }
    expect(freshBundleEntry(dir)).toBe(entry);
    expect(fs.readFileSync(path.join(ROOT, 'bin', 'pocdir.mjs'), 'utf8')).toContain('freshBundleEntry()');
  });

  it('migrates and seeds the demo (the States file), verifies the audit trail in its worker and answers in French', async () => {
    const seeded = fromBundle(['seed-demo']);
    expect(await seeded.exited, seeded.output()).toBe(0);
    const verified = fromBundle(['audit', 'verify', '--json']);
    expect(await verified.exited, verified.output()).toBe(0);
    const report = JSON.parse(verified.output()) as { ok: boolean; checked: number };
    expect(report.ok).toBe(true);
    expect(report.checked).toBeGreaterThan(0);

    // A trail long enough to be checked in the worker thread (the bundle's second entry).
    const chained = await isolatedDatabase();
    try {
      const opened = await openDatabase(chained.config, { holder: 'server-bundle test' });
      try {
        await opened.migrate();
        await writeAuditChain(opened.db, THREAD_FROM_ENTRIES);
      } finally {
        await opened.close();
      }
      const threaded = fromBundle(['audit', 'verify', '--json'], chained.env);
      expect(await threaded.exited, threaded.output()).toBe(0);
      expect(JSON.parse(threaded.output())).toMatchObject({ ok: true, checked: THREAD_FROM_ENTRIES });
    } finally {
      await chained.dispose();
    }

    const port = await freePort();
    const server = fromBundle(['serve'], { PORT: String(port), DEMO_DATA: 'false' });
    const url = `http://127.0.0.1:${port}`;
    try {
      const deadline = Date.now() + 60_000;
      while (!(await fetch(`${url}/api/v1/health`).catch(() => undefined))?.ok) {
        if (server.child.exitCode !== null || Date.now() > deadline) throw new Error(server.output());
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const refused = await fetch(`${url}/api/v1/directory/entries`, { headers: { 'accept-language': 'fr' } });
      expect(refused.status).toBe(401);
      const { error } = (await refused.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('AUTH_REQUIRED');
      expect(error.message).toBe('Veuillez vous connecter pour continuer.');
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await server.exited).toBe(0);
  }, 180_000);
});
