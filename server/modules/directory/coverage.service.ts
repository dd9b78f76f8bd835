import { OPEN_NOMINATION_STATUSES } from '../../../common/directory.ts';
import { REGIONAL_GROUPS } from '../../../common/regional-groups.ts';
import type { Coverage } from '../../../common/schemas/directory.ts';
import { requireAccess } from '../../auth/access.ts';
import type { Actor } from '../../auth/actor.ts';
import { listStates } from '../states/states.repository.ts';
import { confirmationDueAt } from './directory.presenter.ts';
import { listActiveEntrySummaries } from './directory.repository.ts';
import { listNominations } from './nominations.repository.ts';
import type { DirectoryDeps } from './nominations.service.ts';

/**
 * The directory manager's overview: which States take part, which lack a diplomatic or a
 * technical contact, which entries are stale, and what waits for someone. Only counts and
 * names of entries; nothing of any State's communications.
 */
export async function getCoverage(deps: DirectoryDeps, actor: Actor, now = new Date()): Promise<Coverage> {
  requireAccess(actor, 'directory.coverage');
  const [stateRows, entries, pending] = await Promise.all([
    listStates(deps.db),
    listActiveEntrySummaries(deps.db),
    listNominations(deps.db, { states: 'all', statuses: OPEN_NOMINATION_STATUSES }),
  ]);
  const kindsByState = new Map<string, Set<string>>();
  for (const entry of entries) {
    const kinds = kindsByState.get(entry.stateM49) ?? new Set<string>();
    kinds.add(entry.kind);
    kindsByState.set(entry.stateM49, kinds);
  }
  const cadence = deps.config.RECONFIRM_CADENCE_DAYS;
  const stale = entries
    .map((entry) => ({ entry, dueAt: confirmationDueAt(entry.lastConfirmedAt, cadence) }))
    .filter(({ dueAt }) => dueAt.getTime() <= now.getTime())
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())
    .map(({ entry, dueAt }) => ({
      entryId: entry.id,
      stateM49: entry.stateM49,
      kind: entry.kind,
      nameLatin: entry.nameLatin,
      lastConfirmedAt: entry.lastConfirmedAt.toISOString(),
      confirmationDueAt: dueAt.toISOString(),
    }));
  const byGroup = REGIONAL_GROUPS.map((group) => {
    const inGroup = stateRows.filter((s) => s.group === group);
    const kinds = inGroup.map((s) => kindsByState.get(s.m49));
    return {
      group,
      states: inGroup.length,
      participating: kinds.filter((k) => k !== undefined).length,
      withDiplomatic: kinds.filter((k) => k?.has('diplomatic')).length,
      withTechnical: kinds.filter((k) => k?.has('technical')).length,
    };
  });
  const gaps = [...kindsByState.entries()]
    .filter(([, kinds]) => !kinds.has('diplomatic') || !kinds.has('technical'))
    .map(([stateM49, kinds]) => ({
      stateM49,
      missingDiplomatic: !kinds.has('diplomatic'),
      missingTechnical: !kinds.has('technical'),
    }))
    .sort((a, b) => a.stateM49.localeCompare(b.stateM49));
  return {
    totals: {
      states: stateRows.length,
      participating: kindsByState.size,
      activeEntries: entries.length,
      staleEntries: stale.length,
      pendingNominations: pending.length,
    },
    byGroup,
    gaps,
    stale,
    pending: pending.map((n) => ({
      nominationId: n.id,
      stateM49: n.stateM49,
      type: n.type,
      status: n.status,
      submittedAt: n.submittedAt.toISOString(),
    })),
  };
}
