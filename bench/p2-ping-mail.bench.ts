import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { PingTest, PingTestList } from '../common/schemas/ping-tests.ts';
import { renderMail } from '../server/mail/outbox.repository.ts';
import { newLinkToken } from '../server/modules/ping-tests/ping-dispatch.ts';
import { checkMail } from '../server/modules/ping-tests/ping-mail.ts';
import { signInOverHttp, type HttpSession } from '../server/test-support/http-sign-in.ts';
import type { Figure } from './figure.ts';
import { ROOT } from './lib/processes.ts';
import type { Stage } from './lib/stage.ts';

const TARGET_RATIO = 0.6;
/** Mail from earlier figures counts as drained once the SMTP server has heard nothing for this long. */
const QUIET_MS = 2_000;
const QUIET_LIMIT_MS = 300_000;

/** Generous bounds (a stalled sender fails the figure instead of hanging the run): 25 ms a mail, at least 2 min. */
const deliveryTimeoutMs = (mails: number) => Math.max(120_000, mails * 25);

/** What a ping check looks like on the wire, rendered by the server's own code for a typical contact. */
function sampleCheck(serverUrl: string): { subject: string; reference: string; bodyBytes: number } {
  const reference = 'PING-2026-0001';
  const { subject, body } = renderMail(
    checkMail(
      // The server's PUBLIC_URL follows its port (config.ts), so links are as long as the real ones.
      { PUBLIC_URL: `http://localhost:${new URL(serverUrl).port}` },
      {
        to: 'bench.10000@scale.pocdir.example',
        locale: 'en',
        name: 'Contact 10000',
        reference,
        exercise: true,
        dueAt: new Date('2026-11-26T16:00:00Z'),
        timeZone: 'Europe/Zurich',
        token: newLinkToken(),
      },
    ),
  );
  return { subject, reference, bodyBytes: Buffer.byteLength(body) };
}

/** Resolves once no mail has arrived for QUIET_MS (mail from earlier figures still going out would slow both runs). */
async function waitForQuietMail(stage: Stage): Promise<number> {
  const { smtp } = stage;
  smtp.countOnly(null);
  const started = performance.now();
  let seen = 0;
  let lastChange = started;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = performance.now();
    if (smtp.accepted() !== seen) {
      seen = smtp.accepted();
      lastChange = now;
    }
    if (now - lastChange >= QUIET_MS) return seen;
    if (now - started > QUIET_LIMIT_MS) {
      stage.log(`  P2: mail still arriving after ${QUIET_LIMIT_MS / 1000} s (${seen} mails); measuring anyway`);
      return seen;
    }
  }
}

/** The child's next line on stdout, or an error when it exits or stays silent for `timeoutMs`. */
async function nextLine(lines: AsyncIterator<string>, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`raw-mail.ts said nothing for ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    const next = await Promise.race([lines.next(), silence]);
    if (next.done) throw new Error('raw-mail.ts exited before answering');
    return next.value;
  } finally {
    clearTimeout(timer);
  }
}

/** Raw pooled nodemailer in its own process: `mails` mails of the check's size, until the server accepted all. */
async function rawMailSeconds(
  stage: Stage,
  mails: number,
  mail: { subject: string; bodyBytes: number },
  marker: string,
): Promise<number> {
  const { SMTP_POOL_SIZE, MAIL_FROM } = stage.database.config;
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/baselines/raw-mail.ts',
      ...['--count', String(mails), '--smtp', stage.smtp.url, '--pool', String(SMTP_POOL_SIZE)],
      ...['--from', MAIL_FROM, '--subject', mail.subject, '--body-bytes', String(mail.bodyBytes)],
    ],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  try {
    if (!child.stdout || !child.stdin) throw new Error('raw-mail.ts has no stdio');
    // An iterator buffers lines, so none is lost between two reads.
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const ready = await nextLine(lines, 60_000);
    if (ready !== 'ready') throw new Error(`raw-mail.ts: ${ready}`);
    stage.smtp.countOnly(marker);
    const started = performance.now();
    child.stdin.write('go\n');
    await stage.smtp.waitFor(mails, deliveryTimeoutMs(mails));
    const seconds = (performance.now() - started) / 1000;
    await nextLine(lines, 30_000);
    return seconds;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/**
 * The directory manager, signed in over HTTP. The seeded authenticator is tried first; a recovery
 * code (stored hashed, not sealed) still works when the server cannot open the seeded secret.
 */
async function signInManager(stage: Stage): Promise<HttpSession> {
  const manager = stage.dataset.manager;
  try {
    return await signInOverHttp(stage.server.url, manager);
  } catch (error) {
    stage.log(`  P2: authenticator refused (${(error as Error).message.slice(0, 120)}); using a recovery code`);
    return signInOverHttp(stage.server.url, { ...manager, totpSecret: undefined });
  }
}

/**
 * The reference the next campaign will get: serials come from a sequence, one per campaign, so it
 * is the newest one's plus one (checked against the POST's answer).
 */
async function nextReference(stage: Stage, session: HttpSession): Promise<string> {
  const response = await fetch(`${stage.server.url}/api/v1/ping-tests`, { headers: { cookie: session.cookie } });
  if (!response.ok) throw new Error(`GET /api/v1/ping-tests: ${response.status} ${await response.text()}`);
  const { items } = (await response.json()) as PingTestList;
  const newest = Math.max(0, ...items.map((c) => Number(/-(\d+)$/.exec(c.reference)?.[1] ?? 0)));
  return `PING-${new Date().getUTCFullYear()}-${String(newest + 1).padStart(4, '0')}`;
}

/**
 * P2: a ping test to every contact over real HTTP, from just before the POST until the counting SMTP
 * server has accepted every check, as a ratio of raw pooled nodemailer sending as many mails of the
 * same size to the same server (same pool size and options) in the same run.
 */
export async function pingMailFigures(stage: Stage): Promise<Figure[]> {
  const contacts = stage.dataset.scale.contacts;
  const sample = sampleCheck(stage.server.url);
  const rawMarker = `RAWMAIL-${String(Date.now() % 1e6).padStart(6, '0')}`;
  const rawSubject = sample.subject.replace(sample.reference, rawMarker);

  await waitForQuietMail(stage);
  const rawSeconds = await rawMailSeconds(
    stage,
    contacts,
    { subject: rawSubject, bodyBytes: sample.bodyBytes },
    rawMarker,
  );
  const rawRate = contacts / rawSeconds;

  const session = await signInManager(stage);
  const reference = await nextReference(stage, session);
  const drained = await waitForQuietMail(stage);
  // Only this campaign's checks are counted: the counting server matches the reference in their
  // Subject, so any mail the server still sends for earlier figures (deadline reminders of the
  // seeded communications) is not mistaken for ours. Counting must start before the POST, since
  // the first checks can be accepted before its answer arrives; hence the predicted reference.
  stage.smtp.countOnly(reference);
  const started = performance.now();
  let firstMailMs = 0;
  const firstMail = setInterval(() => {
    if (firstMailMs === 0 && stage.smtp.accepted() > 0) firstMailMs = performance.now() - started;
  }, 20);
  let createMs: number;
  let totalSeconds: number;
  try {
    const response = await fetch(`${stage.server.url}/api/v1/ping-tests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: JSON.stringify({
        title: 'P2 benchmark',
        exercise: true,
        targets: { allParticipating: true, groups: [], kinds: [], states: [] },
        channels: ['email'],
        deadlineMode: 'business_hours',
        businessHours: 16,
        reminderHours: [],
      }),
    });
    createMs = performance.now() - started;
    if (response.status !== 201)
      throw new Error(`POST /api/v1/ping-tests: ${response.status} ${await response.text()}`);
    const campaign = (await response.json()) as PingTest;
    if (campaign.reference !== reference) {
      throw new Error(`campaign is ${campaign.reference}, not the predicted ${reference}: its mails were not counted`);
    }
    if (campaign.progress.targets !== contacts) {
      throw new Error(`the campaign targets ${campaign.progress.targets} contacts, not the ${contacts} seeded`);
    }
    await stage.smtp.waitFor(contacts, deliveryTimeoutMs(contacts));
    totalSeconds = (performance.now() - started) / 1000;
  } finally {
    clearInterval(firstMail);
  }
  const rate = contacts / totalSeconds;
  const ratio = rate / rawRate;
  const count = contacts.toLocaleString('en');
  return [
    {
      id: 'P2-base',
      label: `raw pooled nodemailer, ${count} mails (pool ${stage.database.config.SMTP_POOL_SIZE})`,
      value: rawRate,
      unit: 'mails/s',
      details: { seconds: rawSeconds, bodyBytes: sample.bodyBytes },
    },
    {
      id: 'P2',
      label: `ping test to ${count} contacts: start → every mail accepted`,
      value: rate,
      unit: 'mails/s',
      ratio,
      target: `≥ ${TARGET_RATIO}`,
      met: ratio >= TARGET_RATIO,
      details: {
        createMs,
        firstMailSeconds: firstMailMs / 1000,
        totalSeconds,
        // The rate once mail flows, apart from creating the campaign and writing the first checks.
        sendingMailsPerSecond: contacts / (totalSeconds - firstMailMs / 1000),
        earlierMailsDrained: drained,
      },
    },
  ];
}
