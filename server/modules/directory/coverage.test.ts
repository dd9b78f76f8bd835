import { and, eq } from 'drizzle-orm';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../db/schema.ts';
import { buildEntry, nominationRequest } from '../../test-support/directory-factories.ts';
import { signedIn, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';
import { directoryRemindersSweep } from './freshness.sweep.ts';

const ESTONIA = '233';
const LATVIA = '428';
const DAY = 24 * 60 * 60 * 1000;
let h: Harness;
let manager: SignedIn;
let authorityEe: SignedIn;
let authorityLv: SignedIn;

beforeAll(async () => {
  h = await createHarness({ PGP_EXPIRY_WARNING_DAYS: 30 });
  manager = await signedIn(h.app, h.database.db, 'directory_manager');
  authorityEe = await signedIn(h.app, h.database.db, 'national_authority', ESTONIA);
  authorityLv = await signedIn(h.app, h.database.db, 'national_authority', LATVIA);
});
afterAll(() => h.close());

async function keyExpiringIn(days: number): Promise<string> {
  const { publicKey } = await openpgp.generateKey({
    type: 'curve25519',
    userIDs: [{ name: 'Test Holder', email: 'holder@cert.example' }],
    keyExpirationTime: days * 24 * 3600,
    format: 'armored',
  });
  return publicKey;
}

describe('coverage', () => {
  it('shows the manager each State missing a diplomatic or technical contact, pending nominations and each group', async () => {
    const deps = { db: h.database.db, config: h.config };
    await buildEntry(deps, ESTONIA, { kind: 'technical' });
    await buildEntry(deps, ESTONIA, { kind: 'diplomatic', emails: ['diplomat@mfa.ee.example'] });
    await buildEntry(deps, LATVIA, { kind: 'technical', emails: ['cert@lv.example'] });
    const pending = await h.app.inject({
      method: 'POST',
      url: '/api/v1/nominations',
      headers: authorityLv.writeHeaders,
      payload: nominationRequest({ stateM49: LATVIA }),
    });
    expect(pending.statusCode, pending.body).toBe(201);

    const response = await h.app.inject({ url: '/api/v1/directory/coverage', headers: manager.headers });
    expect(response.statusCode).toBe(200);
    const coverage = response.json();
    expect(coverage.totals).toMatchObject({ states: 195, participating: 2, activeEntries: 3, pendingNominations: 1 });
    expect(coverage.gaps).toEqual([{ stateM49: LATVIA, missingDiplomatic: true, missingTechnical: false }]);
    expect(coverage.pending).toEqual([expect.objectContaining({ stateM49: LATVIA, nominationId: pending.json().id })]);
    const eastern = coverage.byGroup.find((g: { group: string }) => g.group === 'eastern_european');
    expect(eastern).toMatchObject({ states: 23, participating: 2, withDiplomatic: 1, withTechnical: 2 });
  });

  it('is the manager’s view only', async () => {
    for (const session of [authorityEe, await signedIn(h.app, h.database.db, 'point_of_contact', ESTONIA)]) {
      const response = await h.app.inject({ url: '/api/v1/directory/coverage', headers: session.headers });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
  });
});

describe('OpenPGP key expiry', () => {
  it('shows fingerprint, expiry and "expiring" within the warning window, and warns the authority once', async () => {
    const deps = { db: h.database.db, config: h.config };
    const key = await keyExpiringIn(45);
    const { entryId } = await buildEntry(deps, ESTONIA, { pgpPublicKey: key, emails: ['keyholder@cert.ee.example'] });
    const read = await h.app.inject({ url: `/api/v1/directory/entries/${entryId}`, headers: authorityEe.headers });
    const shown = read.json().entry.key;
    expect(shown.fingerprint).toMatch(/^[0-9A-F]{40,64}$/);
    expect(Date.parse(shown.expiresAt)).toBeGreaterThan(Date.now() + 44 * DAY);
    expect(shown.status).toBe('valid');

    const warnings = () =>
      h.database.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.recipient, authorityEe.account.email), eq(outbox.purpose, 'directory.key_expiry')));
    const sweep = directoryRemindersSweep(h.config);
    await sweep.run(h.database.db, new Date(Date.now() + 10 * DAY));
    expect(await warnings()).toHaveLength(0);
    await sweep.run(h.database.db, new Date(Date.now() + 20 * DAY));
    await sweep.run(h.database.db, new Date(Date.now() + 21 * DAY));
    const sent = await warnings();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toContain(shown.fingerprint.slice(-16));
  });
});
