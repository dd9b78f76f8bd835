import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../server/boot.ts';
import { translate } from '../server/i18n.ts';
import { buildEntry } from '../server/test-support/directory-factories.ts';
import { isolatedDatabase, type Isolated } from '../server/test-support/isolated.ts';
import { runCli } from '../server/test-support/run-cli.ts';
import { startSmtpSink, type SmtpSink } from '../server/test-support/smtp-sink.ts';

const GHANA = '288';
const FRANCE = '250';
const KENYA = '404';
const BOUNCING = 'luc.bernard@cert.fr.example';
// Targeted (Ghana and France) and accepted by the mail server.
const DELIVERED = ['ama.mensah@cert.gh.example', 'kofi.boateng@mfa.gh.example', 'claire.martin@cert.fr.example'];

function lines(text: string): string[] {
  return text.trimEnd().split('\n');
}

describe('pocdir ping-test', () => {
  let iso: Isolated;
  let sink: SmtpSink;
  let env: Record<string, string>;
  let reference = '';

  beforeAll(async () => {
    iso = await isolatedDatabase();
    sink = await startSmtpSink({ rejectRecipient: (address) => address === BOUNCING });
    env = { ...iso.env, SMTP_URL: sink.url };
    // Entries made the real way in this process, which then lets go of the database for the CLI.
    const database = await prepareDatabase(iso.config, 'ping-test.cli.test');
    try {
      const deps = { db: database.db, config: iso.config };
      await buildEntry(deps, GHANA, { emails: [DELIVERED[0] as string] });
      await buildEntry(deps, GHANA, { kind: 'diplomatic', emails: [DELIVERED[1] as string] });
      await buildEntry(deps, FRANCE, { emails: [DELIVERED[2] as string], workingLanguages: ['fr'] });
      await buildEntry(deps, FRANCE, { slotRole: 'alternate', emails: [BOUNCING] });
      await buildEntry(deps, KENYA, { emails: ['not.targeted@cert.ke.example'] });
    } finally {
      await database.close();
    }
  }, 60_000);
  afterAll(async () => {
    await sink.close();
    await iso.dispose();
  });

  it('starts a campaign for two States and sends each contact one check, showing progress; the bounce is reported', async () => {
    const started = await runCli(
      ['ping-test', 'start', '--states', `${GHANA},${FRANCE}`, '--business-hours', '8', '--reminders', '4,1'].concat([
        '--title',
        'CLI check',
      ]),
      env,
    );
    expect(started.code, started.stderr).toBe(0);
    const match = /^Started (PING-\d{4}-\d{4}) \(id [0-9a-f-]{36}\): 4 contacts to check\.$/m.exec(started.stdout);
    expect(match, started.stdout).not.toBeNull();
    reference = match?.[1] ?? '';

    // Not a terminal: plain lines, at most one per 10 %, the last at 100 %.
    const progress = lines(started.stderr).filter((line) => line.startsWith(reference));
    expect(progress.length).toBeGreaterThanOrEqual(1);
    expect(progress.length).toBeLessThanOrEqual(11);
    expect(started.stderr).not.toContain('\r');
    expect(progress.at(-1)).toBe(`${reference}  [####################] 100%  3/4 mails sent, 1 bounced`);

    expect(started.stdout).toContain(`${reference}: done, 3/4 mails sent, 1 bounced.`);
    expect(started.stdout).toMatch(
      new RegExp(`^Bounced:\\n  .+ <${BOUNCING}>, State ${FRANCE}, technical: .*550`, 'm'),
    );

    // The sink holds what the server accepted: each targeted contact once, the bounced one not at all.
    const checks = sink.messages.filter((m) => m.subject.includes(reference));
    expect(checks.map((m) => m.to[0]).sort()).toEqual([...DELIVERED].sort());
    expect(checks.find((m) => m.to[0] === DELIVERED[2])?.subject).toContain('Test de joignabilité');
  }, 60_000);

  it('lists the campaign and shows its figures', async () => {
    const listed = await runCli(['ping-test', 'status'], env);
    expect(listed.code, listed.stderr).toBe(0);
    const [header, row] = lines(listed.stdout);
    expect(header).toMatch(/^REFERENCE\s+TITLE\s+STARTED\s+STATUS\s+PROGRESS\s+ACK IN TIME\s+STATES REACHED$/);
    expect(row).toMatch(new RegExp(`^${reference}\\s+CLI check\\s+\\S+ \\S+ UTC\\s+open\\s+done\\s+0 %\\s+0/2$`));

    const shown = await runCli(['ping-test', 'status', reference], env);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`${reference}  CLI check`);
    expect(shown.stdout).toContain(`Targets: States ${GHANA}, ${FRANCE}; all kinds; channels email, in_app`);
    expect(shown.stdout).toContain('Progress: [####################] 100%  3/4 mails sent, 1 bounced');
    expect(shown.stdout).toContain(
      'Contacts: 4 (Acknowledged 0, Late 0, No response 0, Bounced 1, Key problem 0, Pending 3)',
    );
    expect(shown.stdout).toContain('States reached: 0/2');
    expect(shown.stdout).toContain('Reminders: 4 h, 1 h before the deadline');
  }, 60_000);

  it('reports as CSV, one row per contact, and as text in French', async () => {
    const csv = await runCli(['ping-test', 'report', reference, '--format', 'csv'], env);
    expect(csv.code, csv.stderr).toBe(0);
    const [header, ...rows] = lines(csv.stdout.replace(/^\uFEFF/, '')).map((line) => line.replace(/\r$/, ''));
    expect(header).toMatch(/^reference,exercise,state_m49,state,kind,slot_role,name,email,/);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.startsWith(`${reference},no,`))).toBe(true);
    expect(rows.filter((r) => r.includes(BOUNCING))).toEqual([expect.stringContaining(',bounced,Bounced,')]);

    const text = await runCli(['ping-test', 'report', reference, '--language', 'fr'], env);
    expect(text.code, text.stderr).toBe(0);
    const out = text.stdout;
    expect(lines(out)[0]).toBe(`Rapport du test de joignabilité ${reference}`);
    for (const label of ['ping.report.byGroup', 'ping.report.byState', 'group.african', 'ping.result.bounced']) {
      expect(out).toContain(translate('fr', label));
    }
    expect(out).toMatch(/^États joints\s+0 \/ 2$/m);
    expect(out).toMatch(/^France\s+En attente\s+0\s+0\s+0\s+1\s+0\s+1$/m);
  }, 60_000);

  it('explains usage mistakes (exit 2) and an unknown campaign (exit 1, translated message)', async () => {
    const noDeadline = await runCli(['ping-test', 'start', '--states', GHANA], env);
    expect(noDeadline.code).toBe(2);
    expect(noDeadline.stderr).toContain('a deadline is required: --deadline ISO-8601');

    const both = await runCli(['ping-test', 'start', '--all', '--states', GHANA, '--business-hours', '8'], env);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--all and --states do not combine');

    const unknown = await runCli(['ping-test', 'status', 'PING-2026-9999'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(`NOT_FOUND: ${translate('en', 'error.NOT_FOUND')}`);
    expect(unknown.stderr).toContain('No ping test PING-2026-9999');
  }, 60_000);
});
