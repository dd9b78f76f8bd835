import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Secret, TOTP } from 'otpauth';

/*
 * The authenticator app of the e2e accounts. Specs may run in separate processes (a worker is
 * replaced after a failure), so each account's secret, the last time step it used and its unused
 * recovery codes live in a file under var/e2e-totp/, which the global setup empties with the database.
 */

export const TOTP_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'var', 'e2e-totp');
const PERIOD_MS = 30_000;
/** Waiting longer than this for a fresh time step, a stored recovery code is used instead. */
const LONGEST_WAIT_MS = 5_000;

export interface StoredFactor {
  secret: string;
  /** The newest time step whose code was sent; the server accepts each step once per account. */
  lastStep: number;
  recoveryCodes: string[];
}

function fileOf(email: string): string {
  return path.join(TOTP_DIR, `${email}.json`);
}

export function readFactor(email: string): StoredFactor | null {
  try {
    return JSON.parse(fs.readFileSync(fileOf(email), 'utf8')) as StoredFactor;
  } catch {
    return null;
  }
}

export function saveFactor(email: string, factor: StoredFactor): void {
  fs.mkdirSync(TOTP_DIR, { recursive: true });
  const file = fileOf(email);
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(factor, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

/**
 * Forgets an account's authenticator, as its holder does who lost the phone: after a reset of its
 * second factor, the old secret, time step and recovery codes must never be tried again, and the
 * next set-up starts from the current time step (the server keeps no step for the new secret).
 */
export function forgetFactor(email: string): void {
  fs.rmSync(fileOf(email), { force: true });
}

export function currentStep(now = Date.now()): number {
  return Math.floor(now / PERIOD_MS);
}

/** The RFC 6238 code of a time step (SHA-1, 6 digits, 30 s), as any authenticator app computes it. */
export function totpCode(secret: string, step: number): string {
  const totp = new TOTP({ secret: Secret.fromBase32(secret.replace(/\s+/g, '')), digits: 6, period: 30 });
  return totp.generate({ timestamp: step * PERIOD_MS });
}

export type SecondFactorAnswer = { kind: 'totp'; code: string } | { kind: 'recovery'; code: string };

/**
 * An answer the server will accept once. It accepts the codes of the previous, current and next
 * time steps, each only after the last step used: so a step after the last one is taken, the next
 * step's code at the latest; beyond that, a recovery code, or a wait for the clock when none is left.
 * The choice is written down before it is sent, so a failed attempt never replays the same code.
 */
export async function nextAnswer(email: string): Promise<SecondFactorAnswer> {
  const factor = readFactor(email);
  if (!factor) throw new Error(`no authenticator secret remembered for ${email} (var/e2e-totp)`);
  const wanted = Math.max(currentStep(), factor.lastStep + 1);
  const waitMs = (wanted - 1) * PERIOD_MS - Date.now();
  if (waitMs > LONGEST_WAIT_MS && factor.recoveryCodes.length > 0) {
    const [code, ...rest] = factor.recoveryCodes;
    saveFactor(email, { ...factor, recoveryCodes: rest });
    return { kind: 'recovery', code: code! };
  }
  // Past the wait, `wanted` is the next step at most: inside the server's window.
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs + 250));
  saveFactor(email, { ...factor, lastStep: wanted });
  return { kind: 'totp', code: totpCode(factor.secret, wanted) };
}
