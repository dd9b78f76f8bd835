import type { AuditEntry } from '../../../common/schemas/audit.ts';
import type { AuditRow } from './audit.repository.ts';

export function presentAuditEntry(row: AuditRow): AuditEntry {
  return { ...row, at: row.at.toISOString() };
}
