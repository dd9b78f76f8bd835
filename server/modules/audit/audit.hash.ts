import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields an entry's hash covers: everything except the hash itself. */
export interface ChainedFields {
  position: number;
  at: Date;
  actorAccountId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  stateM49: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
}

/**
 * JSON with object keys sorted at every level. jsonb reorders keys on storage, so the
 * hash must not depend on key order.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashEntry(fields: ChainedFields): string {
  const material = canonicalJson([
    fields.position,
    fields.at.toISOString(),
    fields.actorAccountId,
    fields.actorLabel,
    fields.action,
    fields.targetType,
    fields.targetId,
    fields.stateM49,
    fields.before ?? null,
    fields.after ?? null,
    fields.requestId,
    fields.prevHash,
  ]);
  return crypto.createHash('sha256').update(material).digest('hex');
}
