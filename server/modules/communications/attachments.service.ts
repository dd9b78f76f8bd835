import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.ts';
import { communicationAttachments } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { mayRead } from './communication-access.ts';
import { loadMessage } from './communication-context.ts';
import { publishCommunicationEvent } from './communication-events.ts';
import { requireParty, type CommunicationDeps } from './communications.service.ts';

/** Largest attachment accepted, and the most a message may carry. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
const MAX_PER_MESSAGE = 10;

/**
 * Types a national CERT exchanges: documents, indicator lists, images, archives of evidence and
 * packet captures. Where a type has a signature, the content must start with it: a renamed
 * executable is not a PDF.
 */
export const ATTACHMENT_TYPES: Record<string, { magic?: Buffer[] }> = {
  'application/pdf': { magic: [Buffer.from('%PDF-')] },
  'image/png': { magic: [Buffer.from([0x89, 0x50, 0x4e, 0x47])] },
  'image/jpeg': { magic: [Buffer.from([0xff, 0xd8, 0xff])] },
  'application/zip': { magic: [Buffer.from('PK\x03\x04')] },
  'application/vnd.tcpdump.pcap': {
    magic: [
      Buffer.from([0xd4, 0xc3, 0xb2, 0xa1]),
      Buffer.from([0xa1, 0xb2, 0xc3, 0xd4]),
      Buffer.from([0x0a, 0x0d, 0x0d, 0x0a]),
    ],
  },
  'text/plain': {},
  'text/csv': {},
  'application/json': {},
};

export type AttachmentSummary = {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
};

function safeFileName(raw: string | undefined): string {
  let name = 'attachment';
  if (raw) {
    try {
      name = decodeURIComponent(raw);
    } catch {
      /* keep the default */
    }
  }
  // Letters of any script, digits and a few separators: the name goes into download headers.
  return name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 150) || 'attachment';
}

function checkContent(contentType: string, content: Buffer): void {
  const type = ATTACHMENT_TYPES[contentType];
  if (!type) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { details: [{ field: '/body', reason: 'type' }] });
  if (content.length === 0)
    throw new AppError('VALIDATION_FAILED', { details: [{ field: '/body', reason: 'minLength' }] });
  if (type.magic && !type.magic.some((m) => content.subarray(0, m.length).equals(m))) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { details: [{ field: '/body', reason: 'signature' }] });
  }
  if (!type.magic && !isUtf8Text(content)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { details: [{ field: '/body', reason: 'not_text' }] });
  }
}

function isUtf8Text(content: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return !content.includes(0);
  } catch {
    return false;
  }
}

/** The sender's State attaches a file to its own message while the thread is open. */
export async function attachFile(
  deps: CommunicationDeps,
  actor: Actor,
  id: string,
  file: { content: Buffer; contentType: string; fileName: string | undefined },
  requestId: string | null,
): Promise<AttachmentSummary> {
  const party = requireParty(actor, 'communications.send');
  const { context, root } = await loadMessage(deps.db, id);
  if (!mayRead(party, context)) throw new AppError('NOT_FOUND');
  if (context.message.senderStateM49 !== party.stateM49) throw new AppError('FORBIDDEN');
  if (root.closedAt !== null) throw new AppError('THREAD_CLOSED');
  checkContent(file.contentType, file.content);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const row = await deps.db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: communicationAttachments.id })
      .from(communicationAttachments)
      .where(eq(communicationAttachments.communicationId, id));
    if (existing.length >= MAX_PER_MESSAGE) {
      throw new AppError('VALIDATION_FAILED', { details: [{ field: '/body', reason: 'maxItems' }] });
    }
    const [inserted] = await tx
      .insert(communicationAttachments)
      .values({
        communicationId: id,
        fileName: safeFileName(file.fileName),
        contentType: file.contentType,
        sizeBytes: file.content.length,
        sha256,
        content: file.content,
      })
      .returning();
    if (!inserted) throw new Error('insert returned nothing');
    await recordAudit(tx, actor, requestId, {
      action: 'communication.attach',
      targetType: 'communication',
      targetId: id,
      stateM49: party.stateM49,
      after: { attachmentId: inserted.id, sha256, sizeBytes: inserted.sizeBytes, contentType: inserted.contentType },
    });
    return inserted;
  });
  publishCommunicationEvent({
    communicationId: id,
    threadId: root.id,
    states: [context.message.senderStateM49, ...context.recipients.map((r) => r.stateM49)],
    change: 'status',
  });
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
  };
}

/** One attachment for a party who may read its message. */
export async function readAttachment(deps: CommunicationDeps, actor: Actor, id: string, attachmentId: string) {
  const party = requireParty(actor, 'communications.read');
  const { context } = await loadMessage(deps.db, id);
  if (!mayRead(party, context)) throw new AppError('NOT_FOUND');
  const [row] = await deps.db
    .select()
    .from(communicationAttachments)
    .where(eq(communicationAttachments.id, attachmentId));
  if (!row || row.communicationId !== id) throw new AppError('NOT_FOUND');
  return row;
}
