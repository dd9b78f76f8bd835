import { eq } from 'drizzle-orm';
import { CLI_ACTOR } from '../../auth/actor.ts';
import { secretBoxFor } from '../../auth/secret-box.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { totpFactors } from '../../db/schema.ts';
import { recordAudit } from '../audit/audit.service.ts';

/**
 * The second half of a key rotation: every TOTP secret not sealed under SECRET_KEY is opened (with
 * SECRET_KEY_PREVIOUS) and sealed again under SECRET_KEY, in one transaction, so either all move or none.
 */
export async function resealSecrets(db: Db, config: Config): Promise<{ checked: number; resealed: number }> {
  const box = secretBoxFor(config);
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(totpFactors).for('update');
    let resealed = 0;
    for (const row of rows) {
      const update: Partial<typeof totpFactors.$inferInsert> = {};
      if (row.secretSealed && !box.isCurrent(row.secretSealed))
        update.secretSealed = box.seal(box.open(row.secretSealed));
      if (row.pendingSecretSealed && !box.isCurrent(row.pendingSecretSealed)) {
        update.pendingSecretSealed = box.seal(box.open(row.pendingSecretSealed));
      }
      if (Object.keys(update).length === 0) continue;
      await tx.update(totpFactors).set(update).where(eq(totpFactors.accountId, row.accountId));
      resealed += 1;
    }
    await recordAudit(tx, CLI_ACTOR, null, {
      action: 'secret_key.reseal',
      targetType: 'secret_key',
      targetId: 'totp',
      after: { checked: rows.length, resealed },
    });
    return { checked: rows.length, resealed };
  });
}
