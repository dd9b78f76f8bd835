import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';

/** A throwaway GnuPG home with one key pair: the test's own keys and agent, never the user's. */
export interface GpgHome {
  /** ASCII-armoured public key with an encryption subkey. */
  publicKey: string;
  /** Decrypts an armoured OpenPGP message with GnuPG, an implementation the product does not use. */
  decrypt(armored: string): Buffer;
  dispose(): void;
}

export function createGpgHome(userId = 'Test <t@example.org>'): GpgHome {
  // Short path under the temp dir: gpg-agent's socket path must stay under the Unix limit.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pgp-'));
  fs.chmodSync(home, 0o700);
  const gpg = (args: string[], input?: string) =>
    execFileSync('gpg', ['--batch', '--homedir', home, '--pinentry-mode', 'loopback', '--passphrase', '', ...args], {
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 10_000,
    });
  gpg(['--quick-gen-key', userId, 'ed25519', 'cert,sign', 'never']);
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(gpg(['--with-colons', '--list-keys']).toString())?.[1];
  if (!fingerprint) throw new Error('gpg created no key');
  gpg(['--quick-add-key', fingerprint, 'cv25519', 'encr', 'never']);
  return {
    publicKey: gpg(['--export', '--armor', fingerprint]).toString(),
    decrypt: (armored) => gpg(['--decrypt'], armored),
    dispose: () => {
      execFileSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'], { stdio: 'ignore', timeout: 10_000 });
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** The armoured part of an RFC 3156 PGP/MIME message, or undefined for any other message. */
export function pgpMimePayload(parsed: ParsedMail): string | undefined {
  const type = parsed.headers.get('content-type') as { value?: string } | undefined;
  if (type?.value !== 'multipart/encrypted') return undefined;
  return parsed.attachments.find((a) => a.contentType === 'application/octet-stream')?.content.toString('latin1');
}

/** Decrypts a PGP/MIME mail and decodes its inner text/plain entity (base64, UTF-8). */
export function decryptPgpMimeText(home: GpgHome, parsed: ParsedMail): string {
  const armored = pgpMimePayload(parsed);
  if (armored === undefined) throw new Error('not a PGP/MIME message');
  const entity = home.decrypt(armored).toString('latin1');
  const split = entity.indexOf('\r\n\r\n');
  return Buffer.from(entity.slice(split + 4), 'base64').toString('utf8');
}
