import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecipientStatus } from '../../../common/communications.ts';
import { rowsOf, type Database } from '../../db/client.ts';
import { insertCommunicationsInBulk } from '../../test-support/bulk-communications.ts';
import { insertEntriesInBulk } from '../../test-support/bulk-entries.ts';
import { buildAccount, type TestAccount } from '../../test-support/factories.ts';
import { openTestDatabase } from '../../test-support/harness.ts';
import { listInbox, listInboxScan, type InboxFilter } from './communications.repository.ts';

const STATES = ['288', '250', '404', '818', '076'];
let database: Database;
let viewer: TestAccount;

beforeAll(async () => {
  database = await openTestDatabase();
  await insertEntriesInBulk(database.db, 100, STATES, { prefix: 'inbox' });
  await insertCommunicationsInBulk(database.db, 3000, STATES);
  viewer = await buildAccount(database.db, { role: 'point_of_contact', stateM49: '288' });
  // TLP:RED spread over every State and direction (the bulk data puts it on one sender only), each
  // addressed to a named contact of the receiving State.
  await database.db.execute(sql`update communications set tlp = 'TLP:RED' where serial % 7 = 0`);
  await database.db.execute(sql`update communication_recipients r set red = (c.tlp = 'TLP:RED')
    from communications c where c.id = r.communication_id`);
  await database.db.execute(sql`insert into communication_addressees (communication_id, entry_id, state_m49, email)
    select r.communication_id, e.id, r.state_m49, e.details->'emails'->>0 from communication_recipients r
      join lateral (select id, details from directory_entries d where d.state_m49 = r.state_m49 limit 1) e on true
     where r.red on conflict do nothing`);
  // The viewer sent some TLP:RED messages, originated threads others replied to, and is named in others.
  await database.db.execute(sql`update communications set sender_account_id = ${viewer.id}
    where tlp = 'TLP:RED' and sender_state_m49 = '288' and serial % 3 = 0`);
  await database.db.execute(sql`insert into communications (id, serial, reference, thread_id, parent_id, type,
      template_version, tlp, urgency, sender_state_m49, sender_label, language, content, content_sha256, created_at)
    select gen_random_uuid(), nextval('communications_serial_seq'), 'PD-R-' || c.serial, c.id, c.id, c.type, 1,
           'TLP:RED', 'high', '250', 'reply', 'en', c.content, c.content_sha256, c.created_at + interval '1 hour'
      from communications c where c.sender_account_id = ${viewer.id}`);
  await database.db.execute(sql`insert into communication_recipients (communication_id, state_m49, message_at, red,
      status, acknowledge_due_at)
    select c.id, '288', c.created_at, true, 'sent', c.created_at + interval '1 day' from communications c
     where c.reference like 'PD-R-%'`);
  await database.db.execute(sql`update communication_addressees set email = upper(${viewer.email})
    where state_m49 = '288' and communication_id in (select id from communications where serial % 2 = 0)`);
  // Equal instants across a page boundary: the order falls back to the serial number.
  await database.db.execute(sql`update communications set created_at = '2026-06-01T00:00:00Z'
    where serial in (select serial from communications where sender_state_m49 = '288' order by serial limit 40)`);
  await database.db.execute(sql`update communication_recipients r set message_at = c.created_at
    from communications c where c.id = r.communication_id`);
  await database.db.execute(sql`analyze`);
}, 120_000);
afterAll(() => database.close());

describe('a State inbox read from the indexes', () => {
  it('gives the same pages and totals as reading every message of the State', async () => {
    const base: InboxFilter = { stateM49: '288', accountId: viewer.id, email: viewer.email };
    const statuses: RecipientStatus[] = ['sent', 'acknowledged', 'answered'];
    const filters: InboxFilter[] = [
      base,
      { ...base, direction: 'in' },
      { ...base, direction: 'out' },
      ...statuses.map((status) => ({ ...base, status })),
      { ...base, stateM49: '250' },
    ];
    let redSeen = 0;
    for (const filter of filters) {
      for (const page of [
        { limit: 50, offset: 0 },
        { limit: 7, offset: 13 },
        { limit: 200, offset: 150 },
        { limit: 50, offset: 5000 },
      ]) {
        const fast = await listInbox(database.db, filter, page);
        const scan = await listInboxScan(database.db, filter, page);
        const label = JSON.stringify({ filter: { ...filter, accountId: undefined, email: undefined }, page });
        expect(fast.total, label).toBe(scan.total);
        expect(
          fast.rows.map((r) => r.reference),
          label,
        ).toEqual(scan.rows.map((r) => r.reference));
        redSeen += fast.rows.filter((r) => r.tlp === 'TLP:RED').length;
      }
    }
    expect(redSeen).toBeGreaterThan(0);
    // And the RED ones the viewer may not read are really there, and really left out.
    const [hidden] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from communications c
        join communication_recipients r on r.communication_id = c.id and r.state_m49 = '288'
        where c.tlp = 'TLP:RED' and c.sender_account_id is null
          and not exists (select 1 from communication_addressees a where a.communication_id = c.id
                          and lower(a.email) = lower(${viewer.email}))`),
    );
    expect(hidden?.n).toBeGreaterThan(0);
  });
});
