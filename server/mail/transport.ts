import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { encodeWord } from 'nodemailer/lib/mime-funcs';
import type { BaseLogger } from 'pino';
import type { Locale } from '../../common/locales.ts';
import type { Config } from '../config.ts';
import { pgpMimeOptions } from './pgp-mime.ts';

/** One rendered mail, as the outbox holds it. Plain text only: no HTML, no attachments. */
export interface OutgoingMail {
  /**
   * The outbox row's id. The Message-ID is made from it, so a mail sent again after a crash
   * between the server's "250" and the database update (RFC 1047) carries the same Message-ID
   * and mail clients show it once.
   */
  id?: string;
  to: string;
  subject: string;
  text: string;
  locale: Locale;
  /** `text` is already an ASCII-armoured PGP message (encryptMailText): send it as OpenPGP/MIME. */
  encrypted?: boolean;
}

/** What the dispatcher needs from a mail server; tests may pass their own. */
export interface MailTransport {
  /** Resolves once the server accepted the message; rejects with the server's error otherwise. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): Promise<void>;
}

/** The few logger methods mail and jobs use: pino's, Fastify's `app.log`, or a child of either. */
export type MailLogger = Pick<BaseLogger, 'debug' | 'info' | 'warn' | 'error'>;

type TransportConfig = Pick<Config, 'SMTP_URL' | 'SMTP_POOL_SIZE' | 'MAIL_FROM' | 'DATA_DIR'>;

/**
 * The mail server of this deployment: pooled SMTP when SMTP_URL is set, otherwise one .eml file per
 * message under DATA_DIR/mail, so a fresh install (and the demo) works with no mail server at all.
 */
export function createMailTransport(config: TransportConfig, logger: MailLogger): MailTransport {
  return config.SMTP_URL ? smtpTransport(config, config.SMTP_URL) : fileTransport(config, logger);
}

function compose(mail: OutgoingMail, from: string): SendMailOptions {
  const stable = mail.id === undefined ? {} : { messageId: `<${mail.id}@${domainOf(from)}>` };
  return { ...stable, ...content(mail) };
}

function domainOf(address: string): string {
  const match = /@([^\s>]+)>?\s*$/.exec(address);
  return match?.[1] ?? 'pocdir.invalid';
}

/**
 * nodemailer passes text shaped like an RFC 2047 encoded word through unchanged (for callers that
 * encode their own headers), and mail clients decode it: a subject quoting
 * "=?utf-8?Q?x=0D=0ABcc:…?=" would show as other text, line breaks included. pocdir's subjects
 * are plain text, so such a subject is encoded whole and reads back exactly as written.
 */
export function literalSubject(subject: string): string {
  return subject.includes('=?') ? encodeWord(subject, 'B', 52) : subject;
}

function content(mail: OutgoingMail): SendMailOptions {
  const subject = literalSubject(mail.subject);
  if (mail.encrypted) {
    // The subject and these headers stay readable: RFC 3156 encrypts the body only.
    return {
      to: mail.to,
      subject,
      headers: { 'Content-Language': mail.locale },
      ...pgpMimeOptions(mail.text),
    };
  }
  return {
    to: mail.to,
    subject,
    text: mail.text,
    headers: { 'Content-Language': mail.locale },
  };
}

// Content is always inline text; refusing file paths and URLs closes a door nobody needs open.
const CONTENT_POLICY = { disableFileAccess: true, disableUrlAccess: true, logger: false } as const;

function smtpTransport(config: TransportConfig, url: string): MailTransport {
  const transporter = nodemailer.createTransport(
    {
      url,
      pool: true,
      maxConnections: config.SMTP_POOL_SIZE,
      // nodemailer's defaults (2 min to connect, 10 min idle) would hold a dispatch job far too long.
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
      ...CONTENT_POLICY,
    },
    { from: config.MAIL_FROM },
  );
  return {
    send: async (mail) => {
      const info = await transporter.sendMail(compose(mail, config.MAIL_FROM));
      return { messageId: info.messageId };
    },
    close: async () => transporter.close(),
  };
}

function fileTransport(config: TransportConfig, logger: MailLogger): MailTransport {
  const directory = path.join(config.DATA_DIR, 'mail');
  // CRLF line ends: RFC 5322 wire format, which mail clients open as is.
  const transporter = nodemailer.createTransport(
    { streamTransport: true, buffer: true, newline: 'windows', ...CONTENT_POLICY },
    { from: config.MAIL_FROM },
  );
  return {
    send: async (mail) => {
      const info = await transporter.sendMail(compose(mail, config.MAIL_FROM));
      if (!Buffer.isBuffer(info.message)) throw new Error('stream transport returned no buffer');
      await fs.mkdir(directory, { recursive: true, mode: 0o700 });
      // Time first so a directory listing reads in order; nothing from the mail in the name.
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(directory, `${stamp}-${randomUUID()}.eml`);
      // Bodies may carry single-use links: readable by the server's user only.
      await fs.writeFile(file, info.message, { mode: 0o600, flag: 'wx' });
      logger.info({ file }, 'mail written to file (SMTP_URL is not set)');
      return { messageId: info.messageId };
    },
    close: async () => {},
  };
}
