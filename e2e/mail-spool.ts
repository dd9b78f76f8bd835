import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { E2E_MAIL_SPOOL } from './fixtures.ts';

function isTo(mail: ParsedMail, address: string): boolean {
  const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
  return to.some((t) => t.value.some((v) => v.address?.toLowerCase() === address.toLowerCase()));
}

/**
 * Waits until at least one mail to `address` (and matching `match`, if given) has arrived, and
 * returns all of them in the order received: the last is the most recent.
 */
export async function waitForMailsTo(
  address: string,
  match: (mail: ParsedMail) => boolean = () => true,
  timeoutMs = 20_000,
): Promise<ParsedMail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = fs.existsSync(E2E_MAIL_SPOOL) ? fs.readdirSync(E2E_MAIL_SPOOL).sort() : [];
    const found: ParsedMail[] = [];
    for (const file of files) {
      const mail = await simpleParser(fs.readFileSync(path.join(E2E_MAIL_SPOOL, file)));
      if (isTo(mail, address) && match(mail)) found.push(mail);
    }
    if (found.length > 0) return found;
    if (Date.now() > deadline) throw new Error(`no matching mail to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Waits for the first mail to `address` that the global setup's SMTP server received, and
 * parses it. The server sends through its outbox job, so this may take a moment.
 */
export async function waitForMailTo(address: string, timeoutMs = 20_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const files = fs.existsSync(E2E_MAIL_SPOOL) ? fs.readdirSync(E2E_MAIL_SPOOL).sort() : [];
    for (const file of files) {
      const mail = await simpleParser(fs.readFileSync(path.join(E2E_MAIL_SPOOL, file)));
      const to = Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : [];
      if (to.some((t) => t.value.some((v) => v.address?.toLowerCase() === address.toLowerCase()))) return mail;
    }
    if (Date.now() > deadline) throw new Error(`no mail to ${address} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
