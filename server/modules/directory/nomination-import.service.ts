import type { ImportRowError, NominationRequest } from '../../../common/schemas/directory.ts';
import { requireAccess } from '../../auth/access.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { notifyOutboxChanged } from '../../mail/outbox-signal.ts';
import { enqueueMail } from '../../mail/outbox.repository.ts';
import { verificationQueueMails } from './directory-mail.ts';
import { columnOf, parseNominationCsv } from './directory-import.ts';
import * as entries from './directory.repository.ts';
import * as repo from './nominations.repository.ts';
import { checkNominationRequest, insertCheckedNomination, type DirectoryDeps } from './nominations.service.ts';

/**
 * A national authority nominates many contacts at once from a CSV file. Every row is checked;
 * if any row is wrong, nothing is stored and every problem is reported by row and column.
 */
export async function importNominations(
  deps: DirectoryDeps,
  actor: Actor,
  csv: string,
  stateM49: string | undefined,
  requestId: string | null,
  now = new Date(),
) {
  requireAccess(actor, 'nominations.submit');
  const state = stateM49 ?? (actor.kind === 'account' ? actor.stateM49 : null);
  if (!state) throw new AppError('STATE_REQUIRED', { details: [{ field: '/stateM49', reason: 'required' }] });
  requireAccess(actor, 'nominations.submit', [state]);
  const parsed = parseNominationCsv(csv, state);
  if (parsed.fileErrors.length > 0) throw importInvalid(parsed.fileErrors);
  const errors: ImportRowError[] = parsed.rows.flatMap((r) => r.errors);
  const accepted: { request: NominationRequest; check: Awaited<ReturnType<typeof checkNominationRequest>> }[] = [];
  const targets = new Set<string>();
  for (const { row, request } of parsed.rows) {
    if (request === undefined) continue;
    try {
      const check = await checkNominationRequest(request, now, deps.config);
      if (request.targetEntryId !== undefined) {
        const target = await entries.unsafeFindEntryById(deps.db, request.targetEntryId);
        if (!target || target.stateM49 !== state) errors.push({ row, field: 'target_entry_id', reason: 'unknown' });
        else if (target.status !== 'active') errors.push({ row, field: 'target_entry_id', reason: 'retired' });
        else if (targets.has(target.id) || (await repo.findOpenNominationForEntry(deps.db, target.id))) {
          errors.push({ row, field: 'target_entry_id', reason: 'already_open' });
        }
        targets.add(request.targetEntryId);
      }
      accepted.push({ request, check });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const details = error.details ?? [];
      if (details.length === 0) errors.push({ row, field: 'type', reason: error.code.toLowerCase() });
      for (const d of details) errors.push({ row, field: columnOf(d.field), reason: d.reason });
    }
  }
  errors.sort((a, b) => a.row - b.row);
  if (errors.length > 0) throw importInvalid(errors);
  const ids = await deps.db.transaction(async (tx) => {
    const created: string[] = [];
    for (const { request, check } of accepted) {
      const row = await insertCheckedNomination(tx, actor, { ...request, stateM49: state }, check, requestId, now);
      created.push(row.id);
      await enqueueMail(tx, await verificationQueueMails(tx, deps.config, row));
    }
    return created;
  });
  notifyOutboxChanged();
  return { created: ids.length, nominationIds: ids };
}

function importInvalid(errors: ImportRowError[]): AppError {
  return new AppError('IMPORT_INVALID', {
    details: errors.map((e) => ({ field: `/rows/${e.row}/${e.field}`, reason: e.reason })),
  });
}
