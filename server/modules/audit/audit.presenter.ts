import type { AuditEntry } from '../../../common/schemas/audit.ts';
import type { AuditListRow } from './audit.repository.ts';

/**
 * An entry as the auditor reads it. `actorLabel` is the acting account's current e-mail (a
 * pseudonym once the account was pseudonymised); the stored label, which the hash covers, is
 * `account:<id>` and stays in the database, where `pocdir audit verify` checks it.
 */
export function presentAuditEntry(row: AuditListRow): AuditEntry {
  const { actorEmail, ...stored } = row;
  return { ...stored, actorLabel: actorEmail ?? stored.actorLabel, at: row.at.toISOString() };
}
