import { asc, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { states } from '../../db/schema.ts';

export type StateRow = typeof states.$inferSelect;

export function listStates(db: Db): Promise<StateRow[]> {
  return db.select().from(states).orderBy(asc(states.m49));
}

export async function findStates(db: Db, m49s: string[]): Promise<StateRow[]> {
  if (m49s.length === 0) return [];
  return db.select().from(states).where(inArray(states.m49, m49s));
}

/** Inserts or refreshes reference rows; never deletes (accounts refer to States). */
export async function upsertStates(db: Db, rows: StateRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(states)
    .values(rows)
    .onConflictDoUpdate({
      target: states.m49,
      set: {
        alpha2: sql`excluded.alpha2`,
        alpha3: sql`excluded.alpha3`,
        group: sql`excluded.regional_group`,
        status: sql`excluded.status`,
        names: sql`excluded.names`,
      },
    });
}
