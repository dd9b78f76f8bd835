import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

/** One message as the sink received it: envelope plus the parsed content. */
export interface SinkMessage {
  /** Envelope recipients (RCPT TO), as the client sent them. */
  to: string[];
  /** Envelope sender (MAIL FROM). */
  from: string;
  subject: string;
  text: string;
  /** Header names in lower case, e.g. headers.get('content-language'). */
  headers: ParsedMail['headers'];
  /** Everything mailparser found (to/from address objects, date, messageId, …). */
  parsed: ParsedMail;
  /** The message exactly as transmitted. */
  raw: Buffer;
}

export interface SmtpSinkOptions {
  /** A fixed port, e.g. to bring a sink back where a stopped one was; 0 (default) picks a free one. */
  port?: number;
  /** Recipients matching this predicate are refused with 550 (a permanent rejection). */
  rejectRecipient?: (address: string) => boolean;
  /**
   * Also write each received message, as transmitted, to this directory (NNNN.eml), so that another
   * process (a Playwright worker, while the sink runs in the global setup) can read it.
   */
  spoolDir?: string;
  /** Milliseconds each message takes to be accepted, like a busy server; lets a test stop a sender mid-run. */
  acceptDelayMs?: number;
}

export interface SmtpSink {
  /** smtp://127.0.0.1:PORT, ready for SMTP_URL. */
  url: string;
  port: number;
  /** Received messages in arrival order; a message is here before the client hears "250 OK". */
  messages: SinkMessage[];
  /** Resolves with the messages once at least `count` have arrived; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<SinkMessage[]>;
  /** Resolves with the first message to `address` (case-insensitive); rejects after `timeoutMs`. */
  waitForMessageTo(address: string, timeoutMs?: number): Promise<SinkMessage>;
  /** Refuses recipients matching the predicate with 550 from now on; null accepts everyone again. */
  rejectRecipients(predicate: ((address: string) => boolean) | null): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps what it receives, so tests read the mails pocdir
 * sends (acceptance links, reminders) through the same nodemailer path as production.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: SinkMessage[] = [];
  if (options.spoolDir !== undefined) fs.mkdirSync(options.spoolDir, { recursive: true });
  const waiters = new Set<() => void>();
  let reject = options.rejectRecipient ?? null;

  const serverOptions: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    // Connections still open at close() (a pooled client) are cut after this instead of 30 s.
    closeTimeout: 200,
    onRcptTo(address, _session, callback) {
      if (reject?.(address.address)) {
        const refusal = Object.assign(new Error(`5.1.1 <${address.address}>: mailbox unavailable`), {
          responseCode: 550,
        });
        callback(refusal);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then(async (parsed) => {
            if (options.acceptDelayMs) await new Promise((resolve) => setTimeout(resolve, options.acceptDelayMs));
            const from = session.envelope.mailFrom;
            messages.push({
              to: session.envelope.rcptTo.map((r) => r.address),
              from: from ? from.address : '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              headers: parsed.headers,
              parsed,
              raw,
            });
            if (options.spoolDir !== undefined) {
              const name = `${String(messages.length).padStart(4, '0')}.eml`;
              fs.writeFileSync(path.join(options.spoolDir, name), raw);
            }
            for (const wake of waiters) wake();
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  // A client hanging up mid-session is normal in tests; without a listener it would crash the run.
  server.on('error', () => {});

  await new Promise<void>((resolve, rejectListen) => {
    server.server.once('error', rejectListen);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;

  const waitUntil = <T>(found: () => T | undefined, timeoutMs: number, what: string): Promise<T> =>
    new Promise<T>((resolve, rejectWait) => {
      const check = () => {
        const value = found();
        if (value === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        rejectWait(new Error(`smtp-sink: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor: (count, timeoutMs = 10_000) =>
      waitUntil(
        () => (messages.length >= count ? messages.slice() : undefined),
        timeoutMs,
        `${count} message(s), have ${messages.length}`,
      ),
    waitForMessageTo: (address, timeoutMs = 10_000) =>
      waitUntil(
        () => messages.find((m) => m.to.some((to) => to.toLowerCase() === address.toLowerCase())),
        timeoutMs,
        `a message to ${address}`,
      ),
    rejectRecipients: (predicate) => {
      reject = predicate;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
