import { nextRecipientStatus, tlpAllowsOnwardRelease, type RecipientAction } from '../../../common/communications.ts';
import { scopeOf } from '../../../common/permissions.ts';
import type { Actor } from '../../auth/actor.ts';
import type { AddresseeRow, AttachmentSummary, CommunicationRow, RecipientRow } from './communications.repository.ts';

/** A message with what decides who may read it. */
export interface MessageContext {
  message: CommunicationRow;
  recipients: readonly RecipientRow[];
  addressees: readonly AddresseeRow[];
  /** The sender account of the thread's first message: TLP:RED replies go back to that person. */
  originatorAccountId: string | null;
  /** Summaries of the attached files (never their content). */
  attachments: readonly AttachmentSummary[];
}

/** The caller as a party to communications: an account of a State allowed to read them. */
export interface Party {
  accountId: string;
  email: string;
  stateM49: string;
}

export function partyOf(actor: Actor): Party | null {
  if (actor.kind !== 'account' || actor.stateM49 === null) return null;
  if (scopeOf(actor.role, 'communications.read') === undefined) return null;
  return { accountId: actor.accountId, email: actor.email.toLowerCase(), stateM49: actor.stateM49 };
}

/**
 * The TLP release rule, on the server, for every route: the sender's and recipients' States
 * only; TLP:RED only for its sender, the thread's originator and the people it names.
 * The directory manager and the auditor are never parties.
 */
export function mayRead(party: Party | null, context: MessageContext): boolean {
  if (!party) return false;
  const { message, recipients, addressees } = context;
  const isParty = message.senderStateM49 === party.stateM49 || recipients.some((r) => r.stateM49 === party.stateM49);
  if (!isParty) return false;
  if (message.tlp !== 'TLP:RED') return true;
  return (
    message.senderAccountId === party.accountId ||
    context.originatorAccountId === party.accountId ||
    addressees.some((a) => a.email.toLowerCase() === party.email)
  );
}

/** The caller's State's recipient row of this message, if it is a recipient. */
export function ownRecipient(party: Party | null, recipients: readonly RecipientRow[]): RecipientRow | undefined {
  return party ? recipients.find((r) => r.stateM49 === party.stateM49) : undefined;
}

/**
 * Statuses and deadlines belong to a thread's opening message: a reply's recipients read it (it
 * counts as unread until opened) but do not acknowledge or answer it in turn.
 */
export function mayAct(
  party: Party | null,
  context: MessageContext,
  action: RecipientAction,
  closed: boolean,
): boolean {
  if (closed || context.message.parentId !== null || !mayRead(party, context)) return false;
  const own = ownRecipient(party, context.recipients);
  return own !== undefined && nextRecipientStatus(own.status, action) !== undefined;
}

export function abilitiesOf(party: Party | null, context: MessageContext, root: CommunicationRow) {
  const closed = root.closedAt !== null;
  const readable = mayRead(party, context);
  const act = (action: RecipientAction) => mayAct(party, context, action, closed);
  return {
    acknowledge: act('acknowledge'),
    start: act('start'),
    answer: act('answer'),
    decline: act('decline'),
    notApplicable: act('not_applicable'),
    reply: readable && !closed,
    close: readable && !closed && context.message.id === root.id && root.senderStateM49 === party?.stateM49,
    forward: readable && !closed && tlpAllowsOnwardRelease(context.message.tlp),
  };
}
