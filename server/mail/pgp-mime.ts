import { randomBytes } from 'node:crypto';
import type { SendMailOptions } from 'nodemailer';
import * as openpgp from 'openpgp';

/**
 * OpenPGP/MIME (RFC 3156) for outgoing mail: the text is wrapped in a MIME entity, encrypted to the
 * recipient's public key with OpenPGP.js, and sent as multipart/encrypted, the form Thunderbird,
 * GnuPG-based clients and K-9/FairEmail decrypt without the user doing anything.
 */

const CRLF = '\r\n';
const ARMOR_BEGIN = '-----BEGIN PGP MESSAGE-----';
const ARMOR_END = '-----END PGP MESSAGE-----';

/** RFC 2045 caps encoded lines at 76 characters. */
const BASE64_LINE = /.{1,76}/g;

/**
 * The inner entity RFC 3156 section 4 encrypts: a complete MIME body part with its own headers.
 * Base64 rather than quoted-printable: Arabic, Chinese and Cyrillic text would triple in size as QP,
 * and base64 keeps the exact bytes through any mail client. Text line breaks are made CRLF first,
 * because that is the canonical form of text/* (RFC 2046 section 4.1.1) which receivers expect.
 */
function textEntity(text: string): string {
  const canonical = text.replace(/\r\n|\r|\n/g, CRLF);
  const base64 = Buffer.from(canonical, 'utf8').toString('base64');
  return [
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    ...(base64.match(BASE64_LINE) ?? []),
    '',
  ].join(CRLF);
}

/**
 * Reads the recipient's key and checks that it can encrypt at `now`. Errors name the key by
 * fingerprint at most: the armoured text itself must never reach a log.
 */
async function recipientKey(armoredPublicKey: string, now: Date): Promise<openpgp.Key> {
  let key: openpgp.Key;
  try {
    key = await openpgp.readKey({ armoredKey: armoredPublicKey });
  } catch {
    // OpenPGP.js's parse errors say little an operator can act on, and are not worth the risk of
    // quoting input; the cause is left out on purpose.
    throw new Error('OpenPGP key is unusable: not a readable ASCII-armoured public key');
  }
  // A private key here means someone pasted the wrong block; refuse rather than hold a secret.
  if (key.isPrivate()) throw new Error('OpenPGP key is unusable: a private key was given, expected a public key');
  try {
    await key.getEncryptionKey(undefined, now);
  } catch (error) {
    // OpenPGP.js's reason (expired, revoked, signing only) mentions key IDs, never key material.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`OpenPGP key ${key.getFingerprint()} is unusable for encryption: ${reason}`);
  }
  return key;
}

/**
 * Encrypts `text` as the body of an OpenPGP/MIME mail to `armoredPublicKey` and returns the
 * ASCII-armoured PGP message, ready for pgpMimeOptions (or OutgoingMail with `encrypted: true`).
 * `now` is the instant the key must be valid at and the message is dated; the current time by default.
 * Throws if the key cannot be read, is private, or has no valid encryption (sub)key at `now`.
 */
export async function encryptMailText(text: string, armoredPublicKey: string, now: Date = new Date()): Promise<string> {
  const encryptionKey = await recipientKey(armoredPublicKey, now);
  // Binary literal data, so OpenPGP.js leaves the CRLF entity byte for byte as it is.
  const message = await openpgp.createMessage({ binary: new TextEncoder().encode(textEntity(text)), date: now });
  // OpenPGP.js types its result through @openpgp/web-stream-tools, which is not installed, so the
  // compiler sees `any`; the check makes the string promise real rather than assumed.
  const armored: unknown = await openpgp.encrypt({
    message,
    encryptionKeys: encryptionKey,
    date: now,
    format: 'armored',
  });
  if (typeof armored !== 'string') throw new Error('OpenPGP.js returned no armoured message');
  return armored;
}

/**
 * The nodemailer options that send `armoredMessage` as RFC 3156 multipart/encrypted; spread them
 * into a SendMailOptions that has no text, html or attachments of its own.
 *
 * Nodemailer has no multipart/encrypted node, and a Content-Type in `headers` is added beside the
 * generated one rather than replacing it. What it does offer: a lone attachment becomes the root
 * node, keeping the To/Subject/Date/Message-ID headers nodemailer writes, and a multipart content
 * type with a declared boundary is kept as given. So the root is that one attachment, declared
 * multipart/encrypted, whose content is the two body parts written out here; nodemailer appends the
 * closing delimiter. One side effect: an attachment always gets a Content-Disposition, so the root
 * carries "Content-Disposition: inline", which is the default for any entity and harmless.
 */
export function pgpMimeOptions(armoredMessage: string): Pick<SendMailOptions, 'attachments'> {
  const armor = armoredMessage.trim().replace(/\r\n|\r|\n/g, CRLF);
  // The parts below are sent unencoded, so only a 7-bit armoured message may go in.
  if (!armor.startsWith(ARMOR_BEGIN) || !armor.endsWith(ARMOR_END) || !/^[\x20-\x7e\r\n]*$/.test(armor)) {
    throw new Error('pgpMimeOptions expects an ASCII-armoured PGP message');
  }
  // Armour lines never start with "--" followed by a letter, so this cannot occur in the message.
  const boundary = `pgp-mime-${randomBytes(12).toString('hex')}`;
  const body = [
    'This is an OpenPGP/MIME encrypted message (RFC 4880 and 3156)',
    `--${boundary}`,
    'Content-Type: application/pgp-encrypted',
    'Content-Description: PGP/MIME version identification',
    '',
    'Version: 1',
    '',
    `--${boundary}`,
    'Content-Type: application/octet-stream; name="encrypted.asc"',
    'Content-Description: OpenPGP encrypted message',
    'Content-Disposition: inline; filename="encrypted.asc"',
    '',
    armor,
  ].join(CRLF);
  return {
    attachments: [
      {
        contentType: `multipart/encrypted; protocol="application/pgp-encrypted"; boundary="${boundary}"`,
        contentDisposition: 'inline',
        // A multipart body is never transfer-encoded (RFC 2045 section 6.4), nor given a file name.
        contentTransferEncoding: false,
        filename: false,
        content: body,
      },
    ],
  };
}
