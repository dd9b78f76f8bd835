import { randomBytes } from 'node:crypto';
import { hashToken } from '../../auth/token-hash.ts';
import {
  nextNominationStatus,
  OPEN_NOMINATION_STATUSES,
  type NominationAction,
  type NominationStatus,
} from '../../../common/directory.ts';
import type { FieldError } from '../../../common/errors.ts';
import type { NominationListQuery, NominationRequest } from '../../../common/schemas/directory.ts';
import { requireAccess, visibleStates } from '../../auth/access.ts';
import { actorAccountId, actorLabel, type Actor } from '../../auth/actor.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { notifyOutboxChanged } from '../../mail/outbox-signal.ts';
import { enqueueMail, type MailRequest } from '../../mail/outbox.repository.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { unsafeStatesExist } from '../states/states.service.ts';
import { applyNomination } from './apply-nomination.ts';
import { acceptanceMail, decisionMails, verificationQueueMails } from './directory-mail.ts';
import { presentNomination } from './directory.presenter.ts';
import * as entries from './directory.repository.ts';
import { validateEntryDetails } from './entry-details-validation.ts';
import * as repo from './nominations.repository.ts';
import { inspectPublicKey } from './openpgp-key.ts';

export interface DirectoryDeps {
  db: Db;
  config: Config;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function assertNoteVerbaleDate(date: string, now: Date): void {
  const parsed = new Date(`${date}T00:00:00Z`);
  const real = !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
  // A day of slack: the note may be dated in a time zone already on the next day.
  if (!real || parsed.getTime() > now.getTime() + DAY_MS) {
    throw new AppError('NOTE_VERBALE_DATE_INVALID', { details: [{ field: '/noteVerbaleDate', reason: 'date' }] });
  }
}

/** Checks what a nomination says before anything is stored; returns the key's fingerprint and expiry. */
export async function checkNominationRequest(
  input: NominationRequest,
  now: Date,
  config: Pick<Config, 'PGP_EXPIRY_WARNING_DAYS'>,
): Promise<{ keyFingerprint: string | null; keyExpiresAt: Date | null; details: NominationRequest['details'] }> {
  const needsTarget = input.type !== 'new';
  if (needsTarget && input.targetEntryId === undefined) {
    throw new AppError('NOMINATION_TARGET_REQUIRED', { details: [{ field: '/targetEntryId', reason: 'required' }] });
  }
  if (!needsTarget && input.targetEntryId !== undefined) {
    throw new AppError('NOMINATION_TARGET_NOT_ALLOWED', {
      details: [{ field: '/targetEntryId', reason: 'not_allowed' }],
    });
  }
  if (input.type === 'removal' && input.details !== undefined) {
    throw new AppError('NOMINATION_DETAILS_NOT_ALLOWED', { details: [{ field: '/details', reason: 'not_allowed' }] });
  }
  if (input.type !== 'removal' && input.details === undefined) {
    throw new AppError('NOMINATION_DETAILS_REQUIRED', { details: [{ field: '/details', reason: 'required' }] });
  }
  assertNoteVerbaleDate(input.noteVerbaleDate, now);
  if (input.details === undefined) return { keyFingerprint: null, keyExpiresAt: null, details: undefined };
  const problems: FieldError[] = validateEntryDetails(input.details, '/details');
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { details: problems });
  if (input.details.pgpPublicKey === undefined) {
    return { keyFingerprint: null, keyExpiresAt: null, details: input.details };
  }
  const key = await inspectPublicKey(input.details.pgpPublicKey, now, config.PGP_EXPIRY_WARNING_DAYS);
  return {
    keyFingerprint: key.fingerprint,
    keyExpiresAt: key.expiresAt,
    details: { ...input.details, pgpPublicKey: key.armored },
  };
}

/**
 * A national authority nominates, updates, replaces or removes a point of contact of its own
 * State. Nothing changes in the directory until the directory manager verifies it.
 */
export async function submitNomination(
  deps: DirectoryDeps,
  actor: Actor,
  input: NominationRequest,
  requestId: string | null,
  now = new Date(),
) {
  const stateM49 = input.stateM49 ?? (actor.kind === 'account' ? (actor.stateM49 ?? undefined) : undefined);
  requireAccess(actor, 'nominations.submit');
  if (stateM49 === undefined) {
    throw new AppError('STATE_REQUIRED', { details: [{ field: '/stateM49', reason: 'required' }] });
  }
  if (actor.kind === 'account' && actor.stateM49 !== stateM49) {
    throw new AppError('FORBIDDEN', { internal: 'nomination for another State' });
  }
  if (!(await unsafeStatesExist(deps.db, [stateM49]))) {
    throw new AppError('UNKNOWN_STATE', { details: [{ field: '/stateM49', reason: 'unknown' }] });
  }
  const checked = await checkNominationRequest(input, now, deps.config);
  const created = await deps.db.transaction(async (tx) => {
    const row = await insertCheckedNomination(tx, actor, { ...input, stateM49 }, checked, requestId, now);
    await enqueueMail(tx, await verificationQueueMails(tx, deps.config, row));
    return row;
  });
  notifyOutboxChanged();
  return presentNomination(created, undefined, actor);
}

/** Stores one checked nomination and its audit entry, inside the caller's transaction (also used by import). */
export async function insertCheckedNomination(
  tx: Db,
  actor: Actor,
  input: NominationRequest & { stateM49: string },
  checked: Awaited<ReturnType<typeof checkNominationRequest>>,
  requestId: string | null,
  now: Date,
) {
  if (input.targetEntryId !== undefined) {
    const target = await entries.lockEntry(tx, input.targetEntryId);
    if (!target || target.stateM49 !== input.stateM49) {
      throw new AppError('NOT_FOUND', { details: [{ field: '/targetEntryId', reason: 'unknown' }] });
    }
    if (target.status !== 'active') throw new AppError('ENTRY_RETIRED');
    if (checked.details !== undefined && checked.details.kind !== target.kind) {
      throw new AppError('KIND_MISMATCH', { details: [{ field: '/details/kind', reason: 'kind_mismatch' }] });
    }
    if (await repo.findOpenNominationForEntry(tx, target.id)) throw new AppError('NOMINATION_ALREADY_OPEN');
  }
  const row = await repo.insertNomination(tx, {
    stateM49: input.stateM49,
    type: input.type,
    status: 'submitted',
    targetEntryId: input.targetEntryId ?? null,
    details: checked.details ?? null,
    keyFingerprint: checked.keyFingerprint,
    keyExpiresAt: checked.keyExpiresAt,
    reason: input.reason ?? null,
    noteVerbaleRef: input.noteVerbaleRef,
    noteVerbaleDate: input.noteVerbaleDate,
    submittedByAccountId: actorAccountId(actor),
    submittedByLabel: actorLabel(actor),
    submittedAt: now,
  });
  await recordAudit(tx, actor, requestId, {
    action: 'nomination.submit',
    targetType: 'nomination',
    targetId: row.id,
    stateM49: row.stateM49,
    after: { type: row.type, targetEntryId: row.targetEntryId, noteVerbaleRef: row.noteVerbaleRef },
  });
  return row;
}

export async function listNominations(deps: DirectoryDeps, actor: Actor, query: NominationListQuery) {
  const states = visibleStates(actor, 'nominations.read');
  if (query.stateM49 !== undefined) requireAccess(actor, 'nominations.read', [query.stateM49]);
  const rows = await repo.listNominations(deps.db, {
    states,
    stateM49: query.stateM49,
    statuses: query.status !== undefined ? [query.status] : query.open ? OPEN_NOMINATION_STATUSES : undefined,
  });
  const documents = await repo.findDocumentSummaries(
    deps.db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => presentNomination(row, documents.get(row.id), actor));
}

export async function getNomination(deps: DirectoryDeps, actor: Actor, id: string) {
  const row = await repo.unsafeFindNominationById(deps.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'nominations.read', [row.stateM49]);
  const documents = await repo.findDocumentSummaries(deps.db, [id]);
  return presentNomination(row, documents.get(id), actor);
}

/** Locks the nomination, checks the caller and the transition, and returns the row and its next status. */
async function beginTransition(tx: Db, actor: Actor, id: string, action: NominationAction) {
  const row = await repo.lockNomination(tx, id);
  if (!row) throw new AppError('NOT_FOUND');
  requireAccess(actor, 'nominations.read', [row.stateM49]);
  if (action === 'approve' || action === 'reject') requireAccess(actor, 'nominations.verify');
  if (action === 'withdraw' || action === 'resend') requireAccess(actor, 'nominations.submit', [row.stateM49]);
  const next = nextNominationStatus(row.type, row.status, action);
  if (next === undefined) {
    throw new AppError('INVALID_TRANSITION', { internal: `${action} from ${row.status}`, values: { action } });
  }
  return { row, next };
}

/** A fresh single-use link for the nominee: the row now holds its hash; the mail carries the token. */
async function issueAcceptanceLink(tx: Db, deps: DirectoryDeps, row: repo.NominationRow, now: Date) {
  if (!row.details) throw new Error('acceptance needs details');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + deps.config.ACCEPTANCE_LINK_DAYS * DAY_MS);
  const updated = await repo.updateNomination(tx, row.id, {
    acceptanceTokenHash: hashToken(token),
    acceptanceExpiresAt: expiresAt,
  });
  const mail = await acceptanceMail(tx, deps.config, updated, row.details, token, expiresAt);
  return { updated, mail };
}

interface TransitionOutcome {
  updated: repo.NominationRow;
  /** What the audit entry records as the state after the step. */
  after: Record<string, unknown>;
  mails: MailRequest[];
}

/**
 * One workflow step in one transaction: lock the nomination, check the caller and the
 * transition, do the step, record it in the audit trail and queue its mails, so the change,
 * its audit entry and its mails commit together or not at all.
 */
async function runTransition(
  deps: DirectoryDeps,
  actor: Actor,
  id: string,
  action: NominationAction,
  requestId: string | null,
  step: (tx: Db, row: repo.NominationRow, next: NominationStatus) => Promise<TransitionOutcome>,
) {
  let mailed = false;
  const result = await deps.db.transaction(async (tx) => {
    const { row, next } = await beginTransition(tx, actor, id, action);
    const outcome = await step(tx, row, next);
    await recordAudit(tx, actor, requestId, {
      action: `nomination.${action}`,
      targetType: 'nomination',
      targetId: id,
      stateM49: row.stateM49,
      before: { status: row.status },
      after: outcome.after,
    });
    await enqueueMail(tx, outcome.mails);
    mailed = outcome.mails.length > 0;
    return outcome.updated;
  });
  if (mailed) notifyOutboxChanged();
  return presentNomination(result, undefined, actor);
}

/**
 * The directory manager verifies a nomination. A new person must then accept by e-mail; an
 * update or a removal takes effect at once.
 */
export function approveNomination(
  deps: DirectoryDeps,
  actor: Actor,
  id: string,
  requestId: string | null,
  now = new Date(),
) {
  return runTransition(deps, actor, id, 'approve', requestId, async (tx, _row, next) => {
    let updated = await repo.updateNomination(tx, id, {
      status: next,
      decidedByLabel: actorLabel(actor),
      decidedAt: now,
    });
    const mails: MailRequest[] = [];
    if (next === 'awaiting_acceptance') {
      const issued = await issueAcceptanceLink(tx, deps, updated, now);
      updated = issued.updated;
      mails.push(issued.mail);
    } else {
      const entry = await applyNomination(tx, actor, updated, now);
      updated = await repo.updateNomination(tx, id, { resultingEntryId: entry.id, completedAt: now });
    }
    mails.push(...(await decisionMails(tx, deps.config, updated)));
    return { updated, after: { status: updated.status, resultingEntryId: updated.resultingEntryId }, mails };
  });
}

export function rejectNomination(
  deps: DirectoryDeps,
  actor: Actor,
  id: string,
  reason: string,
  requestId: string | null,
  now = new Date(),
) {
  return runTransition(deps, actor, id, 'reject', requestId, async (tx, _row, next) => {
    const updated = await repo.updateNomination(tx, id, {
      status: next,
      decidedByLabel: actorLabel(actor),
      decidedAt: now,
      rejectionReason: reason,
    });
    return { updated, after: { status: next, reason }, mails: await decisionMails(tx, deps.config, updated) };
  });
}

/** The national authority withdraws its own open nomination; an issued acceptance link stops working. */
export function withdrawNomination(deps: DirectoryDeps, actor: Actor, id: string, requestId: string | null) {
  return runTransition(deps, actor, id, 'withdraw', requestId, async (tx, _row, next) => {
    const updated = await repo.updateNomination(tx, id, { status: next, acceptanceTokenHash: null });
    return { updated, after: { status: next }, mails: [] };
  });
}

/** Sends the nominee a fresh link (the old one stops working), e.g. after it expired or got lost. */
export function resendAcceptanceLink(
  deps: DirectoryDeps,
  actor: Actor,
  id: string,
  requestId: string | null,
  now = new Date(),
) {
  return runTransition(deps, actor, id, 'resend', requestId, async (tx, row) => {
    const { updated, mail } = await issueAcceptanceLink(tx, deps, row, now);
    return { updated, after: { acceptanceExpiresAt: updated.acceptanceExpiresAt }, mails: [mail] };
  });
}
