import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { childProcessEnvironment } from '../server/config.ts';
import { startSmtpSink } from '../server/test-support/smtp-sink.ts';
import { E2E_ACCOUNTS, E2E_BASE_URL, E2E_MAIL_SPOOL, E2E_PASSWORD, E2E_PORT } from './fixtures.ts';
import { TOTP_DIR } from './totp-store.ts';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'pocdir.mjs');
const DATA_DIR = path.join(ROOT, 'var', 'e2e');

/**
 * A fresh embedded database with known accounts created through the real CLI, a real SMTP server
 * that spools what it receives for the specs to read, then the real server (`pocdir serve`) on a
 * loopback port sending its mail there. Returns the teardown that stops both.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.rmSync(E2E_MAIL_SPOOL, { recursive: true, force: true });
  // The authenticator secrets the sign-in helper remembered belong to the database just removed.
  fs.rmSync(TOTP_DIR, { recursive: true, force: true });
  const sink = await startSmtpSink({ spoolDir: E2E_MAIL_SPOOL });
  const env = childProcessEnvironment({
    SMTP_URL: sink.url,
    PUBLIC_URL: E2E_BASE_URL,
    // The outbox is dispatched as soon as a mail is written; the sweep only catches up.
    JOBS_SWEEP_SECONDS: '5',
    DATA_DIR,
    DATABASE_URL: '',
    DEMO_DATA: 'false',
    PORT: String(E2E_PORT),
    LOG_LEVEL: 'warn',
  });
  for (const account of Object.values(E2E_ACCOUNTS)) {
    const args = [
      'user',
      'create',
      '--email',
      account.email,
      '--name',
      account.name,
      '--role',
      account.role,
      '--password-stdin',
    ];
    if ('state' in account) args.push('--state', account.state);
    const result = spawnSync(process.execPath, [BIN, ...args], { env, input: `${E2E_PASSWORD}\n`, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pocdir ${args.join(' ')} failed: ${result.stderr}`);
  }
  const server = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`${E2E_BASE_URL}/api/v1/health`);
      if (response.ok) break;
    } catch {
      /* not listening yet */
    }
    if (server.exitCode !== null) throw new Error(`pocdir serve exited with ${server.exitCode}`);
    if (Date.now() > deadline) throw new Error('pocdir serve did not become ready in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await sink.close();
  };
}
