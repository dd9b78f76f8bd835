import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface CountingSmtp {
  url: string;
  port: number;
  /** Messages accepted so far whose Subject contains `marker` (all when no marker is set). */
  accepted(): number;
  /** Only count messages whose Subject contains this from now on, and reset the count. */
  countOnly(marker: string | null): void;
  /** Resolves once `count` messages have been counted; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback that accepts and counts, nothing more: the benchmarks measure the
 * sender, so the receiver must cost as little as possible (no parsing, nothing kept).
 */
export async function startCountingSmtp(): Promise<CountingSmtp> {
  let count = 0;
  let marker: string | null = null;
  let waiter: { count: number; resolve: () => void } | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 30 * 1024 * 1024,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        if (marker === null || head.includes(marker)) count += 1;
        if (waiter && count >= waiter.count) {
          waiter.resolve();
          waiter = null;
        }
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    accepted: () => count,
    countOnly(next) {
      marker = next;
      count = 0;
    },
    waitFor(target, timeoutMs) {
      if (count >= target) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${count} of ${target} mails arrived in ${timeoutMs / 1000} s`)),
          timeoutMs,
        );
        waiter = {
          count: target,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
