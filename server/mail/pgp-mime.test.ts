import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../config.ts';
import { startSmtpSink } from '../test-support/smtp-sink.ts';
import { encryptMailText, pgpMimeOptions } from './pgp-mime.ts';
import { createMailTransport } from './transport.ts';

const silent = pino({ level: 'silent' });

// Arabic, Chinese, Russian and English, several lines, one longer than a base64 line.
const TEXT = [
  'مرحبا! تم تسجيل نقطة الاتصال الخاصة بكم في الدليل.',
  '您好！您的联络点已登记在名录中。',
  'Здравствуйте! Ваш контактный пункт внесён в справочник.',
  'Hello! Your point of contact is now listed in the directory; this line is long enough to wrap.',
  '',
].join('\n');

// A throwaway GnuPG home: the test's own keys and agent, never the user's.
let home: string;
let publicKey: string;
let signingOnlyKey: string;
let secretKey: string;

function gpg(args: string[], input?: string): Buffer {
  return execFileSync(
    'gpg',
    ['--batch', '--homedir', home, '--pinentry-mode', 'loopback', '--passphrase', '', ...args],
    {
      input,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 10_000,
    },
  );
}

beforeAll(() => {
  // Short path under the temp dir: gpg-agent's socket path must stay under the Unix limit.
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'pgp-'));
  fs.chmodSync(home, 0o700);
  gpg(['--quick-gen-key', 'Test <t@example.org>', 'ed25519', 'cert,sign', 'never']);
  const fingerprint = /^fpr:+([0-9A-F]{40}):/m.exec(gpg(['--with-colons', '--list-keys']).toString())?.[1];
  if (!fingerprint) throw new Error('gpg created no key');
  // Exported before the encryption subkey exists: a valid key that can only sign.
  signingOnlyKey = gpg(['--export', '--armor', fingerprint]).toString();
  gpg(['--quick-add-key', fingerprint, 'cv25519', 'encr', 'never']);
  publicKey = gpg(['--export', '--armor', fingerprint]).toString();
  secretKey = gpg(['--export-secret-keys', '--armor', fingerprint]).toString();
});

afterAll(() => {
  if (!home) return;
  // Only the agent this test's home started; any other agent is left alone.
  execFileSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent'], { stdio: 'ignore', timeout: 10_000 });
  fs.rmSync(home, { recursive: true, force: true });
});

/** Checks the RFC 3156 layout of a received message and returns the armoured part. */
function encryptedPart(parsed: ParsedMail): string {
  expect(parsed.headers.get('content-type')).toMatchObject({
    value: 'multipart/encrypted',
    params: { protocol: 'application/pgp-encrypted' },
  });
  const [control, payload, ...rest] = parsed.attachments;
  expect(rest).toHaveLength(0);
  expect(control?.contentType).toBe('application/pgp-encrypted');
  expect(control?.content.toString('latin1').trim()).toBe('Version: 1');
  expect(payload?.contentType).toBe('application/octet-stream');
  expect(payload?.filename).toBe('encrypted.asc');
  expect(payload?.contentDisposition).toBe('inline');
  const armored = payload?.content.toString('latin1') ?? '';
  expect(armored.trim()).toMatch(/^-----BEGIN PGP MESSAGE-----[\s\S]+-----END PGP MESSAGE-----$/);
  // Nothing of the plain text travels outside the encrypted part.
  expect(parsed.text ?? '').not.toContain('Hello');
  return armored;
}

/** Decrypts with GnuPG and decodes the inner MIME entity, so the test trusts no code under test. */
function decryptToText(armored: string): string {
  const entity = gpg(['--decrypt'], armored).toString('latin1');
  const split = entity.indexOf('\r\n\r\n');
  expect(split).toBeGreaterThan(0);
  const headers = entity.slice(0, split).split('\r\n');
  expect(headers).toEqual(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64']);
  const body = entity.slice(split + 4);
  expect(body.split('\r\n').every((line) => line.length <= 76)).toBe(true);
  return Buffer.from(body, 'base64').toString('utf8');
}

function expectOriginalText(decoded: string) {
  // text/* travels with CRLF line breaks (its canonical form); otherwise it is exactly the original.
  expect(decoded).toBe(TEXT.replace(/\n/g, '\r\n'));
  expect(decoded.replace(/\r\n/g, '\n')).toBe(TEXT);
}

describe('encryptMailText', () => {
  it('produces a message GnuPG decrypts to the original multilingual text', async () => {
    const armored = await encryptMailText(TEXT, publicKey);
    expect(armored).toMatch(/^-----BEGIN PGP MESSAGE-----/);
    expect(armored).not.toContain('Hello');
    expectOriginalText(decryptToText(armored));
  });

  it('refuses keys it cannot encrypt to, without quoting them', async () => {
    const signingOnly = encryptMailText(TEXT, signingOnlyKey);
    await expect(signingOnly).rejects.toThrow(/unusable for encryption/);
    const error = await signingOnly.catch((e: unknown) => e);
    const keyBody = signingOnlyKey.split('\n')[2] ?? '';
    expect(keyBody.length).toBeGreaterThan(20);
    expect(String(error)).not.toContain(keyBody.slice(0, 20));

    await expect(encryptMailText(TEXT, 'not a key')).rejects.toThrow(/not a readable ASCII-armoured public key/);
    const truncated = publicKey.slice(0, publicKey.length / 2);
    await expect(encryptMailText(TEXT, truncated)).rejects.toThrow(/unusable/);
    await expect(encryptMailText(TEXT, secretKey)).rejects.toThrow(/private key was given/);
  });

  it('refuses a key that is not yet valid at the given date', async () => {
    await expect(encryptMailText(TEXT, publicKey, new Date('2001-01-01T00:00:00Z'))).rejects.toThrow(/unusable/);
  });
});

describe('pgpMimeOptions', () => {
  it('accepts only an ASCII-armoured PGP message', () => {
    expect(() => pgpMimeOptions('hello')).toThrow(/ASCII-armoured PGP message/);
    expect(() => pgpMimeOptions('-----BEGIN PGP MESSAGE-----\nü\n-----END PGP MESSAGE-----')).toThrow();
  });
});

describe('OpenPGP/MIME through the mail transport', () => {
  it('sends over SMTP a multipart/encrypted message that GnuPG decrypts', async () => {
    const sink = await startSmtpSink();
    const transport = createMailTransport(testConfig({ SMTP_URL: sink.url, SMTP_POOL_SIZE: 1 }), silent);
    try {
      const to = 'pgp@example.org';
      const subject = 'Точка контакта · 联络点 · نقطة الاتصال';
      const text = await encryptMailText(TEXT, publicKey);
      const { messageId } = await transport.send({ to, subject, text, locale: 'ru', encrypted: true });

      const received = await sink.waitForMessageTo(to);
      // The raw header itself, not only mailparser's reading of it.
      const head = received.raw.toString('latin1').split('\r\n\r\n')[0] ?? '';
      expect(head.replace(/\r\n\s+/g, ' ')).toMatch(
        /^Content-Type: multipart\/encrypted; protocol="application\/pgp-encrypted"; boundary=/m,
      );
      expect(received.subject).toBe(subject);
      expect(received.headers.get('content-language')).toBe('ru');
      expect(received.parsed.messageId).toBe(messageId);
      expectOriginalText(decryptToText(encryptedPart(received.parsed)));
    } finally {
      await transport.close();
      await sink.close();
    }
  });

  it('writes a multipart/encrypted .eml file when SMTP_URL is not set', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pocdir-pgp-mail-'));
    const transport = createMailTransport(testConfig({ SMTP_URL: undefined, DATA_DIR: dataDir }), silent);
    try {
      const text = await encryptMailText(TEXT, publicKey);
      await transport.send({ to: 'file@example.org', subject: '联络点', text, locale: 'zh', encrypted: true });
      const [file, ...others] = fs.readdirSync(path.join(dataDir, 'mail'));
      expect(others).toHaveLength(0);
      const raw = fs.readFileSync(path.join(dataDir, 'mail', file ?? ''));
      // CRLF throughout: no bare LF left from the armour OpenPGP.js writes.
      expect(raw.toString('latin1')).not.toMatch(/[^\r]\n/);
      const parsed = await simpleParser(raw);
      expect(parsed.subject).toBe('联络点');
      expect(parsed.headers.get('content-language')).toBe('zh');
      expectOriginalText(decryptToText(encryptedPart(parsed)));
    } finally {
      await transport.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
