import crypto from 'node:crypto';
import { hashToken } from '../../auth/token-hash.ts';

const COUNT = 10;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Ten codes of 100 random bits each, shown as xxxxx-xxxxx-xxxxx-xxxxx (base32, no ambiguous 0/1/8/9). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: COUNT }, () => {
    const bytes = crypto.randomBytes(20);
    const chars = Array.from(bytes, (b) => ALPHABET[b % 32]).join('');
    return chars.match(/.{5}/g)!.join('-');
  });
}

/** What is stored and compared: SHA-256 of the code without spaces, dashes or case. */
export function recoveryCodeHash(code: string): string {
  return hashToken(code.toLowerCase().replace(/[\s-]/g, ''));
}
