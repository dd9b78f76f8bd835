import { readKey, type Key, type Subkey } from 'openpgp';
import type { KeyStatus } from '../../../common/directory.ts';
import { AppError } from '../../errors.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const KEY_FIELD = '/details/pgpPublicKey';

/** Why a pasted key was refused; each has a message under error.PGP_KEY_INVALID in the locales. */
export type PgpKeyProblem = 'unparsable' | 'private_key' | 'no_encryption_subkey' | 'expired' | 'revoked';

/** What the directory keeps and shows about a point of contact's OpenPGP key. */
export interface InspectedKey {
  /** Uppercase hex: 40 characters for a v4 key, 64 for a v6 key. */
  fingerprint: string;
  /** When the key (or its encryption subkey, whichever comes first) stops working; null if never. */
  expiresAt: Date | null;
  status: KeyStatus;
  /** Re-armoured public key only: no comments, no trailing text, nothing secret. */
  armored: string;
}

function refuse(reason: PgpKeyProblem): AppError {
  // The hint names the reason only: a pasted key, least of all a private one, never reaches logs.
  return new AppError('PGP_KEY_INVALID', { details: [{ field: KEY_FIELD, reason }], hint: `OpenPGP key: ${reason}` });
}

/**
 * The key's standing at `now`, so list pages can warn before encrypted mail to a contact starts
 * failing. Pure: the presenter calls it on every read with the stored expiry.
 */
export function keyStatusAt(expiresAt: Date | null, now: Date, warningDays: number): KeyStatus {
  if (expiresAt === null) return 'valid';
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  return left <= warningDays * DAY_MS ? 'expiring' : 'valid';
}

function finiteDate(value: Date | number | null): Date | null {
  return value instanceof Date && Number.isFinite(value.getTime()) ? value : null;
}

function earliest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a.getTime() <= b.getTime() ? a : b;
}

/**
 * When no subkey can encrypt now, tell "it could once" (expired or revoked: the holder must renew
 * it) apart from "it never could" (a signing-only key: the holder must add an encryption subkey).
 */
async function whyNoEncryptionKey(key: Key, now: Date): Promise<PgpKeyProblem> {
  const candidates: (Key | Subkey)[] = [key, ...key.subkeys];
  for (const candidate of candidates) {
    let usable: Key | Subkey;
    try {
      usable = await key.getEncryptionKey(candidate.getKeyID(), candidate.getCreationTime());
    } catch {
      continue;
    }
    const expiry = finiteDate(usable === key ? await key.getExpirationTime() : await usable.getExpirationTime());
    return expiry !== null && expiry.getTime() <= now.getTime() ? 'expired' : 'revoked';
  }
  return 'no_encryption_subkey';
}

/**
 * Checks a key a national authority pasted before it goes into the directory, so colleagues can
 * rely on encrypting to it: it must be a public key, not revoked, not expired, and able to encrypt.
 * Returns the fingerprint and expiry the directory indexes and a clean re-armoured copy to store.
 */
export async function inspectPublicKey(armored: string, now: Date, warningDays: number): Promise<InspectedKey> {
  // Refuse a private key before parsing it, so no secret material is ever held in a parsed object.
  if (/-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(armored)) throw refuse('private_key');
  let key: Key;
  try {
    key = await readKey({ armoredKey: armored.trim() });
  } catch {
    throw refuse('unparsable');
  }
  if (key.isPrivate()) throw refuse('private_key');
  // A key made moments ago on a machine whose clock runs ahead is checked as of its creation,
  // rather than refused as unusable "now".
  const created = key.getCreationTime();
  const at = created.getTime() > now.getTime() ? created : now;
  if (await key.isRevoked(undefined, undefined, at)) throw refuse('revoked');
  const primaryExpiry = finiteDate(await key.getExpirationTime());
  if (primaryExpiry !== null && primaryExpiry.getTime() <= at.getTime()) throw refuse('expired');
  let encryptionKey: Key | Subkey;
  try {
    encryptionKey = await key.getEncryptionKey(undefined, at);
  } catch {
    throw refuse(await whyNoEncryptionKey(key, at));
  }
  const subkeyExpiry = encryptionKey === key ? null : finiteDate(await encryptionKey.getExpirationTime(at));
  const expiresAt = earliest(primaryExpiry, subkeyExpiry);
  return {
    fingerprint: key.getFingerprint().toUpperCase(),
    expiresAt,
    status: keyStatusAt(expiresAt, now, warningDays),
    armored: key.armor(),
  };
}
