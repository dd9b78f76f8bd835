import fs from 'node:fs';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { E2E_MAIL_SPOOL } from './fixtures.ts';

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
