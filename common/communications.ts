/**
 * The vocabulary of communications between States: types, TLP 2.0 labels, urgency, the
 * per-recipient-State lifecycle and its one transition table, and the release rules of TLP.
 * Shared by server (rules), web (forms, labels) and CLI.
 */

export const COMMUNICATION_TYPES = [
  'request_for_information',
  'request_for_assistance',
  'incident_notification',
  'response',
  'acknowledgement',
] as const;
export type CommunicationType = (typeof COMMUNICATION_TYPES)[number];

/** Types that open a thread; the others only answer within one. */
export const OPENING_TYPES: readonly CommunicationType[] = [
  'request_for_information',
  'request_for_assistance',
  'incident_notification',
];

/** FIRST TLP 2.0, written exactly so and never translated. */
export const TLP_LABELS = ['TLP:RED', 'TLP:AMBER+STRICT', 'TLP:AMBER', 'TLP:GREEN', 'TLP:CLEAR'] as const;
export type TlpLabel = (typeof TLP_LABELS)[number];

/** Strictest first: a reply may not be released more widely than what it answers. */
export function tlpRank(label: TlpLabel): number {
  return TLP_LABELS.indexOf(label);
}

/**
 * Whether content under `label` may be forwarded or exported to a State that was not among its
 * recipients: RED stays with the named people, AMBER+STRICT with the recipient organisation, AMBER
 * with the recipient's organisation and its clients; GREEN may go to the community, CLEAR to anyone.
 */
export function tlpAllowsOnwardRelease(label: TlpLabel): boolean {
  return label === 'TLP:GREEN' || label === 'TLP:CLEAR';
}

export const URGENCIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Per recipient State: what happened to the communication on their side. */
export const RECIPIENT_STATUSES = [
  'sent',
  'delivered',
  'acknowledged',
  'in_progress',
  'answered',
  'declined',
  'not_applicable',
] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

export const RECIPIENT_ACTIONS = ['acknowledge', 'start', 'answer', 'decline', 'not_applicable'] as const;
export type RecipientAction = (typeof RECIPIENT_ACTIONS)[number];

const FINAL: readonly RecipientStatus[] = ['answered', 'declined', 'not_applicable'];

/**
 * The one transition table of a recipient State's status. "delivered" is set by the system
 * (a recipient opened it or a mail was accepted); the other steps are the recipient's.
 */
export function nextRecipientStatus(from: RecipientStatus, action: RecipientAction): RecipientStatus | undefined {
  if (FINAL.includes(from)) return undefined;
  switch (action) {
    case 'acknowledge':
      return from === 'sent' || from === 'delivered' ? 'acknowledged' : undefined;
    case 'start':
      return from === 'in_progress' ? undefined : 'in_progress';
    case 'answer':
      return 'answered';
    case 'decline':
      return 'declined';
    case 'not_applicable':
      return 'not_applicable';
  }
}

/** Still waiting for the recipient to acknowledge (deadlines and escalation apply). */
export function awaitsAcknowledgement(status: RecipientStatus): boolean {
  return status === 'sent' || status === 'delivered';
}

export const THREAD_OUTCOMES = [
  'resolved',
  'partially_resolved',
  'unresolved',
  'withdrawn',
  'no_action_needed',
] as const;
export type ThreadOutcome = (typeof THREAD_OUTCOMES)[number];

/** How the sender addresses each recipient State. */
export const ADDRESSING_MODES = ['kind', 'entries'] as const;
export type AddressingMode = (typeof ADDRESSING_MODES)[number];

/** Kinds a communication can be addressed to by kind (all active entries, alternates included). */
export const ADDRESSABLE_KINDS = ['diplomatic', 'technical', 'cybercrime_24_7', 'central_authority_mla'] as const;
