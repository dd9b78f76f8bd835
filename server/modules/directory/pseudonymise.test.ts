import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryEntry, EntryVersion } from '../../../common/schemas/directory.ts';
import { foldForSearch } from '../../../common/search-fold.ts';
import { CLI_ACTOR, SYSTEM_ACTOR } from '../../auth/actor.ts';
import { rowsOf } from '../../db/client.ts';
import { dispatchDueMails } from '../../mail/outbox.dispatcher.ts';
import { createMailTransport, type MailTransport } from '../../mail/transport.ts';
import { sendRequest } from '../../test-support/communication-factories.ts';
import {
  acceptanceTokenFromOutbox,
  buildEntry,
  entryDetails,
  nominationRequest,
} from '../../test-support/directory-factories.ts';
import {
  buildAccount,
  signIn,
  signedIn,
  STATE_A,
  STATE_B,
  TEST_PASSWORD,
  type SignedIn,
} from '../../test-support/factories.ts';
import { createGpgHome } from '../../test-support/gpg.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { startSmtpSink, type SmtpSink } from '../../test-support/smtp-sink.ts';
import { createAccount } from '../accounts/accounts.service.ts';
import { verifyAuditChain } from '../audit/audit.service.ts';
import { writeDueChecks } from '../ping-tests/ping-dispatch.ts';
import { directoryRemindersSweep } from './freshness.sweep.ts';

let h: Harness;
let sink: SmtpSink;
let transport: MailTransport;
let manager: SignedIn;
let authorityA: SignedIn;
let authorityB: SignedIn;
let pocA: SignedIn;
let auditor: SignedIn;

beforeAll(async () => {
  sink = await startSmtpSink();
  h = await createHarness({ SMTP_URL: sink.url, PUBLIC_URL: 'https://pocdir.example' });
  transport = createMailTransport(h.config, pino({ level: 'silent' }));
  const db = h.database.db;
  manager = await signedIn(h.app, db, 'directory_manager');
  authorityA = await signedIn(h.app, db, 'national_authority', STATE_A);
  authorityB = await signedIn(h.app, db, 'national_authority', STATE_B);
  pocA = await signedIn(h.app, db, 'point_of_contact', STATE_A);
  auditor = await signedIn(h.app, db, 'auditor');
}, 60_000);
afterAll(async () => {
  await transport.close();
  await h.close();
  await sink.close();
});

function call(session: SignedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  const headers = method === 'GET' ? session.headers : session.writeHeaders;
  return h.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload !== undefined ? { payload } : {}) });
}

async function ok<T>(response: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = 200) {
  const settled = await response;
  expect(settled.statusCode, settled.body).toBe(status);
  return settled.json() as T;
}

const pseudonymise = (session: SignedIn, entryId: string, payload: object = {}) =>
  call(session, 'POST', `/directory/entries/${entryId}/pseudonymise`, payload);

/** The manager approves; nomination ids come from the national authority's submission. */
async function submitAndApprove(payload: object): Promise<{ id: string; resultingEntryId: string | null }> {
  const nomination = await ok<{ id: string }>(call(authorityA, 'POST', '/nominations', payload), 201);
  return ok(call(manager, 'POST', `/nominations/${nomination.id}/approve`));
}

async function retire(entryId: string, reason: string): Promise<void> {
  await submitAndApprove(nominationRequest({ type: 'removal', details: undefined, targetEntryId: entryId, reason }));
}

/**
 * Every text, JSON, array and binary column of every table of the public schema, read from the
 * catalogue (so a table added later is scanned too), searched for each needle, ignoring case.
 */
async function findEverywhere(needles: string[]): Promise<string[]> {
  const columns = rowsOf<{ table_name: string; column_name: string; data_type: string }>(
    await h.database.db.execute(sql`
      select c.table_name, c.column_name, c.data_type
        from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
       where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
         and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY', 'bytea')
       order by 1, 2`),
  );
  expect(columns.length).toBeGreaterThan(50);
  const found: string[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    const value = sql.identifier(column);
    // One pass over the table per column: a flag per needle.
    const flags = needles.map((needle, index) => {
      const match =
        type === 'bytea'
          ? sql`position(convert_to(${needle}, 'UTF8') in ${value}) > 0`
          : sql`${value}::text ilike ${`%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
      return sql`coalesce(bool_or(${match}), false) as ${sql.identifier(`n${index}`)}`;
    });
    const rows = rowsOf<Record<string, boolean>>(
      await h.database.db.execute(sql`select ${sql.join(flags, sql`, `)} from ${sql.identifier(table)}`),
    );
    needles.forEach((needle, index) => {
      if (rows[0]?.[`n${index}`]) found.push(`${table}.${column}: ${needle}`);
    });
  }
  return found;
}

describe('pseudonymising a retired contact', () => {
  it('replaces every trace of the person, keeps the history and the audit chain, and is for its own national authority only', async () => {
    const db = h.database.db;
    const tag = crypto.randomBytes(4).toString('hex');
    const nameLatin = `Abena Owusu ${tag}`;
    const nameNative = `Àbẹ́nà Owusu ${tag}`;
    const email = `abena.${tag}@cert.gh.example`;
    const officePhone = `+233 30 555 ${crypto.randomInt(1000, 9999)}`;
    const mobile = `+233 24 777 ${crypto.randomInt(1000, 9999)}`;
    const channel = `signal:abena-${tag}`;
    const gpg = createGpgHome(`${nameLatin} <${email}>`);

    // The person also has an account of their State, and acts in the app with it.
    const { account } = await createAccount(
      db,
      SYSTEM_ACTOR,
      { email, displayName: nameLatin, role: 'point_of_contact', stateM49: STATE_A, locale: 'en' },
      null,
      { password: TEST_PASSWORD },
    );
    const contact = await signIn(h.app, {
      id: account.id,
      email,
      password: TEST_PASSWORD,
      role: 'point_of_contact',
      stateM49: STATE_A,
    });

    // Nominated for real: a note verbale naming the person, verified, accepted by the link in the mail.
    const details = entryDetails({
      nameLatin,
      nameNative,
      emails: [email],
      phones: [
        { number: officePhone, label: 'office', available247: true, visibility: 'directory' },
        { number: mobile, label: 'mobile', available247: true, visibility: 'restricted' },
      ],
      secureChannels: [{ channel: 'Signal', address: channel, visibility: 'restricted' }],
      pgpPublicKey: gpg.publicKey,
      available247: true,
    });
    gpg.dispose();
    const nomination = await ok<{ id: string }>(
      call(authorityA, 'POST', '/nominations', nominationRequest({ stateM49: STATE_A, details })),
      201,
    );
    const pdf = Buffer.from(`%PDF-1.4\n1 0 obj << /Title (Note verbale nominating ${nameLatin}) >> endobj\n%%EOF\n`);
    await ok(
      h.app.inject({
        method: 'PUT',
        url: `/api/v1/nominations/${nomination.id}/document`,
        headers: {
          ...authorityA.writeHeaders,
          'content-type': 'application/pdf',
          'x-file-name': encodeURIComponent(`NV ${nameLatin}.pdf`),
        },
        payload: pdf,
      }),
    );
    await ok(call(manager, 'POST', `/nominations/${nomination.id}/approve`));
    const token = await acceptanceTokenFromOutbox(db, email);
    const { entryId } = await ok<{ entryId: string }>(
      h.app.inject({ method: 'POST', url: '/api/v1/acceptance', payload: { token } }),
    );
    const before = (await ok<{ entry: DirectoryEntry }>(call(authorityA, 'GET', `/directory/entries/${entryId}`)))
      .entry;
    const fingerprint = before.key?.fingerprint ?? '';
    expect(fingerprint).toMatch(/^[0-9A-F]{40}$/i);
    await dispatchDueMails(db, transport, { maxAttempts: 3 });
    await sink.waitForMessageTo(email);

    // Mail from another State, a reply by the person, a ping test acknowledged in the app.
    const sent = await ok<{ id: string }>(call(authorityB, 'POST', '/communications', sendRequest(STATE_A)), 201);
    await ok(
      call(contact, 'POST', `/communications/${sent.id}/replies`, {
        type: 'acknowledgement',
        language: 'en',
        content: {},
      }),
      201,
    );
    await ok(
      call(manager, 'POST', '/ping-tests', {
        exercise: false,
        targets: { allParticipating: false, groups: [], kinds: [], states: [STATE_A] },
        channels: ['email', 'in_app'],
        deadlineMode: 'absolute',
        deadlineAt: new Date(Date.now() + 4 * 3_600_000).toISOString(),
        reminderHours: [],
      }),
      201,
    );
    await writeDueChecks(db, h.config, new Date());
    await dispatchDueMails(db, transport, { maxAttempts: 3 });
    const mine = await ok<{ items: { targetId: string }[] }>(call(contact, 'GET', '/ping-tests/mine'));
    expect(mine.items).toHaveLength(1);
    await ok(call(contact, 'POST', `/ping-tests/checks/${mine.items[0]?.targetId}/acknowledge`));

    // Free text naming the person: an update the manager turned down, a reminder not yet sent.
    const update = await ok<{ id: string }>(
      call(
        authorityA,
        'POST',
        '/nominations',
        nominationRequest({
          type: 'update',
          targetEntryId: entryId,
          details: { ...details, function: 'Deputy head' },
          reason: `${nameLatin} was promoted`,
        }),
      ),
      201,
    );
    await ok(call(manager, 'POST', `/nominations/${update.id}/reject`, { reason: 'Please attach the note verbale.' }));
    await directoryRemindersSweep(h.config).run(db, new Date(Date.now() + 400 * 86_400_000));
    // A message on its way to the person when the State asks: it must not go out any more.
    await ok(call(authorityB, 'POST', '/communications', sendRequest(STATE_A)), 201);

    // Only a retired entry can be pseudonymised.
    const active = await pseudonymise(authorityA, entryId);
    expect(active.statusCode).toBe(409);
    expect(active.json().error.code).toBe('ENTRY_NOT_RETIRED');
    await retire(entryId, `${nameLatin} left the service`);

    // Only the entry's own national authority.
    expect((await pseudonymise(authorityB, entryId)).statusCode).toBe(404);
    for (const session of [pocA, contact, manager, auditor]) {
      const refused = await pseudonymise(session, entryId);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('FORBIDDEN');
    }
    const retired = (await ok<{ entry: DirectoryEntry }>(call(authorityA, 'GET', `/directory/entries/${entryId}`)))
      .entry;
    expect(retired.abilities.pseudonymise).toBe(true);
    expect(
      (await ok<{ entry: DirectoryEntry }>(call(authorityB, 'GET', `/directory/entries/${entryId}`))).entry.abilities
        .pseudonymise,
    ).toBe(false);

    const done = await ok<DirectoryEntry>(pseudonymise(authorityA, entryId, { pseudonymiseAccount: true }));
    expect(done.nameLatin).toMatch(/^Former contact [0-9A-F]{8}$/);
    expect(done).toMatchObject({
      status: 'retired',
      nameNative: done.nameLatin,
      phones: [],
      secureChannels: [],
      key: null,
      organisation: details.organisation,
      abilities: { pseudonymise: false },
    });
    expect(done.emails).toEqual([`former-${done.nameLatin.slice(-8).toLowerCase()}@pseudonymised.invalid`]);
    expect(done.pseudonymisedAt).not.toBeNull();
    const again = await pseudonymise(authorityA, entryId);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ENTRY_ALREADY_PSEUDONYMISED');

    // (a) Nothing left anywhere, except the note verbale PDF: the State's official record of the
    // nomination, whose hash is in the audit trail (see pseudonymise.service.ts).
    const found = await findEverywhere([
      email,
      nameLatin,
      nameNative,
      foldForSearch(nameNative),
      officePhone,
      mobile,
      channel,
      fingerprint,
      tag,
    ]);
    const KEPT = [`nomination_documents.content: ${nameLatin}`, `nomination_documents.content: ${tag}`];
    expect(found.sort()).toEqual(KEPT.sort());

    // The account is a pseudonym too, disabled, its session ended.
    expect((await call(contact, 'GET', '/session')).statusCode).toBe(401);
    const accountRow = rowsOf<{ email: string; display_name: string; disabled: boolean; pseudonymised: boolean }>(
      await db.execute(sql`select email, display_name, disabled_at is not null as disabled,
                                  pseudonymised_at is not null as pseudonymised from accounts where id = ${account.id}`),
    )[0];
    expect(accountRow).toEqual({
      email: done.emails[0],
      display_name: done.nameLatin,
      disabled: true,
      pseudonymised: true,
    });
    // It cannot come back under its pseudonym.
    const reenabled = await call(authorityA, 'POST', `/accounts/${account.id}/enable`);
    expect(reenabled.statusCode).toBe(409);
    expect(reenabled.json().error.code).toBe('ACCOUNT_PSEUDONYMISED');
    // The mail still on its way was cancelled; those sent keep their record under the pseudonym.
    const mails = rowsOf<{ status: string; body: string }>(
      await db.execute(sql`select status, body from outbox where recipient = ${done.emails[0]}`),
    );
    expect(mails.length).toBeGreaterThanOrEqual(3);
    expect(mails.filter((m) => m.status === 'pending')).toEqual([]);
    expect(mails.every((m) => m.body === '')).toBe(true);

    // (b) The chain still verifies; one entry records the pseudonymisation, with ids and counts only.
    expect(await verifyAuditChain(db, CLI_ACTOR)).toMatchObject({ ok: true, firstBadPosition: null });
    const trail = await ok<{
      items: { action: string; targetId: string; actorAccountId: string | null; actorLabel: string; after: unknown }[];
    }>(call(auditor, 'GET', '/audit?limit=500'));
    const recorded = trail.items.filter((e) => e.action === 'entry.pseudonymise');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ targetId: entryId, actorLabel: authorityA.account.email });
    expect(recorded[0]?.after).toMatchObject({
      nominationIds: expect.arrayContaining([nomination.id, update.id]),
      accountIds: [account.id],
    });
    // The auditor sees the person's own actions under the pseudonym, by the account's id.
    const byPerson = trail.items.filter((e) => e.actorAccountId === account.id);
    expect(byPerson.map((e) => e.action)).toEqual(
      expect.arrayContaining(['ping_test.acknowledge', 'communication.reply']),
    );
    expect(new Set(byPerson.map((e) => e.actorLabel))).toEqual(new Set([done.emails[0]]));

    // (d) The history still lists every version, each pseudonymised.
    const history = (await ok<{ history: EntryVersion[] }>(call(authorityA, 'GET', `/directory/entries/${entryId}`)))
      .history;
    expect(history.map((v) => v.change)).toEqual(['pseudonymised', 'retired', 'created']);
    for (const version of history) {
      expect(version.entry).toMatchObject({ nameLatin: done.nameLatin, emails: done.emails, phones: [], key: null });
    }
  }, 120_000);

  it('leaves an enabled account alone unless asked, with the addresses it still receives mail at', async () => {
    const db = h.database.db;
    const person = await buildAccount(db, { role: 'point_of_contact', stateM49: STATE_A });
    const { entryId } = await buildEntry({ db, config: h.config }, STATE_A, { emails: [person.email] });
    await retire(entryId, 'Moved to another post');
    const done = await ok<DirectoryEntry>(pseudonymise(authorityA, entryId));
    expect(done.emails[0]).toMatch(/@pseudonymised\.invalid$/);
    const accountRow = rowsOf<{ email: string; disabled: boolean }>(
      await db.execute(sql`select email, disabled_at is not null as disabled from accounts where id = ${person.id}`),
    )[0];
    expect(accountRow).toEqual({ email: person.email, disabled: false });
    // The person still works there with that address: mails to it are theirs, not the entry's.
    const toPerson = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from outbox where recipient = ${person.email}`),
    );
    expect(toPerson[0]?.n).toBeGreaterThan(0);
    expect(await verifyAuditChain(db, CLI_ACTOR)).toMatchObject({ ok: true });
  }, 60_000);
});
