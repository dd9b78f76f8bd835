import type { InboxQuery } from '../../../common/schemas/communications.ts';
import { requireAccess } from '../../auth/access.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { mayRead, ownRecipient, type MessageContext } from './communication-access.ts';
import { loadThread } from './communication-context.ts';
import { publishCommunicationEvent } from './communication-events.ts';
import { presentCommunication } from './communications.presenter.ts';
import * as repo from './communications.repository.ts';
import { requireParty, type CommunicationDeps } from './communications.service.ts';

/**
 * A thread as the caller may see it: the messages they may read, in order. Opening it marks
 * the messages addressed to the caller's State as delivered.
 */
export async function getThread(deps: CommunicationDeps, actor: Actor, id: string, now = new Date()) {
  const party = requireParty(actor, 'communications.read');
  const message = await repo.unsafeFindCommunication(deps.db, id);
  if (!message) throw new AppError('NOT_FOUND');
  let thread = await loadThread(deps.db, message.threadId);
  const readable = thread.filter((context) => mayRead(party, context));
  const root = thread.find((c) => c.message.id === message.threadId)?.message;
  if (!root || !readable.some((c) => c.message.id === id)) throw new AppError('NOT_FOUND');
  const unseen = readable.map((c) => ownRecipient(party, c.recipients)).filter((r) => r?.status === 'sent');
  if (unseen.length > 0) {
    await deps.db.transaction(async (tx) => {
      for (const row of unseen)
        if (row) await repo.updateRecipient(tx, row.id, { status: 'delivered', deliveredAt: now });
    });
    thread = await loadThread(deps.db, message.threadId);
    for (const context of readable) {
      publishCommunicationEvent({
        communicationId: context.message.id,
        threadId: context.message.threadId,
        states: [context.message.senderStateM49, ...context.recipients.map((r) => r.stateM49)],
        change: 'status',
      });
    }
  }
  const visible = thread.filter((context: MessageContext) => mayRead(party, context));
  return {
    threadId: root.id,
    closedAt: root.closedAt?.toISOString() ?? null,
    outcome: root.outcome,
    messages: visible.map((context) => presentCommunication(context, root, party, now)),
  };
}

/** The caller's State's communications, sent and received, newest first; searchable. */
export async function listInbox(deps: CommunicationDeps, actor: Actor, query: InboxQuery, now = new Date()) {
  const party = requireParty(actor, 'communications.read');
  const { rows, total } = await repo.listInbox(
    deps.db,
    {
      stateM49: party.stateM49,
      accountId: party.accountId,
      email: party.email,
      direction: query.direction,
      status: query.status,
      text: query.q?.trim() || undefined,
    },
    { limit: query.limit ?? 50, offset: query.offset ?? 0 },
  );
  const ids = rows.map((r) => r.id);
  // A thread's first message is usually on the page already (it is the message itself for most of
  // an inbox); the others are read in one query, never one per thread (P7: 50 round trips a page).
  const rootById = new Map(rows.filter((r) => r.id === r.threadId).map((r) => [r.id, r]));
  const missingRoots = [...new Set(rows.map((r) => r.threadId))].filter((t) => !rootById.has(t));
  const [recipients, addressees, attachments, roots] = await Promise.all([
    repo.recipientsOf(deps.db, ids),
    repo.addresseesOf(deps.db, ids),
    repo.attachmentsOf(deps.db, ids),
    repo.unsafeFindCommunications(deps.db, missingRoots),
  ]);
  for (const root of roots) rootById.set(root.id, root);
  const items = rows.flatMap((message) => {
    const root = rootById.get(message.threadId);
    if (!root) return [];
    const context: MessageContext = {
      message,
      recipients: recipients.get(message.id) ?? [],
      addressees: addressees.get(message.id) ?? [],
      originatorAccountId: root.senderAccountId,
      attachments: attachments.get(message.id) ?? [],
    };
    // The query already applied the rule; checking again costs nothing and fails closed.
    return mayRead(party, context) ? [presentCommunication(context, root, party, now)] : [];
  });
  return { items, total };
}

/** Counts and timings for the directory manager: no content, no subjects, no references. */
export async function getTrafficStats(deps: CommunicationDeps, actor: Actor) {
  requireAccess(actor, 'communications.stats');
  return repo.trafficStats(deps.db);
}
