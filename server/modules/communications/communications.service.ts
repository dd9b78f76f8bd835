import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { TEMPLATES, validateTemplateValues, type TemplateValues } from '../../../common/communication-templates.ts';
import { tlpAllowsOnwardRelease, tlpRank, type Urgency } from '../../../common/communications.ts';
import type { FieldError } from '../../../common/errors.ts';
import type { Addressee, ReplyRequest, SendRequest } from '../../../common/schemas/communications.ts';
import { requireAccess } from '../../auth/access.ts';
import { actorLabel, type Actor } from '../../auth/actor.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { notifyOutboxChanged } from '../../mail/outbox-signal.ts';
import { enqueueMail, type MailRequest } from '../../mail/outbox.repository.ts';
import { canonicalJson } from '../audit/audit.hash.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { EntryRow } from '../directory/directory.repository.ts';
import { unsafeStatesExist } from '../states/states.service.ts';
import { mayRead, partyOf, type MessageContext, type Party } from './communication-access.ts';
import { hashToken } from '../../auth/token-hash.ts';
import { HOUR_MS, loadMessage } from './communication-context.ts';
import { publishCommunicationEvent } from './communication-events.ts';
import { communicationMail } from './communication-mail.ts';
import { presentCommunication } from './communications.presenter.ts';
import * as repo from './communications.repository.ts';

export interface CommunicationDeps {
  db: Db;
  config: Config;
}

const DAY_MS = 24 * HOUR_MS;

export function acknowledgeHours(config: Config, urgency: Urgency): number {
  const hours = {
    urgent: config.ACK_HOURS_URGENT,
    high: config.ACK_HOURS_HIGH,
    normal: config.ACK_HOURS_NORMAL,
    low: config.ACK_HOURS_LOW,
  };
  return hours[urgency];
}

export function requireParty(actor: Actor, permission: 'communications.read' | 'communications.send'): Party {
  requireAccess(actor, permission);
  const party = partyOf(actor);
  if (!party) throw new AppError('FORBIDDEN');
  return party;
}

function contentHash(type: string, version: number, language: string, content: TemplateValues): string {
  return createHash('sha256').update(canonicalJson({ type, version, language, content })).digest('hex');
}

function checkContent(type: keyof typeof TEMPLATES, content: TemplateValues): void {
  const problems = validateTemplateValues(TEMPLATES[type], content);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { details: problems });
}

interface ResolvedRecipient {
  stateM49: string;
  kind: Addressee['kind'] | null;
  entries: EntryRow[];
}

/** Each addressed State's entries: every active entry of the kind, or the named active entries. */
async function resolveRecipients(db: Db, party: Party, addressees: readonly Addressee[]): Promise<ResolvedRecipient[]> {
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  const resolved: ResolvedRecipient[] = [];
  for (const [index, addressee] of addressees.entries()) {
    const at = `/recipients/${index}`;
    if ((addressee.kind === undefined) === (addressee.entryIds === undefined)) {
      problems.push({ field: at, reason: 'kind_or_entries' });
      continue;
    }
    if (addressee.stateM49 === party.stateM49 || seen.has(addressee.stateM49)) {
      problems.push({
        field: `${at}/stateM49`,
        reason: addressee.stateM49 === party.stateM49 ? 'own_state' : 'duplicate',
      });
      continue;
    }
    seen.add(addressee.stateM49);
    const entries =
      addressee.kind !== undefined
        ? await repo.activeEntriesOfKind(db, addressee.stateM49, addressee.kind)
        : (await repo.entriesByIds(db, addressee.entryIds ?? [])).filter(
            (e) => e.stateM49 === addressee.stateM49 && e.status === 'active',
          );
    const expected = addressee.entryIds?.length ?? 1;
    if (entries.length === 0 || (addressee.entryIds !== undefined && entries.length !== expected)) {
      problems.push({ field: `${at}/${addressee.kind !== undefined ? 'kind' : 'entryIds'}`, reason: 'unknown' });
      continue;
    }
    resolved.push({ stateM49: addressee.stateM49, kind: addressee.kind ?? null, entries });
  }
  // Checked only when something failed: a State with an active entry exists (entries reference it).
  if (
    problems.length > 0 &&
    !(await unsafeStatesExist(
      db,
      addressees.map((a) => a.stateM49),
    ))
  ) {
    throw new AppError('UNKNOWN_STATE');
  }
  if (problems.some((p) => p.reason === 'unknown')) throw new AppError('RECIPIENT_UNKNOWN', { details: problems });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { details: problems });
  return resolved;
}

interface Delivery {
  recipients: repo.RecipientRow[];
  addressees: repo.AddresseeRow[];
  mails: MailRequest[];
}

/** Recipient rows, addressees, acknowledgement links and notices for the resolved States. */
async function deliverTo(
  tx: Db,
  deps: CommunicationDeps,
  message: repo.CommunicationRow,
  resolved: readonly ResolvedRecipient[],
  now: Date,
): Promise<Delivery> {
  const ackDue = new Date(now.getTime() + acknowledgeHours(deps.config, message.urgency) * HOUR_MS);
  const responseDue =
    message.requestedResponseHours !== null ? new Date(now.getTime() + message.requestedResponseHours * HOUR_MS) : null;
  const rows = await repo.insertRecipients(
    tx,
    resolved.map((r) => ({
      communicationId: message.id,
      stateM49: r.stateM49,
      addressedKind: r.kind ?? null,
      messageAt: message.createdAt,
      red: message.tlp === 'TLP:RED',
      acknowledgeDueAt: ackDue,
      responseDueAt: responseDue,
    })),
  );
  const mails: MailRequest[] = [];
  const addressees: repo.AddresseeRow[] = [];
  for (const r of resolved) {
    const recipient = rows.find((row) => row.stateM49 === r.stateM49);
    if (!recipient) throw new Error('recipient row missing');
    const inserted = await repo.insertAddressees(
      tx,
      r.entries.map((e) => ({
        communicationId: message.id,
        entryId: e.id,
        stateM49: r.stateM49,
        email: (e.details.emails[0] ?? '').toLowerCase(),
      })),
    );
    addressees.push(...inserted);
    for (const entry of r.entries) {
      const token = randomBytes(32).toString('base64url');
      await repo.insertAckToken(tx, {
        tokenHash: hashToken(token),
        recipientId: recipient.id,
        entryId: entry.id,
        expiresAt: new Date(now.getTime() + deps.config.ACK_LINK_DAYS * DAY_MS),
      });
      mails.push(await communicationMail(tx, deps.config, message, entry, token, ackDue, now));
    }
  }
  return { recipients: rows, addressees, mails };
}

function reference(serial: number, now: Date): string {
  return `PD-${now.getUTCFullYear()}-${String(serial).padStart(6, '0')}`;
}

/**
 * A point of contact or national authority sends a communication from its State to one or
 * more States. The message, its recipients, its audit entry (metadata and content hash only)
 * and its mails are one transaction.
 */
export async function sendCommunication(
  deps: CommunicationDeps,
  actor: Actor,
  request: SendRequest,
  requestId: string | null,
  now = new Date(),
) {
  const party = requireParty(actor, 'communications.send');
  checkContent(request.type, request.content);
  const resolved = await resolveRecipients(deps.db, party, request.recipients);
  const template = TEMPLATES[request.type];
  const id = randomUUID();
  const context = await deps.db.transaction(async (tx): Promise<MessageContext> => {
    const serial = await repo.nextSerial(tx);
    const inserted = await repo.insertCommunication(tx, {
      id,
      serial,
      reference: reference(serial, now),
      threadId: id,
      type: request.type,
      templateVersion: template.version,
      tlp: request.tlp,
      urgency: request.urgency,
      requestedResponseHours: request.requestedResponseHours ?? null,
      ownReference: request.ownReference?.trim() || null,
      senderStateM49: party.stateM49,
      senderAccountId: party.accountId,
      senderLabel: actorLabel(actor),
      language: request.language,
      content: request.content,
      contentSha256: contentHash(request.type, template.version, request.language, request.content),
      createdAt: now,
    });
    const delivery = await deliverTo(tx, deps, inserted, resolved, now);
    await enqueueMail(tx, delivery.mails);
    await recordAudit(tx, actor, requestId, {
      action: 'communication.send',
      targetType: 'communication',
      targetId: id,
      stateM49: party.stateM49,
      after: {
        reference: inserted.reference,
        type: inserted.type,
        tlp: inserted.tlp,
        urgency: inserted.urgency,
        recipients: resolved.map((r) => r.stateM49),
        contentSha256: inserted.contentSha256,
      },
    });
    // The message as loadThread would read it once committed (recipients in State order; a new
    // message has no attachments yet), without reading it back: the live inboxes reuse it too (P3).
    return {
      message: inserted,
      recipients: delivery.recipients.toSorted((a, b) => (a.stateM49 < b.stateM49 ? -1 : 1)),
      addressees: delivery.addressees,
      originatorAccountId: inserted.senderAccountId,
      attachments: [],
    };
  });
  notifyOutboxChanged();
  publishCommunicationEvent({
    communicationId: id,
    threadId: id,
    states: [party.stateM49, ...resolved.map((r) => r.stateM49)],
    change: 'new',
    context,
  });
  return presentCommunication(context, context.message, party, now);
}

/**
 * A reply in a thread. From a recipient State it goes to the thread's sender State; from the
 * sender State, to the States the thread was sent to. Never released more widely than what it
 * answers: a reply's TLP is the same or stricter.
 */
export async function replyToCommunication(
  deps: CommunicationDeps,
  actor: Actor,
  id: string,
  request: ReplyRequest,
  requestId: string | null,
  now = new Date(),
) {
  const party = requireParty(actor, 'communications.send');
  const { context, root, rootContext } = await loadMessage(deps.db, id);
  if (!mayRead(party, context)) throw new AppError('NOT_FOUND');
  if (root.closedAt !== null) throw new AppError('THREAD_CLOSED');
  const tlp = request.tlp ?? context.message.tlp;
  if (tlpRank(tlp) > tlpRank(context.message.tlp)) {
    throw new AppError('TLP_RELEASE_REFUSED', { details: [{ field: '/tlp', reason: 'less_strict' }] });
  }
  checkContent(request.type, request.content);
  const fromOriginator = party.stateM49 === root.senderStateM49;
  const targets = fromOriginator ? rootContext.recipients.map((r) => r.stateM49) : [root.senderStateM49];
  const template = TEMPLATES[request.type];
  const replyId = randomUUID();
  await deps.db.transaction(async (tx) => {
    const serial = await repo.nextSerial(tx);
    const reply = await repo.insertCommunication(tx, {
      id: replyId,
      serial,
      reference: reference(serial, now),
      threadId: root.id,
      parentId: context.message.id,
      type: request.type,
      templateVersion: template.version,
      tlp,
      urgency: context.message.urgency,
      senderStateM49: party.stateM49,
      senderAccountId: party.accountId,
      senderLabel: actorLabel(actor),
      language: request.language,
      content: request.content,
      contentSha256: contentHash(request.type, template.version, request.language, request.content),
      createdAt: now,
    });
    const entriesByState = new Map<string, EntryRow[]>();
    if (fromOriginator) {
      const named = rootContext.addressees.map((a) => a.entryId);
      for (const entry of await repo.entriesByIds(tx, named)) {
        entriesByState.set(entry.stateM49, [...(entriesByState.get(entry.stateM49) ?? []), entry]);
      }
    }
    const resolved = targets.map((stateM49) => ({ stateM49, kind: null, entries: entriesByState.get(stateM49) ?? [] }));
    await enqueueMail(tx, (await deliverTo(tx, deps, reply, resolved, now)).mails);
    const own = context.recipients.find((r) => r.stateM49 === party.stateM49);
    const answers = request.type === 'response' && request.answers !== false;
    if (own && answers && !['answered', 'declined', 'not_applicable'].includes(own.status)) {
      await repo.updateRecipient(tx, own.id, {
        status: 'answered',
        answeredAt: now,
        acknowledgedAt: own.acknowledgedAt ?? now,
      });
    }
    await recordAudit(tx, actor, requestId, {
      action: 'communication.reply',
      targetType: 'communication',
      targetId: replyId,
      stateM49: party.stateM49,
      after: {
        reference: reply.reference,
        inReplyTo: context.message.reference,
        type: reply.type,
        tlp,
        contentSha256: reply.contentSha256,
      },
    });
  });
  notifyOutboxChanged();
  const loaded = await loadMessage(deps.db, replyId);
  publishCommunicationEvent({
    communicationId: replyId,
    threadId: root.id,
    states: [party.stateM49, ...targets],
    change: 'reply',
    context: loaded.context,
  });
  return presentCommunication(loaded.context, loaded.root, party, now);
}

/** Adds States to a communication; only what TLP:GREEN or TLP:CLEAR allows to travel further. */
export async function forwardCommunication(
  deps: CommunicationDeps,
  actor: Actor,
  id: string,
  addressees: readonly Addressee[],
  requestId: string | null,
  now = new Date(),
) {
  const party = requireParty(actor, 'communications.send');
  const { context, root } = await loadMessage(deps.db, id);
  if (!mayRead(party, context)) throw new AppError('NOT_FOUND');
  if (!tlpAllowsOnwardRelease(context.message.tlp)) {
    throw new AppError('TLP_RELEASE_REFUSED', { details: [{ field: '/recipients', reason: context.message.tlp }] });
  }
  if (root.closedAt !== null) throw new AppError('THREAD_CLOSED');
  const already = new Set(context.recipients.map((r) => r.stateM49));
  const fresh = addressees.filter((a) => !already.has(a.stateM49) && a.stateM49 !== context.message.senderStateM49);
  const resolved = await resolveRecipients(deps.db, party, fresh);
  await deps.db.transaction(async (tx) => {
    await enqueueMail(tx, (await deliverTo(tx, deps, context.message, resolved, now)).mails);
    await recordAudit(tx, actor, requestId, {
      action: 'communication.forward',
      targetType: 'communication',
      targetId: id,
      stateM49: party.stateM49,
      after: { reference: context.message.reference, added: resolved.map((r) => r.stateM49) },
    });
  });
  notifyOutboxChanged();
  const loaded = await loadMessage(deps.db, id);
  publishCommunicationEvent({
    communicationId: id,
    threadId: root.id,
    states: [loaded.context.message.senderStateM49, ...loaded.context.recipients.map((r) => r.stateM49)],
    change: 'new',
    context: loaded.context,
  });
  return presentCommunication(loaded.context, loaded.root, party, now);
}
