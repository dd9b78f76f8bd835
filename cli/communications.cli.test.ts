import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase, type Isolated } from '../server/test-support/isolated.ts';
import { runCli } from '../server/test-support/run-cli.ts';

const GHANA = '288';
const EGYPT = '818';
const GHANA_POC = 'poc.gh@cli-comms.pocdir.example';
// The Egypt technical entry's e-mail in the demo directory (server/demo/demo-directory-entries.ts).
const EGYPT_POC = 'a.moustafa@egcert.example';
const MANAGER = 'manager@demo.pocdir.example';

function lines(text: string): string[] {
  return text.trimEnd().split('\n');
}

describe('pocdir communications', () => {
  let iso: Isolated;
  let dir: string;
  let id = '';
  let reference = '';

  beforeAll(async () => {
    iso = await isolatedDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pocdir-communications-cli-'));
    expect((await runCli(['migrate'], iso.env)).code).toBe(0);
    expect((await runCli(['seed-demo'], iso.env)).code).toBe(0);
    for (const [email, state] of [
      [GHANA_POC, GHANA],
      [EGYPT_POC, EGYPT],
    ] as const) {
      const created = await runCli(
        ['user', 'create', '--email', email, '--name', `POC ${state}`, '--role', 'point_of_contact', '--state', state],
        iso.env,
      );
      expect(created.code, created.stderr).toBe(0);
    }
  }, 120_000);
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await iso.dispose();
  });

  it('sends Ghana → Egypt from a JSON file; Egypt lists it and reads it under its TLP label', async () => {
    const content = path.join(dir, 'request.json');
    fs.writeFileSync(
      content,
      JSON.stringify({
        summary: 'Phishing wave against ministries',
        informationRequested: 'Have you seen these sender domains?\nPlease share indicators.',
        impact: 'moderate',
        technicalIndicators: ['mail.gov-gh.example'],
      }),
    );
    const sent = await runCli(
      [
        'communications',
        'send',
        '--as',
        GHANA_POC,
        '--to',
        EGYPT,
        '--type',
        'request_for_information',
        '--tlp',
        'TLP:AMBER',
        '--urgency',
        'normal',
        '--reference',
        'GH-CERT-42',
        '--language',
        'en',
        '--content',
        content,
      ],
      iso.env,
    );
    expect(sent.code, sent.stderr).toBe(0);
    const match = /Sent (PD-\d{4}-\d{6}) \(id ([0-9a-f-]{36})\) TLP:AMBER to State 818/.exec(sent.stdout);
    expect(match, sent.stdout).not.toBeNull();
    reference = match?.[1] ?? '';
    id = match?.[2] ?? '';

    const listed = await runCli(['communications', 'list', '--as', EGYPT_POC, '--direction', 'in'], iso.env);
    expect(listed.code, listed.stderr).toBe(0);
    const [header, row] = lines(listed.stdout);
    expect(header).toMatch(/^REFERENCE\s+TLP\s+TYPE\s+FROM\s+STATUS \(818\)\s+SENT$/);
    expect(row).toMatch(new RegExp(`^${reference}\\s+TLP:AMBER\\s+request_for_information\\s+288\\s+sent\\s+.* UTC$`));

    // By reference, as an operator copies it from the list.
    const shown = await runCli(['communications', 'show', reference, '--as', EGYPT_POC], iso.env);
    expect(shown.code, shown.stderr).toBe(0);
    const out = lines(shown.stdout);
    expect(out[0]).toBe('TLP:AMBER');
    expect(out.at(-1)).toBe('TLP:AMBER');
    expect(shown.stdout).toContain('Phishing wave against ministries');
    expect(shown.stdout).toContain('    Please share indicators.');
    expect(shown.stdout).toContain("Sender's reference: GH-CERT-42");
    expect(shown.stdout).toContain('Impact: Moderate');
    expect(shown.stdout).toContain('To State 818: delivered');
  }, 60_000);

  it('Egypt acknowledges and answers; Ghana sees the answer and the status answered', async () => {
    const acked = await runCli(['communications', 'ack', id, '--as', EGYPT_POC], iso.env);
    expect(acked.code, acked.stderr).toBe(0);
    expect(acked.stdout).toContain(`${reference}: State 818 is now acknowledged.`);

    const answer = JSON.stringify({ response: 'Yes: two of the domains hit us last week.' });
    const answered = await runCli(
      ['communications', 'answer', id, '--as', EGYPT_POC, '--language', 'en', '--content', '-'],
      iso.env,
      answer,
    );
    expect(answered.code, answered.stderr).toBe(0);
    expect(answered.stdout).toMatch(/Sent response PD-\d{4}-\d{6} \(id [0-9a-f-]{36}\) TLP:AMBER\./);
    expect(answered.stdout).toContain(`${reference}: State 818 is now answered.`);

    const shown = await runCli(['communications', 'show', id, '--as', GHANA_POC, '--json'], iso.env);
    expect(shown.code, shown.stderr).toBe(0);
    const thread = JSON.parse(shown.stdout) as {
      messages: {
        id: string;
        type: string;
        senderStateM49: string;
        content: Record<string, unknown>;
        recipients: { stateM49: string; status: string }[];
      }[];
    };
    const [root, reply] = thread.messages;
    expect(root?.id).toBe(id);
    expect(root?.recipients).toEqual([expect.objectContaining({ stateM49: EGYPT, status: 'answered' })]);
    expect(reply).toMatchObject({ type: 'response', senderStateM49: EGYPT });
    expect(reply?.content.response).toBe('Yes: two of the domains hit us last week.');
  }, 60_000);

  it('refuses an unknown account, a role without the permission and a bad TLP label', async () => {
    const unknown = await runCli(['communications', 'list', '--as', 'nobody@nowhere.example'], iso.env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('NOT_FOUND');
    expect(unknown.stderr).toContain('nobody@nowhere.example');

    const manager = await runCli(['communications', 'show', id, '--as', MANAGER], iso.env);
    expect(manager.code).toBe(1);
    expect(manager.stderr).toContain('FORBIDDEN');
    expect(manager.stdout).not.toContain('Phishing');

    const badTlp = await runCli(
      ['communications', 'send', '--as', GHANA_POC, '--to', EGYPT, '--type', 'incident_notification'].concat([
        '--tlp',
        'amber',
        '--urgency',
        'normal',
        '--language',
        'en',
        '--content',
        '-',
      ]),
      iso.env,
    );
    expect(badTlp.code).toBe(2);
    expect(badTlp.stderr).toContain('--tlp must be one of: TLP:RED');
  }, 60_000);
});
