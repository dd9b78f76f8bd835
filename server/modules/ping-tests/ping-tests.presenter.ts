import type { RegionalGroup } from '../../../common/regional-groups.ts';
import { addMonths, type PingStateResult } from '../../../common/ping-tests.ts';
import type {
  PingContactRow,
  PingFigures,
  PingGroupRow,
  PingProgress,
  PingStateRow,
  PingTest,
} from '../../../common/schemas/ping-tests.ts';
import type { ContactResultRow, FigureRow, ProgressRow } from './ping-results.repository.ts';
import type { CampaignRow } from './ping-tests.repository.ts';

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

export function figuresOf(row: FigureRow | undefined): PingFigures {
  if (!row || row.contacts === 0) {
    return {
      contacts: 0,
      byResult: {},
      states: 0,
      statesReached: 0,
      acknowledgedRate: null,
      respondedRate: null,
      medianSeconds: null,
      p90Seconds: null,
    };
  }
  return {
    contacts: row.contacts,
    byResult: {
      acknowledged: row.acknowledged,
      late: row.late,
      no_response: row.no_response,
      bounced: row.bounced,
      key_problem: row.key_problem,
      pending: row.pending,
    },
    states: row.states,
    statesReached: row.states_reached,
    acknowledgedRate: row.ack_in_time / row.contacts,
    respondedRate: row.responded / row.contacts,
    medianSeconds: row.median,
    p90Seconds: row.p90,
  };
}

export function stateResultOf(row: FigureRow): PingStateResult {
  if (row.states_reached > 0) return 'reached';
  if (row.states_responded > 0) return 'late';
  return row.any_pending ? 'pending' : 'not_reached';
}

export function presentStateRow(row: FigureRow): PingStateRow {
  return {
    stateM49: row.state_m49 ?? '',
    group: row.grp as RegionalGroup,
    result: stateResultOf(row),
    contacts: row.contacts,
    byResult: figuresOf(row).byResult,
    firstAcknowledgedSeconds: row.first_seconds,
  };
}

export function presentGroupRow(row: FigureRow): PingGroupRow {
  return { group: row.grp as RegionalGroup, ...figuresOf(row) };
}

export function progressOf(campaign: CampaignRow, row: ProgressRow | undefined): PingProgress {
  const targets = row?.targets ?? campaign.targetCount;
  const notified = row?.notified ?? 0;
  const mailsTotal = campaign.channels.includes('email') ? targets : 0;
  const mailsSent = row?.mails_sent ?? 0;
  const mailsFailed = row?.mails_failed ?? 0;
  return {
    targets,
    notified,
    mailsSent,
    mailsFailed,
    mailsTotal,
    done: notified === targets && mailsSent + mailsFailed === mailsTotal,
  };
}

export function presentCampaign(
  campaign: CampaignRow,
  progress: ProgressRow | undefined,
  figures: FigureRow | undefined,
  now: Date,
): PingTest {
  const shown = progressOf(campaign, progress);
  const latestDueAt = progress?.latest_due_at ?? null;
  const status =
    shown.notified < shown.targets
      ? 'dispatching'
      : latestDueAt !== null && new Date(latestDueAt).getTime() > now.getTime()
        ? 'open'
        : 'closed';
  return {
    id: campaign.id,
    reference: campaign.reference,
    title: campaign.title,
    exercise: campaign.exercise,
    targets: campaign.targets,
    channels: campaign.channels,
    deadlineMode: campaign.deadlineMode,
    deadlineAt: iso(campaign.deadlineAt),
    businessHours: campaign.businessHours,
    reminderHours: campaign.reminderHours,
    recurrenceMonths: campaign.recurrenceMonths,
    sequence: campaign.sequence,
    seriesId: campaign.seriesId,
    startsAt: campaign.startsAt.toISOString(),
    latestDueAt: iso(latestDueAt),
    nextRunAt:
      campaign.recurrenceMonths === null ? null : addMonths(campaign.startsAt, campaign.recurrenceMonths).toISOString(),
    createdBy: campaign.createdByLabel,
    status,
    progress: shown,
    figures: figuresOf(figures),
  };
}

export function presentContact(row: ContactResultRow): PingContactRow {
  return {
    targetId: row.id,
    entryId: row.entry_id,
    stateM49: row.state_m49,
    kind: row.kind,
    slotRole: row.slot_role,
    name: row.name,
    email: row.email,
    timeZone: row.time_zone,
    dueAt: new Date(row.due_at).toISOString(),
    notifiedAt: iso(row.notified_at),
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedVia: row.acknowledged_via,
    secondsToAcknowledge: row.acknowledged_at === null ? null : row.seconds,
    result: row.result as PingContactRow['result'],
    bounce: row.bounce,
    keyProblem: row.key_problem,
  };
}
