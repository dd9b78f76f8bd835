import { randomUUID } from 'node:crypto';
import { targetDeadline, type PingDeadlineMode, type PingTargeting } from '../../../common/ping-tests.ts';
import type {
  CreatePingTestRequest,
  PingContacts,
  PingContactsQuery,
  PingResults,
  PingTest,
  PingTestList,
  PingTrend,
} from '../../../common/schemas/ping-tests.ts';
import { requireAccess, visibleStates } from '../../auth/access.ts';
import { actorAccountId, actorLabel, type Actor } from '../../auth/actor.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { requestSweep } from '../../jobs/sweep-signal.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { unsafeStatesExist } from '../states/states.service.ts';
import { PING_DISPATCH_SWEEP } from './ping-dispatch.ts';
import {
  figuresOf,
  presentCampaign,
  presentContact,
  presentGroupRow,
  presentStateRow,
} from './ping-tests.presenter.ts';
import * as resultRepo from './ping-results.repository.ts';
import * as repo from './ping-tests.repository.ts';

export interface PingTestDeps {
  db: Db;
  config: Config;
}

/** What a run of a campaign is made of; the next run of a recurring campaign copies it. */
export interface CampaignPlan {
  title: string | null;
  exercise: boolean;
  targets: PingTargeting;
  channels: ('email' | 'in_app')[];
  deadlineMode: PingDeadlineMode;
  deadlineAt: Date | null;
  businessHours: number | null;
  reminderHours: number[];
  recurrenceMonths: number | null;
}

const HOUR_MS = 3_600_000;

function planOf(body: CreatePingTestRequest, now: Date): CampaignPlan {
  const problems = [];
  if (!body.targets.allParticipating && body.targets.states.length === 0 && body.targets.groups.length === 0) {
    problems.push({ field: '/targets', reason: 'required' });
  }
  let deadlineAt: Date | null = null;
  if (body.deadlineMode === 'absolute') {
    deadlineAt = body.deadlineAt === undefined ? null : new Date(body.deadlineAt);
    if (deadlineAt === null) problems.push({ field: '/deadlineAt', reason: 'required' });
    else if (deadlineAt.getTime() <= now.getTime() + HOUR_MS) problems.push({ field: '/deadlineAt', reason: 'future' });
  } else if (body.businessHours === undefined) {
    problems.push({ field: '/businessHours', reason: 'required' });
  }
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { details: problems });
  return {
    title: body.title?.trim() || null,
    exercise: body.exercise,
    targets: body.targets,
    channels: [...new Set(body.channels)],
    deadlineMode: body.deadlineMode,
    deadlineAt,
    businessHours: body.deadlineMode === 'business_hours' ? (body.businessHours ?? null) : null,
    reminderHours: [...new Set(body.reminderHours)].sort((a, b) => b - a),
    recurrenceMonths: body.recurrenceMonths ?? null,
  };
}

export interface RunOptions {
  startsAt: Date;
  seriesId?: string;
  sequence?: number;
  requestId: string | null;
}

/**
 * Creates one run: the campaign row and every targeted contact with its own deadline, in one
 * transaction, set-based (INSERT … SELECT), so 20,000 contacts take well under a second. Mails are
 * not written here: the ping-dispatch sweep writes them in batches in the background.
 */
export async function createRun(db: Db, config: Config, actor: Actor, plan: CampaignPlan, options: RunOptions) {
  const { startsAt } = options;
  const campaign = await db.transaction(async (tx) => {
    const keys = await repo.deadlineKeys(tx, plan.targets);
    const dues = keys.map((key) => ({
      timeZone: key.time_zone,
      stateM49: key.state_m49,
      available247: key.available_24_7,
      dueAt: targetDeadline(
        { deadlineMode: plan.deadlineMode, deadlineAt: plan.deadlineAt, businessHours: plan.businessHours, startsAt },
        { timeZone: key.time_zone, stateM49: key.state_m49, available247: key.available_24_7 },
      ).toISOString(),
    }));
    const serial = await repo.nextCampaignSerial(tx);
    const id = randomUUID();
    const inserted = await repo.insertCampaign(tx, {
      id,
      serial,
      reference: `PING-${startsAt.getUTCFullYear()}-${String(serial).padStart(4, '0')}`,
      seriesId: options.seriesId ?? id,
      sequence: options.sequence ?? 1,
      ...plan,
      startsAt,
      targetCount: 0,
      createdByAccountId: actorAccountId(actor),
      createdByLabel: actorLabel(actor),
    });
    const count = await repo.insertTargets(tx, id, plan.targets, dues, config.ACK_LINK_DAYS, startsAt);
    if (count === 0) throw new AppError('PING_NO_TARGETS');
    await repo.updateTargetCount(tx, id, count);
    await recordAudit(tx, actor, options.requestId, {
      action: 'ping_test.create',
      targetType: 'ping_test',
      targetId: id,
      after: {
        reference: inserted.reference,
        exercise: plan.exercise,
        targets: plan.targets,
        channels: plan.channels,
        deadlineMode: plan.deadlineMode,
        deadlineAt: plan.deadlineAt,
        businessHours: plan.businessHours,
        recurrenceMonths: plan.recurrenceMonths,
        contacts: count,
      },
    });
    return { ...inserted, targetCount: count };
  });
  requestSweep(PING_DISPATCH_SWEEP);
  return campaign;
}

export async function createPingTest(
  deps: PingTestDeps,
  actor: Actor,
  body: CreatePingTestRequest,
  requestId: string | null,
  now = new Date(),
): Promise<PingTest> {
  requireAccess(actor, 'pingTests.manage');
  const plan = planOf(body, now);
  if (plan.targets.states.length > 0 && !(await unsafeStatesExist(deps.db, plan.targets.states))) {
    throw new AppError('UNKNOWN_STATE');
  }
  const campaign = await createRun(deps.db, deps.config, actor, plan, { startsAt: now, requestId });
  return getPingTest(deps, actor, campaign.id, now);
}

async function presentMany(db: Db, campaigns: repo.CampaignRow[], states: 'all' | string[], now: Date) {
  const ids = campaigns.map((c) => c.id);
  const [progress, figures] = await Promise.all([
    resultRepo.progressRows(db, ids),
    resultRepo.figureRows(db, ids, states, now, false),
  ]);
  const progressById = new Map(progress.map((row) => [row.campaign_id, row]));
  const figuresById = new Map(figures.map((row) => [row.campaign_id, row]));
  return campaigns.map((c) => presentCampaign(c, progressById.get(c.id), figuresById.get(c.id), now));
}

async function campaignVisibleTo(deps: PingTestDeps, actor: Actor, id: string) {
  const states = visibleStates(actor, 'pingTests.read');
  const campaign = await repo.findCampaign(deps.db, id);
  if (!campaign) throw new AppError('NOT_FOUND');
  return { campaign, states };
}

/** Campaigns, newest first. A national authority sees every campaign's progress but only its own State's figures. */
export async function listPingTests(deps: PingTestDeps, actor: Actor, now = new Date()): Promise<PingTestList> {
  const states = visibleStates(actor, 'pingTests.read');
  const campaigns = await repo.listCampaigns(deps.db, 200);
  return { items: await presentMany(deps.db, campaigns, states, now) };
}

export async function getPingTest(deps: PingTestDeps, actor: Actor, id: string, now = new Date()): Promise<PingTest> {
  const { campaign, states } = await campaignVisibleTo(deps, actor, id);
  const [presented] = await presentMany(deps.db, [campaign], states, now);
  if (!presented) throw new AppError('NOT_FOUND');
  return presented;
}

/** A campaign by its id or its reference (PING-2026-0003), as the CLI and people write it. */
export async function findPingTestId(deps: PingTestDeps, actor: Actor, idOrReference: string): Promise<string> {
  visibleStates(actor, 'pingTests.read');
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrReference);
  const campaign = uuid
    ? await repo.findCampaign(deps.db, idOrReference)
    : await repo.findCampaignByReference(deps.db, idOrReference);
  if (!campaign) throw new AppError('NOT_FOUND');
  return campaign.id;
}

/** Figures per regional group and per State (reached when any contact acknowledged in time). */
export async function getPingResults(
  deps: PingTestDeps,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<PingResults> {
  const { campaign, states } = await campaignVisibleTo(deps, actor, id);
  const [rows, progress] = await Promise.all([
    resultRepo.figureRows(deps.db, [id], states, now, true),
    resultRepo.progressRows(deps.db, [id]),
  ]);
  const overall = rows.find((row) => row.g_grp === 1);
  return {
    campaign: presentCampaign(campaign, progress[0], overall, now),
    groups: rows.filter((row) => row.g_grp === 0 && row.g_state === 1).map(presentGroupRow),
    states: rows
      .filter((row) => row.g_state === 0)
      .map(presentStateRow)
      .sort((a, b) => a.stateM49.localeCompare(b.stateM49)),
  };
}

export async function listPingContacts(
  deps: PingTestDeps,
  actor: Actor,
  id: string,
  query: PingContactsQuery,
  now = new Date(),
): Promise<PingContacts> {
  const { states } = await campaignVisibleTo(deps, actor, id);
  const rows = await resultRepo.contactResults(
    deps.db,
    id,
    {
      states,
      ...(query.stateM49 === undefined ? {} : { stateM49: query.stateM49 }),
      ...(query.result === undefined ? {} : { result: query.result }),
      limit: query.limit ?? 100,
      offset: query.offset ?? 0,
    },
    now,
  );
  return { total: rows[0]?.total ?? 0, items: rows.map(presentContact) };
}

/** Real campaigns over time, oldest first. Exercises are kept out: they test the procedure, not the contacts. */
export async function getPingTrend(deps: PingTestDeps, actor: Actor, now = new Date()): Promise<PingTrend> {
  const states = visibleStates(actor, 'pingTests.read');
  const campaigns = (await repo.listCampaigns(deps.db, 200)).filter((c) => !c.exercise).reverse();
  const figures = await resultRepo.figureRows(
    deps.db,
    campaigns.map((c) => c.id),
    states,
    now,
    false,
  );
  const byId = new Map(figures.map((row) => [row.campaign_id, row]));
  return {
    items: campaigns.map((c) => ({
      id: c.id,
      reference: c.reference,
      title: c.title,
      startsAt: c.startsAt.toISOString(),
      ...figuresOf(byId.get(c.id)),
    })),
  };
}
