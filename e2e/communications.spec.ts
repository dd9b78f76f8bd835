import { expect, test, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_LAUNCH, E2E_ACCOUNTS, E2E_BASE_URL } from './fixtures.ts';
import { chooseLanguage, expectNoAxeViolations, SCREENSHOTS, signIn } from './helpers.ts';
import { waitForMailTo } from './mail-spool.ts';

type Lang = 'en' | 'ar';

async function signedInPage(browser: Browser, email: string, lang: Lang): Promise<Page> {
  const context = await browser.newContext({ locale: lang });
  const page = await context.newPage();
  await signIn(page, email);
  await chooseLanguage(page, lang);
  return page;
}

async function shot(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** A write through the API as the signed-in page: its cookies, and the CSRF token the web client sends. */
async function post(page: Page, path: string, data?: unknown): Promise<unknown> {
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
async function buildEntry(
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

test.beforeAll(async ({ playwright }) => {
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
});

const TEXT: Record<Lang, { summary: string; requested: string; response: string }> = {
  en: {
    summary: 'Phishing campaign against ministries',
    requested: 'Have you seen these indicators? Please share any related infrastructure.',
    response: 'Yes: the domain was registered through a local registrar; we have asked for its suspension.',
  },
  ar: {
    summary: 'حملة تصيّد احتيالي ضد الوزارات',
    requested: 'هل رصدتم هذه المؤشرات؟ يُرجى مشاركة أي بنية تحتية ذات صلة.',
    response: 'نعم، سُجّل النطاق لدى مسجّل محلي وطلبنا تعليقه.',
  },
};

for (const lang of ['en', 'ar'] as const) {
  test(`${lang}: Ghana asks Egypt for information; Egypt sees it arrive live, acknowledges and answers`, async ({
    browser,
  }) => {
    const text = TEXT[lang];
    const dir = lang === 'ar' ? 'rtl' : 'ltr';

    // Egypt's point of contact has the inbox open.
    const egypt = await signedInPage(browser, E2E_ACCOUNTS.pocEg.email, lang);
    await egypt.goto('/communications');
    await expect(egypt.locator('#comm-count')).toBeVisible();
    await expect(egypt.locator('#nav-unread')).toHaveCount(0);

    // Ghana's point of contact composes a request for information to Egypt's technical contacts.
    const ghana = await signedInPage(browser, E2E_ACCOUNTS.pocGh.email, lang);
    await ghana.goto('/communications/new');
    await expect(ghana.locator('html')).toHaveAttribute('dir', dir);
    await ghana.locator('#comm-type-request_for_information').check();
    await ghana.locator('#nom-recipients-0-stateM49').selectOption('818');
    await ghana.locator('#nom-recipients-0-kind').selectOption('technical');
    await ghana.locator('#comm-tlp-tlp-amber-strict').check();
    await ghana.locator('#nom-urgency').selectOption('high');
    await ghana.locator('#nom-requestedResponseHours').fill('48');
    await ghana.locator('#nom-ownReference').fill(`GH-CSA/2026/${lang}`);
    await ghana.locator('#nom-content-summary').fill(text.summary);
    await ghana.locator('#nom-content-firstObservedAt').fill('2026-05-04T09:30');
    await ghana.locator('#nom-content-affectedSectors-public_administration').check();
    await ghana.locator('#nom-content-impact').selectOption('moderate');
    await ghana.locator('#nom-content-technicalIndicators').fill('login-gov-gh.example\n198.51.100.23');
    await ghana.locator('#nom-content-informationRequested').fill(text.requested);
    await shot(ghana, `communications-compose-${lang}`);
    await ghana.locator('form button[type=submit]').last().click();
    await ghana.waitForURL(/\/communications\/[0-9a-f-]{36}$/);
    await expect(ghana.locator('.message-card')).toHaveCount(1);
    const reference = (await ghana.locator('h1').textContent())?.trim() ?? '';
    expect(reference).not.toBe('');

    // Egypt: the badge and the row appear without a reload, and the arrival is announced.
    await expect(egypt.locator('#nav-unread')).toContainText('1');
    const row = egypt.locator('.inbox-table tbody tr', { hasText: reference });
    await expect(row).toBeVisible();
    await expect(row.locator('.tlp')).toHaveText('TLP:AMBER+STRICT');
    await expect(egypt.locator('#comm-live')).toContainText(reference);
    await shot(egypt, `communications-inbox-${lang}`);

    // Egypt opens it, acknowledges receipt, and answers.
    await row.locator('a').first().click();
    await egypt.waitForURL(/\/communications\/[0-9a-f-]{36}$/);
    await expect(egypt.locator('.message-card').first()).toContainText(text.summary);
    await egypt.locator('.thread-actions .button-primary').click();
    await expect(egypt.locator('.status-acknowledged')).toBeVisible();
    await egypt.locator('#nom-content-response').fill(text.response);
    await egypt.locator('.reply-card button[type=submit]').click();
    await expect(egypt.locator('.message-card')).toHaveCount(2);
    await expect(egypt.locator('.status-answered').first()).toBeVisible();
    await expect(egypt.locator('#nav-unread')).toHaveCount(0);

    // Ghana sees the answer and Egypt's status, live on the open thread.
    await expect(ghana.locator('.message-card')).toHaveCount(2);
    await expect(ghana.locator('.message-card').nth(1)).toContainText(text.response);
    await expect(ghana.locator('.message-card').first().locator('.status-answered')).toBeVisible();
    await shot(ghana, `communications-thread-${lang}`);
  });
}
