import crypto from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MIN_LENGTH } from '../../common/passwords.ts';
import { AppError } from '../errors.ts';

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
// algorithm 2 is Argon2id (the package's Algorithm is a const enum that isolated modules cannot import).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Verifying against this when the account does not exist keeps sign-in time the same either way.
let dummyHash: Promise<string> | undefined;

/** Constant-work verification: pass undefined when there is no such account. */
export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString('hex'));
  const target = storedHash ?? (await dummyHash);
  const ok = await verify(target, password).catch(() => false);
  return ok && storedHash !== undefined;
}

const COMMON_PASSWORDS = new Set([
  'password1234',
  'passwordpassword',
  '123456789012',
  'qwertyuiopas',
  'changemechangeme',
  'administrator',
  'letmeinletmein',
]);

/** Length and a deny-list, per NIST SP 800-63B; no composition rules. */
export function assertAcceptablePassword(password: string, email: string): void {
  const lowered = password.toLowerCase();
  if (
    [...password].length < PASSWORD_MIN_LENGTH ||
    COMMON_PASSWORDS.has(lowered) ||
    lowered === email.toLowerCase() ||
    /^(.)\1+$/.test(password)
  ) {
    throw new AppError('PASSWORD_TOO_WEAK', { details: [{ field: '/newPassword', reason: 'weak' }] });
  }
}

/** A readable one-time password for new accounts: 20 characters from an unambiguous alphabet. */
export function generateInitialPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5, 10).join('')}-${chars.slice(10, 15).join('')}-${chars.slice(15).join('')}`;
}
