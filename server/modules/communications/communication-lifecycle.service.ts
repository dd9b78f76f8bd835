import { nextRecipientStatus, type RecipientAction, type ThreadOutcome } from '../../../common/communications.ts';
import type { Actor, SystemActor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { mayRead } from './communication-access.ts';
import { hashToken } from '../../auth/token-hash.ts';
import { loadMessage } from './communication-context.ts';
import { publishCommunicationEvent } from './communication-events.ts';
import { presentCommunication } from './communications.presenter.ts';
import * as repo from './communications.repository.ts';
import { requireParty, type CommunicationDeps } from './communications.service.ts';

const LINK_ACTOR: SystemActor = { kind: 'system', label: 'acknowledgement-link' };

function stamps(action: RecipientAction, row: repo.RecipientRow, now: Date) {
  const acknowledgedAt = row.acknowledgedAt ?? now;
  switch (action) {
    case 'acknowledge':
    case 'start':
      return { acknowledgedAt };
    case 'answer':
      return { acknowledgedAt, answeredAt: now };
    case 'decline':
    case 'not_applicable':
      return {};
  }
}

/**
 * A recipient State moves its own status: acknowledge, start, answer, decline or not applicable.
 * Anything the transition table does not allow is refused with INVALID_TRANSITION.
 */
export async function actOnCommunication(
  deps: CommunicationDeps,
  actor: Actor,
  id: string,
  action: RecipientAction,
  reason: string | undefined,
  requestId: string | null,
  now = new Date(),
) {
  const party = requireParty(actor, 'communications.send');
  const { context, root } = await loadMessage(deps.db, id);
  if (!mayRead(party, context)) throw new AppError('NOT_FOUND');
  if (root.closedAt !== null) throw new AppError('THREAD_CLOSED');
  if (context.message.parentId !== null) {
    throw new AppError('INVALID_TRANSITION', { internal: 'replies have no status of their own', values: { action } });
  }
  await deps.db.transaction(async (tx) => {
    const row = await repo.lockRecipient(tx, id, party.stateM49);
    if (!row) throw new AppError('FORBIDDEN', { internal: 'not a recipient State' });
    const next = nextRecipientStatus(row.status, action);
    if (next === undefined) {
      throw new AppError('INVALID_TRANSITION', { internal: `${action} from ${row.status}`, values: { action } });
    }
    await repo.updateRecipient(tx, row.id, { status: next, statusReason: reason ?? null, ...stamps(action, row, now) });
    await recordAudit(tx, actor, requestId, {
      action: `communication.${action}`,
      targetType: 'communication',
      targetId: id,
      stateM49: party.stateM49,
      before: { status: row.status },
      after: { status: next },
    });
  });
  const loaded = await loadMessage(deps.db, id);
  publishStatus(loaded.context.message, loaded.context.recipients, 'status');
  return presentCommunication(loaded.context, loaded.root, party, now);
}

function publishStatus(
  message: repo.CommunicationRow,
  recipients: readonly repo.RecipientRow[],
  change: 'status' | 'closed',
): void {
  publishCommunicationEvent({
    communicationId: message.id,
    threadId: message.threadId,
    states: [message.senderStateM49, ...recipients.map((r) => r.stateM49)],
    change,
  });
}

/** The sending State closes the thread with its outcome; nothing can be added afterwards. */
export async function closeCommunicationThread(
  deps: CommunicationDeps,
  actor: Actor,
  id: string,
  outcome: ThreadOutcome,
  requestId: string | null,
  now = new Date(),
) {
  const party = requireParty(actor, 'communications.send');
  const { context, root } = await loadMessage(deps.db, id);
  if (!mayRead(party, context)) throw new AppError('NOT_FOUND');
  if (context.message.id !== root.id || root.senderStateM49 !== party.stateM49) throw new AppError('FORBIDDEN');
  await deps.db.transaction(async (tx) => {
    const locked = await repo.lockCommunication(tx, root.id);
    if (locked?.closedAt) throw new AppError('THREAD_CLOSED');
    await repo.closeThread(tx, root.id, outcome, now);
    await recordAudit(tx, actor, requestId, {
      action: 'communication.close',
      targetType: 'communication',
      targetId: root.id,
      stateM49: party.stateM49,
      after: { outcome },
    });
  });
  const loaded = await loadMessage(deps.db, root.id);
  publishStatus(loaded.context.message, loaded.context.recipients, 'closed');
  return presentCommunication(loaded.context, loaded.root, party, now);
}

/**
 * The single-use link in a notice acknowledges receipt for the recipient's State without
 * signing in. It says which communication, never what it contains.
 */
export async function acknowledgeByLink(
  deps: CommunicationDeps,
  token: string,
  requestId: string | null,
  now = new Date(),
) {
  const result = await deps.db.transaction(async (tx) => {
    const link = await repo.lockAckToken(tx, hashToken(token));
    if (!link || link.expiresAt.getTime() <= now.getTime()) throw new AppError('ACKNOWLEDGEMENT_LINK_INVALID');
    await repo.markAckTokenUsed(tx, link.tokenHash, now);
    const recipient = await repo.findRecipientById(tx, link.recipientId);
    const message = recipient ? await repo.unsafeFindCommunication(tx, recipient.communicationId) : undefined;
    if (!recipient || !message) throw new AppError('ACKNOWLEDGEMENT_LINK_INVALID');
    const next = nextRecipientStatus(recipient.status, 'acknowledge');
    if (next !== undefined) {
      await repo.updateRecipient(tx, recipient.id, { status: next, acknowledgedAt: now });
      await recordAudit(tx, LINK_ACTOR, requestId, {
        action: 'communication.acknowledge',
        targetType: 'communication',
        targetId: message.id,
        stateM49: recipient.stateM49,
        before: { status: recipient.status },
        after: { status: next, entryId: link.entryId },
      });
    }
    return {
      reference: message.reference,
      tlp: message.tlp,
      stateM49: recipient.stateM49,
      status: next ?? recipient.status,
      message,
    };
  });
  const { message, ...answer } = result;
  const { context } = await loadMessage(deps.db, message.id);
  publishStatus(message, context.recipients, 'status');
  return answer;
}
