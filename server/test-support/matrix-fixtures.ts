import crypto from 'node:crypto';
import { and, desc, eq, like } from 'drizzle-orm';
import type { SendRequest } from '../../common/schemas/communications.ts';
import { SYSTEM_ACTOR } from '../auth/actor.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import { outbox, pingTargets } from '../db/schema.ts';
import { attachNominationDocument } from '../modules/directory/nomination-documents.service.ts';
import { approveNomination, submitNomination } from '../modules/directory/nominations.service.ts';
import { writeDueChecks } from '../modules/ping-tests/ping-dispatch.ts';
import { createPingTest } from '../modules/ping-tests/ping-tests.service.ts';
import { sendRequest } from './communication-factories.ts';
import { acceptanceTokenFromOutbox, buildEntry, entryDetails, nominationRequest } from './directory-factories.ts';
import { buildAccount, signedIn, type SignedIn } from './factories.ts';
import type { TestApp } from './harness.ts';

const HOUR_MS = 3_600_000;

/**
 * States that receive the fixtures' communications: never the fixture's own State nor the
 * "other" State of the matrix, so the other State's callers are never a party.
 */
export const RECIPIENT_STATE = '404'; // Kenya
export const FORWARD_STATE = '076'; // Brazil

export const MINIMAL_PDF = Buffer.from('%PDF-1.4\n% authorization matrix\n%%EOF\n');

export interface MatrixDeps {
  app: TestApp;
  db: Db;
  config: Config;
}

/**
 * Fixtures for the authorization matrix, each belonging to one State. Builders named `new…`
 * make a fresh fixture on every call (for calls that consume it); the others are built once per
 * State and shared, because the calls made on them change nothing another call depends on.
 */
export function createMatrixFixtures(deps: MatrixDeps, callers: { contactEmailOf: (stateM49: string) => string }) {
  const { app, db, config } = deps;
  const memo = new Map<string, Promise<unknown>>();
  function once<T>(key: string, build: () => Promise<T>): Promise<T> {
    let found = memo.get(key) as Promise<T> | undefined;
    if (!found) {
      found = build();
      memo.set(key, found);
    }
    return found;
  }

  /** A point of contact of `stateM49` who sends the fixtures' communications (not one of the callers). */
  const party = (stateM49: string) => once(`party:${stateM49}`, () => signedIn(app, db, 'point_of_contact', stateM49));

  /**
   * An active technical entry of `stateM49` (so the State receives communications and ping tests)
   * with a restricted phone, which only the State itself and the manager may see.
   */
  const entry = (stateM49: string) =>
    once(`entry:${stateM49}`, async () => {
      const restrictedPhone = `+${String(crypto.randomInt(10 ** 11, 10 ** 12))}`;
      const phone = { number: restrictedPhone, label: 'duty', available247: false, visibility: 'restricted' as const };
      const built = await buildEntry(deps, stateM49, { phones: [phone] });
      return { id: built.entryId, email: built.details.emails[0] ?? '', restrictedPhone };
    });

  async function post<T>(session: SignedIn, url: string, payload: object): Promise<T> {
    const response = await app.inject({ method: 'POST', url, headers: session.writeHeaders, payload });
    if (response.statusCode >= 300) throw new Error(`fixture ${url}: ${response.statusCode} ${response.body}`);
    return response.json<T>();
  }

  async function sendMessage(from: string, to: string, overrides: Partial<SendRequest> = {}) {
    await entry(to);
    return post<{ id: string; reference: string }>(await party(from), '/api/v1/communications', {
      ...sendRequest(to),
      ...overrides,
    });
  }
  const send = async (from: string, to: string, overrides: Partial<SendRequest> = {}) =>
    (await sendMessage(from, to, overrides)).id;

  /** The newest single-use link of `purpose` whose subject names `reference`, read from the outbox. */
  async function linkToken(purpose: string, reference: string, pattern: RegExp): Promise<string> {
    const rows = await db
      .select({ body: outbox.body })
      .from(outbox)
      .where(and(eq(outbox.purpose, purpose), like(outbox.subject, `%${reference}%`)))
      .orderBy(desc(outbox.createdAt))
      .limit(1);
    const token = pattern.exec(rows[0]?.body ?? '')?.[1];
    if (!token) throw new Error(`no ${purpose} link for ${reference}`);
    return token;
  }

  async function submitted(stateM49: string) {
    return submitNomination(deps, SYSTEM_ACTOR, nominationRequest({ stateM49 }), null);
  }

  /** A new-contact nomination approved by the manager: waiting for the nominee's link. */
  async function awaitingAcceptance(stateM49: string) {
    const request = nominationRequest({ stateM49, details: entryDetails() });
    const nomination = await submitNomination(deps, SYSTEM_ACTOR, request, null);
    await approveNomination(deps, SYSTEM_ACTOR, nomination.id, null);
    const token = await acceptanceTokenFromOutbox(db, request.details?.emails[0] ?? '');
    return { nominationId: nomination.id, token };
  }

  /** A ping test of `stateM49`'s contacts with its checks written, as the dispatch sweep would. */
  async function campaign(stateM49: string) {
    const created = await createPingTest(deps, SYSTEM_ACTOR, pingTestRequest(stateM49), null);
    await writeDueChecks(db, config, new Date());
    return created;
  }

  return {
    entry,

    /** Credentials of a point of contact of `stateM49` (for the sign-in route). */
    credentials: (stateM49: string) =>
      once(`credentials:${stateM49}`, async () => {
        const account = await buildAccount(db, { role: 'point_of_contact', stateM49 });
        return { email: account.email, password: account.password };
      }),

    /** A national authority account of `stateM49`: readable and manageable by the manager and its State. */
    /** A retired entry of `stateM49`, new each time (pseudonymising consumes it). */
    newRetiredEntry: async (stateM49: string) => {
      const { entryId } = await buildEntry(deps, stateM49);
      const removal = nominationRequest({ stateM49, type: 'removal', details: undefined, targetEntryId: entryId });
      const nomination = await submitNomination(deps, SYSTEM_ACTOR, removal, null);
      await approveNomination(deps, SYSTEM_ACTOR, nomination.id, null);
      return entryId;
    },
    account: (stateM49: string) =>
      once(`account:${stateM49}`, async () => (await buildAccount(db, { role: 'national_authority', stateM49 })).id),

    /** A submitted nomination, shared by the calls that only read it or replace its document. */
    nomination: (stateM49: string) => once(`nomination:${stateM49}`, async () => (await submitted(stateM49)).id),
    newNomination: async (stateM49: string) => (await submitted(stateM49)).id,

    nominationWithDocument: (stateM49: string) =>
      once(`nomination-document:${stateM49}`, async () => {
        const { id } = await submitted(stateM49);
        await attachNominationDocument(deps, SYSTEM_ACTOR, id, MINIMAL_PDF, 'note.pdf', null);
        return id;
      }),

    awaitingNomination: (stateM49: string) =>
      once(`awaiting:${stateM49}`, async () => (await awaitingAcceptance(stateM49)).nominationId),
    acceptanceToken: (stateM49: string) =>
      once(`acceptance:${stateM49}`, async () => (await awaitingAcceptance(stateM49)).token),
    newAcceptanceToken: async (stateM49: string) => (await awaitingAcceptance(stateM49)).token,

    /** A TLP:AMBER communication sent by `stateM49` to a third State: its callers are parties, others not. */
    communicationFrom: (stateM49: string) => once(`communication:${stateM49}`, () => send(stateM49, RECIPIENT_STATE)),
    newCommunicationFrom: (stateM49: string) => send(stateM49, RECIPIENT_STATE),
    greenCommunicationFrom: (stateM49: string) =>
      once(`green:${stateM49}`, () => send(stateM49, RECIPIENT_STATE, { tlp: 'TLP:GREEN' })),
    /** A communication received by `stateM49`, so its callers may acknowledge it. */
    newCommunicationTo: (stateM49: string) => send(RECIPIENT_STATE, stateM49),

    attachment: (stateM49: string) =>
      once(`attachment:${stateM49}`, async () => {
        const id = await send(stateM49, RECIPIENT_STATE);
        const response = await app.inject({
          method: 'POST',
          url: `/api/v1/communications/${id}/attachments`,
          headers: { ...(await party(stateM49)).writeHeaders, 'content-type': 'text/plain', 'x-file-name': 'iocs.txt' },
          payload: '203.0.113.7\n',
        });
        if (response.statusCode !== 201) throw new Error(`fixture attachment: ${response.statusCode} ${response.body}`);
        return { communicationId: id, attachmentId: response.json<{ id: string }>().id };
      }),

    /** The single-use link of a notice to `stateM49`'s contacts (acknowledges without signing in). */
    newNoticeToken: async (stateM49: string) => {
      const { reference } = await sendMessage(RECIPIENT_STATE, stateM49);
      return linkToken('communication.notice', reference, /\/acknowledge#([A-Za-z0-9_-]+)/);
    },

    /** A ping test of `stateM49`'s contacts: every State's authority follows it, each seeing its own figures. */
    campaign: (stateM49: string) =>
      once(`campaign:${stateM49}`, async () => {
        await entry(stateM49);
        return (await campaign(stateM49)).id;
      }),

    /** The link token of a fresh check to one of `stateM49`'s contacts. */
    newPingToken: async (stateM49: string) => {
      await entry(stateM49);
      const created = await campaign(stateM49);
      return linkToken('ping_test.check', created.reference, /\/ping#([A-Za-z0-9_-]+)/);
    },

    /** A check addressed to the signed-in point of contact of `stateM49` (its in-app button). */
    pingCheckForContactOf: (stateM49: string) =>
      once(`check:${stateM49}`, async () => {
        const email = callers.contactEmailOf(stateM49);
        const own = (await buildEntry(deps, stateM49, { emails: [email] })).entryId;
        const created = await campaign(stateM49);
        const [target] = await db
          .select({ id: pingTargets.id })
          .from(pingTargets)
          .where(and(eq(pingTargets.campaignId, created.id), eq(pingTargets.entryId, own)));
        if (!target) throw new Error('no check for the contact');
        return target.id;
      }),
  };
}

export type MatrixFixtures = ReturnType<typeof createMatrixFixtures>;

/** A ping test request that reaches `stateM49`'s contacts by e-mail and in the app, marked as an exercise. */
export function pingTestRequest(stateM49: string) {
  return {
    title: `Matrix ${crypto.randomUUID().slice(0, 8)}`,
    exercise: true,
    targets: { allParticipating: false, groups: [], kinds: [], states: [stateM49] },
    channels: ['email' as const, 'in_app' as const],
    deadlineMode: 'absolute' as const,
    deadlineAt: new Date(Date.now() + 4 * HOUR_MS).toISOString(),
    reminderHours: [],
  };
}

/** A new account for `stateM49`'s national authority, with an e-mail no one has yet. */
export function accountRequest(stateM49: string) {
  const tag = crypto.randomUUID().slice(0, 8);
  return {
    email: `matrix.${tag}@test.pocdir.example`,
    displayName: `Matrix ${tag}`,
    role: 'national_authority',
    stateM49,
  };
}
