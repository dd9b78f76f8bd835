import { createHash } from 'node:crypto';
import { requireAccess } from '../../auth/access.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { OPEN_NOMINATION_STATUSES } from '../../../common/directory.ts';
import * as repo from './nominations.repository.ts';
import { getNomination, type DirectoryDeps } from './nominations.service.ts';

/** Largest note verbale PDF accepted. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

function safeFileName(raw: string | undefined): string {
  let name = 'note-verbale.pdf';
  if (raw) {
    try {
      name = decodeURIComponent(raw);
    } catch {
      /* keep the default */
    }
  }
  // Keep letters of any script, digits and a few separators: the name goes into a download header later.
  const cleaned = name.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 120);
  return cleaned.toLowerCase().endsWith('.pdf') ? cleaned : `${cleaned}.pdf`;
}

/** Attaches (or replaces) the note verbale PDF of an open nomination of the caller's State. */
export async function attachNominationDocument(
  deps: DirectoryDeps,
  actor: Actor,
  id: string,
  content: Buffer,
  fileName: string | undefined,
  requestId: string | null,
) {
  const nomination = await repo.unsafeFindNominationById(deps.db, id);
  if (!nomination) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'nominations.submit', [nomination.stateM49]);
  if (!OPEN_NOMINATION_STATUSES.includes(nomination.status)) throw new AppError('INVALID_TRANSITION');
  if (content.length < 5 || content.subarray(0, 5).toString('latin1') !== '%PDF-') {
    throw new AppError('DOCUMENT_NOT_PDF', { details: [{ field: '/body', reason: 'not_pdf' }] });
  }
  const sha256 = createHash('sha256').update(content).digest('hex');
  await deps.db.transaction(async (tx) => {
    await repo.upsertDocument(tx, {
      nominationId: id,
      fileName: safeFileName(fileName),
      sha256,
      sizeBytes: content.length,
      content,
      uploadedAt: new Date(),
    });
    await recordAudit(tx, actor, requestId, {
      action: 'nomination.document',
      targetType: 'nomination',
      targetId: id,
      stateM49: nomination.stateM49,
      after: { sha256, sizeBytes: content.length },
    });
  });
  return getNomination(deps, actor, id);
}

/** The PDF, for the manager and the nominating State. */
export async function readNominationDocument(deps: DirectoryDeps, actor: Actor, id: string) {
  const nomination = await repo.unsafeFindNominationById(deps.db, id);
  if (!nomination) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'nominations.read', [nomination.stateM49]);
  const document = await repo.findDocument(deps.db, id);
  if (!document) throw new AppError('NOT_FOUND');
  return document;
}
