import { eq } from 'drizzle-orm';
import { CLI_ACTOR } from '../server/auth/actor.ts';
import { testConfig } from '../server/config.ts';
import { openDatabase } from '../server/db/client.ts';
import { auditHead, auditLog } from '../server/db/schema.ts';
import { GENESIS_HASH, hashEntry, type ChainedFields } from '../server/modules/audit/audit.hash.ts';
import { verifyAuditChain } from '../server/modules/audit/audit.service.ts';
import type { Figure } from './figure.ts';

/** A realistic entry: an account change with before/after objects. */
function entry(position: number, prevHash: string): ChainedFields {
  return {
    position,
    at: new Date(Date.UTC(2026, 0, 1) + position * 1000),
    actorAccountId: '7fca19c3-e1f4-40f7-a71c-aa6f041bafd1',
    actorLabel: 'authority.gh@demo.pocdir.example',
    action: 'account.create',
    targetType: 'account',
    targetId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    stateM49: '288',
    before: null,
    after: { email: `poc${position}@example.org`, role: 'point_of_contact', stateM49: '288', disabled: false },
    requestId: 'b7d3c0de-0000-4000-8000-000000000000',
    prevHash,
  };
}

/**
 * P6 (preview): `pocdir audit verify` throughput, entries/s, on the embedded database, as a ratio of
 * the same hashing done in memory in the same run (the floor no database read can beat).
 */
export async function auditVerifyFigure(entries: number): Promise<Figure[]> {
  const database = await openDatabase(testConfig({ DATABASE_URL: undefined }), { holder: 'bench', inMemory: {} });
  try {
    await database.migrate();
    const rows: (ChainedFields & { hash: string })[] = [];
    let prev = GENESIS_HASH;
    for (let position = 1; position <= entries; position++) {
      const fields = entry(position, prev);
      prev = hashEntry(fields);
      rows.push({ ...fields, hash: prev });
    }
    for (let i = 0; i < rows.length; i += 1000) await database.db.insert(auditLog).values(rows.slice(i, i + 1000));
    await database.db.update(auditHead).set({ position: entries, hash: prev }).where(eq(auditHead.id, 1));

    const baselineStart = performance.now();
    for (const row of rows) hashEntry(row);
    const baselinePerSecond = entries / ((performance.now() - baselineStart) / 1000);

    const verifyStart = performance.now();
    const result = await verifyAuditChain(database.db, CLI_ACTOR);
    const verifyPerSecond = entries / ((performance.now() - verifyStart) / 1000);
    if (!result.ok || result.checked !== entries) throw new Error(`verification failed: ${JSON.stringify(result)}`);

    return [
      { id: 'P6-baseline', label: `hash ${entries} entries in memory`, value: baselinePerSecond, unit: 'entries/s' },
      {
        id: 'P6',
        label: `audit verify over ${entries} entries (embedded)`,
        value: verifyPerSecond,
        unit: 'entries/s',
        ratio: verifyPerSecond / baselinePerSecond,
        target: '≥ 100,000 entries/s',
        met: verifyPerSecond >= 100_000,
      },
    ];
  } finally {
    await database.close();
  }
}
