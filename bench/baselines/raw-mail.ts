// Baseline for P2: raw pooled nodemailer, configured as pocdir's SMTP transport is
// (server/mail/transport.ts), sending `--count` plain-text mails the size of a ping check to the
// benchmark's counting SMTP server as fast as it can. It runs as its own process so that, like
// `pocdir serve`, it has a core of its own, and the receiver is the same for both.
//
// Protocol on stdio: prints "ready" once the transport exists, starts sending when a line arrives on
// stdin (so the benchmark's clock starts at the same moment for both), prints one JSON line
// {"sent": n, "ms": t} when the server has accepted every mail, and exits.
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';

const { values } = parseArgs({
  options: {
    count: { type: 'string' },
    smtp: { type: 'string' },
    pool: { type: 'string', default: '5' },
    from: { type: 'string', default: 'pocdir <no-reply@pocdir.invalid>' },
    subject: { type: 'string' },
    'body-bytes': { type: 'string' },
  },
});
const count = Number(values.count);
const pool = Number(values.pool);
const bodyBytes = Number(values['body-bytes']);
if (!Number.isInteger(count) || count < 1 || !values.smtp || !values.subject || !Number.isInteger(bodyBytes)) {
  console.error('usage: raw-mail.ts --count N --smtp URL --subject S --body-bytes B [--pool 5] [--from ADDRESS]');
  process.exit(2);
}

/**
 * `bytes` of UTF-8 text in lines of about 70 characters. Like the rendered check, it holds one
 * non-ASCII character (the narrow no-break space of "5:00 PM" in English dates), so nodemailer
 * sends it quoted-printable, as it does the real one.
 */
function fillerBody(bytes: number): string {
  const first = 'Please acknowledge by Thursday, November 26, 2026 at 5:00\u202fPM.\n';
  const line = 'Acknowledge with one click, the link works once, or use the app.\n';
  const rest = Math.max(0, bytes - Buffer.byteLength(first));
  return first + line.repeat(Math.ceil(rest / line.length)).slice(0, rest);
}

const body = fillerBody(bodyBytes);
const domain = /@([^\s>]+)>?\s*$/.exec(values.from ?? '')?.[1] ?? 'pocdir.invalid';

// The options of smtpTransport() in server/mail/transport.ts, unchanged.
const transporter = nodemailer.createTransport(
  {
    url: values.smtp,
    pool: true,
    maxConnections: pool,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    disableFileAccess: true,
    disableUrlAccess: true,
    logger: false,
  },
  { from: values.from },
);

/** One message shaped as compose() builds it: stable Message-ID, plain text, Content-Language. */
function sendOne(n: number): Promise<unknown> {
  return transporter.sendMail({
    messageId: `<${randomUUID()}@${domain}>`,
    to: `raw.${n}@scale.pocdir.example`,
    subject: values.subject,
    text: body,
    headers: { 'Content-Language': 'en' },
  });
}

console.log('ready');
const input = createInterface({ input: process.stdin });
await new Promise<void>((resolve) => input.once('line', () => resolve()));
input.close();

const started = performance.now();
// Every mail handed to the pool at once: its queue feeds each connection the moment it is free,
// which is as fast as nodemailer can go (no dispatcher, no database, nothing between the mails).
await Promise.all(Array.from({ length: count }, (_, n) => sendOne(n)));
const ms = performance.now() - started;
console.log(JSON.stringify({ sent: count, ms }));
transporter.close();
process.exit(0);
