import type { Communication, RecipientState } from '../../../common/schemas/communications.ts';
import { awaitsAcknowledgement } from '../../../common/communications.ts';
import { abilitiesOf, type MessageContext, type Party } from './communication-access.ts';
import type { CommunicationRow, RecipientRow } from './communications.repository.ts';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function presentRecipient(row: RecipientRow, context: MessageContext, now: Date): RecipientState {
  return {
    stateM49: row.stateM49,
    status: row.status,
    addressedKind: row.addressedKind,
    acknowledgeDueAt: row.acknowledgeDueAt.toISOString(),
    responseDueAt: iso(row.responseDueAt),
    acknowledgedAt: iso(row.acknowledgedAt),
    answeredAt: iso(row.answeredAt),
    overdue: awaitsAcknowledgement(row.status) && row.acknowledgeDueAt.getTime() <= now.getTime(),
    statusReason: row.statusReason,
    addressees: context.addressees
      .filter((a) => a.stateM49 === row.stateM49)
      .map((a) => ({ entryId: a.entryId, email: a.email })),
  };
}

/** Only ever called for a message the caller may read (see mayRead). */
export function presentCommunication(
  context: MessageContext,
  root: CommunicationRow,
  party: Party | null,
  now: Date,
): Communication {
  const m = context.message;
  return {
    id: m.id,
    threadId: m.threadId,
    parentId: m.parentId,
    reference: m.reference,
    ownReference: m.ownReference,
    type: m.type,
    templateVersion: m.templateVersion,
    tlp: m.tlp,
    urgency: m.urgency,
    requestedResponseHours: m.requestedResponseHours,
    senderStateM49: m.senderStateM49,
    senderLabel: m.senderLabel,
    sentAt: m.createdAt.toISOString(),
    language: m.language,
    content: m.content,
    contentSha256: m.contentSha256,
    recipients: context.recipients.map((r) => presentRecipient(r, context, now)),
    attachments: context.attachments.map((a) => ({ ...a })),
    abilities: abilitiesOf(party, context, root),
  };
}

export type { CommunicationRow };
