// `pocdir ping-test start` without --no-wait: the campaign's checks and mails sent from this process.
import path from 'node:path';
import pino from 'pino';
import type { PingTest } from '../common/schemas/ping-tests.ts';
import type { Actor } from '../server/auth/actor.ts';
import { dispatchDueMails } from '../server/mail/outbox.dispatcher.ts';
import { createMailTransport } from '../server/mail/transport.ts';
import { writeDueChecks } from '../server/modules/ping-tests/ping-dispatch.ts';
import { getPingTest, listPingContacts, type PingTestDeps } from '../server/modules/ping-tests/ping-tests.service.ts';
import { printable } from './communications-output.ts';
import type { Io } from './command.ts';
import { count, plural, progressMeter, progressSummary } from './ping-test-output.ts';

/** Bounced contacts listed after a dispatch; the rest are in the CSV report. */
const BOUNCES_SHOWN = 20;

export interface DispatchContext {
  deps: PingTestDeps;
  actor: Actor;
  /** The embedded database: this process holds it, so nobody else sends anything meanwhile. */
  embedded: boolean;
  io: Io;
}

/**
 * Writes the checks a batch at a time and sends each batch's mails, as the server's jobs would,
 * until every mail of the campaign is sent or bounced. A mail the server deferred (temporary
 * failure) is retried later; rather than spin until then, this stops when nothing is due now.
 */
export async function dispatchInForeground(context: DispatchContext, campaign: PingTest, say: (text: string) => void) {
  const { deps, actor, io } = context;
  const { config, db } = deps;
  const transport = createMailTransport(config, pino({ level: 'silent' }));
  const meter = progressMeter(io, campaign.reference);
  let stopping = false;
  const interrupt = () => {
    if (stopping) process.exit(130);
    stopping = true;
    meter.end();
    io.err('Stopping after this batch (Ctrl-C again to quit at once)…');
  };
  process.on('SIGINT', interrupt);
  let current = campaign;
  let seen = '';
  try {
    meter.update(current.progress);
    for (;;) {
      let written = 0;
      await writeDueChecks(db, config, new Date(), {
        shouldStop: () => stopping || written > 0,
        onBatch: (total) => (written = total),
      });
      const sent = await dispatchDueMails(db, transport, {
        maxAttempts: config.MAIL_MAX_ATTEMPTS,
        leaseSeconds: config.MAIL_LEASE_SECONDS,
        concurrency: config.SMTP_POOL_SIZE,
      });
      current = await getPingTest(deps, actor, current.id);
      meter.update(current.progress);
      if (current.progress.done || stopping) break;
      if (written === 0 && sent.sent + sent.retried + sent.failed === 0) {
        // Nothing due now. On PostgreSQL a server may be sending the rest: wait while it moves.
        const shown = JSON.stringify(current.progress);
        if (context.embedded || shown === seen) break;
        seen = shown;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  } finally {
    process.off('SIGINT', interrupt);
    meter.end();
    await transport.close();
  }
  await summarize(context, current, stopping, say);
  return current;
}

async function summarize(
  context: DispatchContext,
  campaign: PingTest,
  interrupted: boolean,
  say: (text: string) => void,
) {
  const p = campaign.progress;
  const { config } = context.deps;
  const files = config.SMTP_URL ? '' : ` (as .eml files in ${path.join(config.DATA_DIR, 'mail')}: SMTP_URL is not set)`;
  const state = p.done ? 'done' : interrupted ? 'interrupted' : 'not finished';
  say(`${campaign.reference}: ${state}, ${progressSummary(p)}${files}.`);
  const unwritten = p.targets - p.notified;
  // Mails of checks not yet written are not in the outbox yet; the rest are queued for a retry.
  const queued = p.mailsTotal - p.mailsSent - p.mailsFailed - (p.mailsTotal > 0 ? unwritten : 0);
  const left = [
    unwritten > 0 ? `${plural(unwritten, 'check')} not yet written` : '',
    queued > 0
      ? `${plural(queued, 'mail')} queued${interrupted ? '' : ' (not accepted yet by the mail server: retried later)'}`
      : '',
  ].filter(Boolean);
  if (left.length > 0) say(`${left.join('; ')}. The server's background jobs finish them (pocdir serve).`);
  if (p.mailsFailed === 0) return;
  const bounced = await listPingContacts(context.deps, context.actor, campaign.id, {
    result: 'bounced',
    limit: BOUNCES_SHOWN,
  });
  say('Bounced:');
  for (const c of bounced.items) {
    say(printable(`  ${c.name} <${c.email}>, State ${c.stateM49}, ${c.kind}: ${c.bounce ?? 'rejected'}`));
  }
  if (bounced.total > bounced.items.length) {
    const more = bounced.total - bounced.items.length;
    say(`  … and ${count(more)} more (pocdir ping-test report ${campaign.reference} --format csv)`);
  }
}
