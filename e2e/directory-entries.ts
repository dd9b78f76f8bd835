import { expect, type Page, type PlaywrightWorkerArgs } from '@playwright/test';
import { CHROMIUM_LAUNCH, E2E_ACCOUNTS, E2E_BASE_URL } from './fixtures.ts';
import { signIn } from './helpers.ts';
import { waitForMailTo } from './mail-spool.ts';

/*
 * Directory entries the specs need, made the real way. The e2e database starts empty, and specs may
 * run alone or in any order: each creates what it needs, and finds it there when another already did.
 */

/** A write through the API as the signed-in page: its cookies, and the CSRF token the web client sends. */
export async function post(page: Page, path: string, data?: unknown): Promise<unknown> {
  const session = await page.request.get('/api/v1/session');
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const response = await page.request.post(path, {
    headers: { 'x-csrf-token': csrfToken },
    ...(data !== undefined ? { data } : {}),
  });
  expect(response.ok(), `${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

/** An active directory entry made the real way: nominated, approved, accepted from the e-mailed link. */
export async function buildEntry(
  authority: Page,
  manager: Page,
  stateM49: string,
  person: { nameNative: string; nameLatin: string; email: string; timeZone: string; phone: string },
): Promise<void> {
  // A worker restarted after a failure runs beforeAll again: the entry may already be there.
  const existing = await manager.request.get('/api/v1/directory/entries', {
    params: { stateM49, q: person.nameLatin },
  });
  if (((await existing.json()) as { total: number }).total > 0) return;
  const nomination = (await post(authority, '/api/v1/nominations', {
    type: 'new',
    stateM49,
    details: {
      kind: 'technical',
      slotRole: 'alternate',
      available247: true,
      nameNative: person.nameNative,
      nameLatin: person.nameLatin,
      function: 'Incident handler',
      organisation: 'National CERT',
      emails: [person.email],
      phones: [{ number: person.phone, label: 'duty', available247: true, visibility: 'directory' }],
      secureChannels: [],
      workingLanguages: ['en', 'ar'],
      timeZone: person.timeZone,
      availabilityHours: '24/7',
      mandate: 'Technical exchanges on incidents.',
    },
    noteVerbaleRef: `NV/${stateM49}/COMM/2026`,
    noteVerbaleDate: new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10),
  })) as { id: string };
  await post(manager, `/api/v1/nominations/${nomination.id}/approve`);
  const mail = await waitForMailTo(person.email);
  const token = /\/accept#([A-Za-z0-9_-]{20,})/.exec(mail.text ?? '')?.[1];
  expect(token, mail.text).toBeTruthy();
  await post(manager, '/api/v1/acceptance', { token });
}

/**
 * One technical contact each for Ghana and Egypt, at the e-mail addresses of the e2e points of
 * contact's accounts: their mail arrives in the spool, and their checks appear in the app.
 */
export async function ensureGhanaAndEgyptEntries(playwright: PlaywrightWorkerArgs['playwright']): Promise<void> {
  const browser = await playwright.chromium.launch(CHROMIUM_LAUNCH);
  const context = { baseURL: E2E_BASE_URL };
  const open = async (email: string) => {
    const page = await (await browser.newContext(context)).newPage();
    await signIn(page, email);
    return page;
  };
  const manager = await open(E2E_ACCOUNTS.managerEn.email);
  await buildEntry(await open(E2E_ACCOUNTS.authorityGh.email), manager, '288', {
    nameNative: 'Yaw Boateng',
    nameLatin: 'Yaw BOATENG',
    email: E2E_ACCOUNTS.pocGh.email,
    timeZone: 'Africa/Accra',
    phone: '+233 30 200 1111',
  });
  await buildEntry(await open(E2E_ACCOUNTS.authorityEg.email), manager, '818', {
    nameNative: 'سلمى عبد الله',
    nameLatin: 'Salma ABDALLA',
    email: E2E_ACCOUNTS.pocEg.email,
    timeZone: 'Africa/Cairo',
    phone: '+20 2 2000 1111',
  });
  await browser.close();
}
