import type { MyPingChecks, PingAcknowledgement } from '../../../common/schemas/ping-tests.ts';
import { requireAccess } from '../../auth/access.ts';
import type { Actor, SystemActor } from '../../auth/actor.ts';
import { hashToken } from '../../auth/token-hash.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import * as repo from './ping-tests.repository.ts';

const LINK_ACTOR: SystemActor = { kind: 'system', label: 'acknowledgement-link' };

/**
 * Records one contact's acknowledgement, in one transaction with its audit entry: the time, the
 * channel, and (for a real campaign, not an exercise) the entry's "last verified" moved forward.
 * A second acknowledgement changes nothing and says so.
 */
export async function recordAcknowledgement(
  tx: Db,
  target: repo.TargetRow,
  via: 'link' | 'app',
  actor: Actor,
  requestId: string | null,
  now: Date,
): Promise<PingAcknowledgement> {
  const campaign = await repo.findCampaign(tx, target.campaignId);
  if (!campaign) throw new AppError('NOT_FOUND');
  const answer = (acknowledgedAt: Date, alreadyAcknowledged: boolean): PingAcknowledgement => ({
    reference: campaign.reference,
    exercise: campaign.exercise,
    stateM49: target.stateM49,
    acknowledgedAt: acknowledgedAt.toISOString(),
    dueAt: target.dueAt.toISOString(),
    late: acknowledgedAt.getTime() > target.dueAt.getTime(),
    alreadyAcknowledged,
  });
  if (target.acknowledgedAt !== null) return answer(target.acknowledgedAt, true);
  await repo.markAcknowledged(tx, target.id, now, via);
  if (!campaign.exercise) await repo.markEntryVerified(tx, target.entryId, now);
  await recordAudit(tx, actor, requestId, {
    action: 'ping_test.acknowledge',
    targetType: 'ping_test',
    targetId: campaign.id,
    stateM49: target.stateM49,
    after: { entryId: target.entryId, via, late: now.getTime() > target.dueAt.getTime() },
  });
  return answer(now, false);
}

/** The single-use link from the check's mail (or a reminder's): no sign-in needed. */
export async function acknowledgeCheckByLink(
  db: Db,
  token: string,
  requestId: string | null,
  now = new Date(),
): Promise<PingAcknowledgement> {
  return db.transaction(async (tx) => {
    const target = await repo.lockTargetByToken(tx, hashToken(token));
    // Used (the target is acknowledged), unknown and closed links look the same to the holder.
    if (!target || target.acknowledgedAt !== null || target.closesAt.getTime() <= now.getTime()) {
      throw new AppError('ACKNOWLEDGEMENT_LINK_INVALID');
    }
    return recordAcknowledgement(tx, target, 'link', LINK_ACTOR, requestId, now);
  });
}

/** The button in the app: only the contact the check was addressed to (their account's e-mail, their State). */
export async function acknowledgeCheckInApp(
  db: Db,
  actor: Actor,
  targetId: string,
  requestId: string | null,
  now = new Date(),
): Promise<PingAcknowledgement> {
  requireAccess(actor, 'pingTests.acknowledge');
  if (actor.kind !== 'account') throw new AppError('FORBIDDEN');
  return db.transaction(async (tx) => {
    const target = await repo.lockTarget(tx, targetId);
    if (
      !target ||
      target.stateM49 !== actor.stateM49 ||
      target.email.toLowerCase() !== actor.email.toLowerCase() ||
      target.notifiedAt === null
    ) {
      throw new AppError('NOT_FOUND');
    }
    if (target.acknowledgedAt === null && target.closesAt.getTime() <= now.getTime()) {
      throw new AppError('PING_CHECK_CLOSED');
    }
    return recordAcknowledgement(tx, target, 'app', actor, requestId, now);
  });
}

/** The signed-in contact's checks that are still open or recently answered. */
export async function myPingChecks(db: Db, actor: Actor, now = new Date()): Promise<MyPingChecks> {
  requireAccess(actor, 'pingTests.acknowledge');
  if (actor.kind !== 'account' || actor.stateM49 === null) return { items: [] };
  const rows = await repo.checksOfContact(db, actor.email, actor.stateM49, now);
  return {
    items: rows
      .filter((row) => row.notifiedAt !== null)
      .map((row) => ({
        targetId: row.id,
        reference: row.reference,
        title: row.title,
        exercise: row.exercise,
        dueAt: row.dueAt.toISOString(),
        acknowledgedAt: row.acknowledgedAt === null ? null : row.acknowledgedAt.toISOString(),
      })),
  };
}
