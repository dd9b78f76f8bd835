import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../../../common/schemas/directory.ts';
import { buildEntry } from '../../test-support/directory-factories.ts';
import { signedIn, STATE_A, STATE_B, type SignedIn } from '../../test-support/factories.ts';
import { createHarness, type Harness } from '../../test-support/harness.ts';

let h: Harness;
let entryId: string;
const sessions: Record<string, SignedIn> = {};
const PERSONAL_MOBILE = '+233 24 555 0101';
const PRIVATE_CHANNEL = 'threema:ABCD1234';

beforeAll(async () => {
  h = await createHarness();
  const db = h.database.db;
  sessions.manager = await signedIn(h.app, db, 'directory_manager');
  sessions.authorityOwn = await signedIn(h.app, db, 'national_authority', STATE_A);
  sessions.pocOwn = await signedIn(h.app, db, 'point_of_contact', STATE_A);
  sessions.authorityOther = await signedIn(h.app, db, 'national_authority', STATE_B);
  sessions.pocOther = await signedIn(h.app, db, 'point_of_contact', STATE_B);
  sessions.auditor = await signedIn(h.app, db, 'auditor');
  ({ entryId } = await buildEntry({ db, config: h.config }, STATE_A, {
    phones: [
      { number: '+233 30 200 0000', label: 'office', available247: true, visibility: 'directory' },
      { number: PERSONAL_MOBILE, label: 'mobile', available247: true, visibility: 'restricted' },
    ],
    secureChannels: [
      { channel: 'portal', address: 'https://portal.cert.example', visibility: 'directory' },
      { channel: 'threema', address: PRIVATE_CHANNEL, visibility: 'restricted' },
    ],
  }));
});
afterAll(() => h.close());

async function readAs(name: string): Promise<{ status: number; entry?: DirectoryEntry }> {
  const session = sessions[name];
  if (!session) throw new Error(name);
  const response = await h.app.inject({ url: `/api/v1/directory/entries/${entryId}`, headers: session.headers });
  return { status: response.statusCode, entry: response.statusCode === 200 ? response.json().entry : undefined };
}

// Every field of an entry, and who reads it. "all" = every role that may read the directory.
const EVERYONE = ['manager', 'authorityOwn', 'pocOwn', 'authorityOther', 'pocOther'];
const OWN_STATE_AND_MANAGER = ['manager', 'authorityOwn', 'pocOwn'];

describe('per-field visibility, enforced in the presenter', () => {
  it('the auditor reads nothing of the directory', async () => {
    expect((await readAs('auditor')).status).toBe(403);
  });

  const publicFields: (keyof DirectoryEntry)[] = [
    'stateM49',
    'kind',
    'slotRole',
    'available247',
    'nameNative',
    'nameLatin',
    'function',
    'organisation',
    'emails',
    'workingLanguages',
    'timeZone',
    'availabilityHours',
    'mandate',
    'lastVerifiedAt',
    'lastConfirmedAt',
    'stale',
  ];
  for (const role of EVERYONE) {
    it(`${role} reads every directory-wide field`, async () => {
      const { status, entry } = await readAs(role);
      expect(status).toBe(200);
      for (const field of publicFields) expect(entry?.[field], field).toBeDefined();
      expect(entry?.phones.map((p) => p.label)).toContain('office');
      expect(entry?.secureChannels.map((c) => c.channel)).toContain('portal');
    });
  }

  for (const role of EVERYONE) {
    const sees = OWN_STATE_AND_MANAGER.includes(role);
    it(`${role} ${sees ? 'reads' : 'does not read'} the restricted mobile and channel`, async () => {
      const { entry } = await readAs(role);
      const numbers = entry?.phones.map((p) => p.number) ?? [];
      const addresses = entry?.secureChannels.map((c) => c.address) ?? [];
      expect(numbers.includes(PERSONAL_MOBILE)).toBe(sees);
      expect(addresses.includes(PRIVATE_CHANNEL)).toBe(sees);
    });
  }

  it('history and every export obey the same rule', async () => {
    const other = sessions.pocOther;
    const own = sessions.pocOwn;
    if (!other || !own) throw new Error('sessions');
    const history = await h.app.inject({ url: `/api/v1/directory/entries/${entryId}`, headers: other.headers });
    expect(history.body).not.toContain(PERSONAL_MOBILE);
    for (const format of ['vcard', 'csv', 'json']) {
      const theirs = await h.app.inject({ url: `/api/v1/directory/export?format=${format}`, headers: other.headers });
      expect(theirs.statusCode).toBe(200);
      expect(theirs.body, format).not.toContain(PERSONAL_MOBILE.replace(/ /g, ''));
      expect(theirs.body, format).not.toContain(PERSONAL_MOBILE);
      expect(theirs.body, format).not.toContain(PRIVATE_CHANNEL);
      const ours = await h.app.inject({ url: `/api/v1/directory/export?format=${format}`, headers: own.headers });
      expect(ours.body.includes(PRIVATE_CHANNEL) || ours.body.includes('ABCD1234'), format).toBe(true);
    }
    const card = await h.app.inject({ url: `/api/v1/directory/entries/${entryId}/vcard`, headers: other.headers });
    expect(card.headers['content-type']).toContain('text/vcard');
    expect(card.body).not.toContain(PRIVATE_CHANNEL);
  });

  it('abilities tell the UI who may confirm or change the entry', async () => {
    expect((await readAs('authorityOwn')).entry?.abilities).toEqual({
      confirm: true,
      nominateChange: true,
      pseudonymise: false,
    });
    for (const role of ['manager', 'pocOwn', 'authorityOther']) {
      expect((await readAs(role)).entry?.abilities, role).toEqual({
        confirm: false,
        nominateChange: false,
        pseudonymise: false,
      });
    }
  });
});
