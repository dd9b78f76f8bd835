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
  // Plain loops rather than map/filter/join: this runs once per entry in `audit verify` (P6).
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${out}}`;
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
  // The one-shot crypto.hash costs half of createHash().update().digest() for inputs this small (P6).
  return crypto.hash('sha256', material, 'hex');
}
