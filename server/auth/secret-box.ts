import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';

const VERSION = 'v1';

/**
 * Seals small secrets (TOTP seeds) with AES-256-GCM under the server's secret key, so a copy of
 * the database alone does not yield anyone's second factor. The key comes from SECRET_KEY, or
 * from DATA_DIR/secret.key, created once with mode 0600.
 */
export interface SecretBox {
  seal(plain: string): string;
  /** Opens with the current key, or during a rotation with the previous one. */
  open(sealed: string): string;
  /** Whether the current key sealed this (a rotation re-seals the others). */
  isCurrent(sealed: string): boolean;
}

const boxes = new Map<string, SecretBox>();

export function secretBoxFor(config: Config): SecretBox {
  const cacheKey = `${config.SECRET_KEY ?? `file:${config.DATA_DIR}`}|${config.SECRET_KEY_PREVIOUS ?? ''}`;
  let box = boxes.get(cacheKey);
  if (!box) {
    const current = config.SECRET_KEY ? Buffer.from(config.SECRET_KEY, 'base64') : keyFromFile(config.DATA_DIR);
    const previous = config.SECRET_KEY_PREVIOUS ? [Buffer.from(config.SECRET_KEY_PREVIOUS, 'base64')] : [];
    box = createSecretBox(current, previous);
    boxes.set(cacheKey, box);
  }
  return box;
}

export function createSecretBox(key: Buffer, previous: Buffer[] = []): SecretBox {
  if (key.length !== 32) throw new Error('the secret key must be 32 bytes');
  const openWith = (candidate: Buffer, sealed: string): string => {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
    const decipher = crypto.createDecipheriv('aes-256-gcm', candidate, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  };
  const isCurrent = (sealed: string): boolean => {
    try {
      openWith(key, sealed);
      return true;
    } catch {
      return false;
    }
  };
  return {
    isCurrent,
    seal(plain) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      // GCM's tag tells a wrong key apart: try the current key, then the previous one.
      for (const candidate of [key, ...previous]) {
        try {
          return openWith(candidate, sealed);
        } catch {
          /* next key */
        }
      }
      throw new Error('sealed with a key this server does not have (SECRET_KEY / SECRET_KEY_PREVIOUS)');
    },
  };
}

function keyFromFile(dataDir: string): Buffer {
  const file = path.join(dataDir, 'secret.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx': create only if absent, so two processes starting together agree on one key.
    fs.writeFileSync(file, crypto.randomBytes(32).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`${file} does not hold a 32-byte base64 key`);
  return key;
}
