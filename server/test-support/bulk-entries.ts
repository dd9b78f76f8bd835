import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';

/**
 * Inserts `count` active directory entries in one statement, spread over `states` (round robin),
 * for scale tests and benchmarks (a 20,000-contact ping test). The nomination workflow is tested
 * elsewhere; here only the volume matters. E-mails are `<prefix>.<n>@scale.pocdir.example`.
 */
export async function insertEntriesInBulk(
  db: Db,
  count: number,
  states: readonly string[],
  options: { prefix?: string; timeZone?: string } = {},
): Promise<void> {
  const prefix = options.prefix ?? 'poc';
  const timeZone = options.timeZone ?? 'UTC';
  await db.execute(sql`
    insert into directory_entries (state_m49, kind, slot_role, status, version, details, search_text,
                                   available_24_7, languages, last_verified_at, last_confirmed_at)
    select s.m49, 'technical', case when n % 2 = 0 then 'primary' else 'alternate' end, 'active', 1,
           jsonb_build_object(
             'kind', 'technical',
             'slotRole', case when n % 2 = 0 then 'primary' else 'alternate' end,
             'available247', false,
             'nameNative', 'Contact ' || n, 'nameLatin', 'Contact ' || n,
             'function', 'Incident handler', 'organisation', 'National CERT',
             'emails', jsonb_build_array(${prefix} || '.' || n || '@scale.pocdir.example'),
             'phones', '[]'::jsonb, 'secureChannels', '[]'::jsonb,
             'workingLanguages', jsonb_build_array('en'),
             'timeZone', ${timeZone}::text, 'availabilityHours', 'Mon–Fri 09:00–17:00', 'mandate', ''),
           -- What searchTextOf makes of these details: both names, the organisation, the function, folded.
           'contact ' || n || ' contact ' || n || ' national cert incident handler', false, array['en'], now(), now()
      from generate_series(1, ${count}) as n
      join (select m49, row_number() over (order by m49) - 1 as i
              from unnest(${`{${states.join(',')}}`}::text[]) as m49) s
        on s.i = n % ${states.length}`);
}
