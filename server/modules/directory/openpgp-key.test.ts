import { generateKey, readKey, revokeKey } from 'openpgp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { inspectPublicKey, keyStatusAt } from './openpgp-key.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date();
const USER = { name: 'Ama Owusu', email: 'ama.owusu@example.org' };

async function freshKey(options: { keyExpirationTime?: number; date?: Date } = {}) {
  return generateKey({ type: 'curve25519', userIDs: [USER], format: 'armored', ...options });
}

async function refusal(armored: string): Promise<{ error: AppError; reason: string | undefined }> {
  try {
    await inspectPublicKey(armored, NOW, 30);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { error, reason: error.details?.[0]?.reason };
  }
  throw new Error('expected the key to be refused');
}

describe('keyStatusAt', () => {
  it('calls a key without expiry valid', () => {
    expect(keyStatusAt(null, NOW, 30)).toBe('valid');
  });

  it('warns inside the window and refuses at and after expiry', () => {
    expect(keyStatusAt(new Date(NOW.getTime() + 31 * DAY_MS), NOW, 30)).toBe('valid');
    expect(keyStatusAt(new Date(NOW.getTime() + 30 * DAY_MS), NOW, 30)).toBe('expiring');
    expect(keyStatusAt(new Date(NOW.getTime() + 1), NOW, 30)).toBe('expiring');
    expect(keyStatusAt(NOW, NOW, 30)).toBe('expired');
    expect(keyStatusAt(new Date(NOW.getTime() - DAY_MS), NOW, 30)).toBe('expired');
  });
});

describe('inspectPublicKey', () => {
  it('accepts a valid key and returns its uppercase fingerprint and a clean armour', async () => {
    const { publicKey } = await freshKey();
    const pasted = `Here is my key:\n\n${publicKey}\nRegards`;
    const inspected = await inspectPublicKey(pasted.slice(pasted.indexOf('-----BEGIN')), NOW, 30);
    const expected = (await readKey({ armoredKey: publicKey })).getFingerprint().toUpperCase();
    expect(inspected.fingerprint).toBe(expected);
    expect(inspected.fingerprint).toMatch(/^[0-9A-F]{40}$/);
    expect(inspected.expiresAt).toBeNull();
    expect(inspected.status).toBe('valid');
    expect(inspected.armored).toMatch(/^-----BEGIN PGP PUBLIC KEY BLOCK-----/);
    expect(inspected.armored.trimEnd()).toMatch(/-----END PGP PUBLIC KEY BLOCK-----$/);
    expect((await readKey({ armoredKey: inspected.armored })).getFingerprint().toUpperCase()).toBe(expected);
  });

  it('accepts a key expiring within the warning window and says so', async () => {
    // Created at NOW (not at generation time, which comes later) so expiry is NOW + 10 days at most.
    const { publicKey } = await freshKey({ date: NOW, keyExpirationTime: 10 * 24 * 60 * 60 });
    const inspected = await inspectPublicKey(publicKey, NOW, 30);
    expect(inspected.status).toBe('expiring');
    expect(inspected.expiresAt).toBeInstanceOf(Date);
    const daysLeft = ((inspected.expiresAt?.getTime() ?? 0) - NOW.getTime()) / DAY_MS;
    expect(daysLeft).toBeGreaterThan(9);
    expect(daysLeft).toBeLessThanOrEqual(10);
    expect((await inspectPublicKey(publicKey, NOW, 5)).status).toBe('valid');
  });

  it('refuses an expired key', async () => {
    const { publicKey } = await freshKey({ date: new Date(NOW.getTime() - 20 * DAY_MS), keyExpirationTime: 86400 });
    const { error, reason } = await refusal(publicKey);
    expect(error.code).toBe('PGP_KEY_INVALID');
    expect(error.details).toEqual([{ field: '/details/pgpPublicKey', reason: 'expired' }]);
    expect(reason).toBe('expired');
  });

  it('takes the encryption subkey expiry when it comes first, and refuses once it has passed', async () => {
    const soon = await generateKey({
      type: 'curve25519',
      userIDs: [USER],
      subkeys: [{ keyExpirationTime: 3 * 24 * 60 * 60 }],
      format: 'armored',
    });
    const inspected = await inspectPublicKey(soon.publicKey, NOW, 30);
    expect(inspected.status).toBe('expiring');
    expect(inspected.expiresAt?.getTime()).toBeLessThanOrEqual(NOW.getTime() + 3 * DAY_MS + 1000);

    const lapsed = await generateKey({
      type: 'curve25519',
      userIDs: [USER],
      date: new Date(NOW.getTime() - 20 * DAY_MS),
      subkeys: [{ keyExpirationTime: 24 * 60 * 60 }],
      format: 'armored',
    });
    expect((await refusal(lapsed.publicKey)).reason).toBe('expired');
  });

  it('refuses a signing-only key (no subkeys generated)', async () => {
    const { publicKey } = await generateKey({ type: 'curve25519', userIDs: [USER], subkeys: [], format: 'armored' });
    expect((await refusal(publicKey)).reason).toBe('no_encryption_subkey');
  });

  it('refuses a key whose encryption subkey was stripped', async () => {
    const { publicKey } = await generateKey({ type: 'curve25519', userIDs: [USER], format: 'object' });
    publicKey.subkeys = [];
    expect((await refusal(publicKey.armor())).reason).toBe('no_encryption_subkey');
  });

  it('refuses a revoked key', async () => {
    const { publicKey, revocationCertificate } = await freshKey();
    const revoked = await revokeKey({
      key: await readKey({ armoredKey: publicKey }),
      revocationCertificate,
      format: 'armored',
    });
    expect((await refusal(revoked.publicKey)).reason).toBe('revoked');
  });

  it('refuses garbage and a truncated key as unparsable', async () => {
    expect((await refusal('not a key at all')).reason).toBe('unparsable');
    expect((await refusal('')).reason).toBe('unparsable');
    const { publicKey } = await freshKey();
    expect((await refusal(publicKey.slice(0, 200))).reason).toBe('unparsable');
  });

  it('refuses a private key without echoing it anywhere', async () => {
    const { privateKey } = await freshKey();
    const { error, reason } = await refusal(privateKey);
    expect(reason).toBe('private_key');
    const secretLine = privateKey.split('\n')[2] ?? '';
    expect(secretLine.length).toBeGreaterThan(20);
    const seen = JSON.stringify({ message: error.message, hint: error.hint, details: error.details });
    expect(seen).not.toContain(secretLine);
    expect(seen).not.toContain('PRIVATE KEY BLOCK');
  });
});
