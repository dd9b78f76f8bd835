import { createHash } from 'node:crypto';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_ACCOUNTS } from './fixtures.ts';
import { chooseLanguage, expectNoAxeViolations, SCREENSHOTS, signIn } from './helpers.ts';
import { ensureGhanaAndEgyptEntries, post } from './directory-entries.ts';
import { waitForMailsTo } from './mail-spool.ts';

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

test.beforeAll(async ({ playwright }) => ensureGhanaAndEgyptEntries(playwright));

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

/** A small CSV Ghana attaches when composing; Egypt checks it by its SHA-256. */
const CSV = Buffer.from('indicator,type\nlogin-gov-gh.example,domain\n198.51.100.23,ipv4\n', 'utf8');
const CSV_SHA256 = createHash('sha256').update(CSV).digest('hex');

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
    await ghana
      .locator('#comm-attachments')
      .setInputFiles({ name: `indicators-${lang}.csv`, mimeType: 'text/csv', buffer: CSV });
    await expect(ghana.locator('.attachment-choices')).toContainText(`indicators-${lang}.csv`);
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
    const attachments = egypt.locator('.message-card').first().locator('.attachments');
    await expect(attachments).toContainText(`indicators-${lang}.csv`);
    await expect(attachments).toContainText(CSV_SHA256);
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
    // TLP:AMBER+STRICT does not travel further: no forwarding.
    await expect(ghana.locator('.forward-form')).toHaveCount(0);
    await expect(ghana.locator('.message-card').first().locator('.status-answered')).toBeVisible();
    await shot(ghana, `communications-thread-${lang}`);
  });
}

test('en: the link in the notice mail acknowledges receipt once, without signing in', async ({ browser }) => {
  const ghana = await signedInPage(browser, E2E_ACCOUNTS.pocGh.email, 'en');
  const sent = (await post(ghana, '/api/v1/communications', {
    type: 'request_for_information',
    recipients: [{ stateM49: '818', kind: 'technical' }],
    tlp: 'TLP:GREEN',
    urgency: 'normal',
    language: 'en',
    content: {
      summary: 'Scanning from a hosting provider',
      informationRequested: 'Is 203.0.113.7 known to you?',
      affectedSectors: ['energy'],
      impact: 'low',
      firstObservedAt: '2026-05-04T09:30:00Z',
    },
  })) as { id: string; reference: string };

  // The notice to Egypt's contact: the most recent one about this communication.
  const mails = await waitForMailsTo(E2E_ACCOUNTS.pocEg.email, (mail) => (mail.subject ?? '').includes(sent.reference));
  const notice = mails[mails.length - 1];
  const token = /\/acknowledge#([A-Za-z0-9_-]{20,})/.exec(notice?.text ?? '')?.[1];
  expect(token, notice?.text).toBeTruthy();

  const context = await browser.newContext({ locale: 'en' });
  const page = await context.newPage();
  await page.goto(`/acknowledge#${token}`);
  await expect(page.locator('.alert-success')).toContainText(/acknowledged/i);
  await expect(page.locator('.tlp-banner .tlp')).toHaveText('TLP:GREEN');
  await expect(page.locator('main')).toContainText(sent.reference);
  await shot(page, 'acknowledge-en');

  // The link is single-use.
  const again = await context.newPage();
  await again.goto(`/acknowledge#${token}`);
  await expect(again.locator('.alert-error')).toContainText('This link cannot be used');
  await context.close();

  // On its own message in the open thread, Ghana attaches one more file; TLP:GREEN may be forwarded.
  await ghana.goto(`/communications/${sent.id}`);
  await expect(ghana.locator('.message-card')).toHaveCount(1);
  const json = Buffer.from('{"indicator":"203.0.113.7"}\n', 'utf8');
  await ghana.locator('.attach-form input[type=file]').setInputFiles({
    name: 'indicator.json',
    mimeType: 'application/json',
    buffer: json,
  });
  await ghana.locator('.attach-form button[type=submit]').click();
  const listed = ghana.locator('.message-card .attachments');
  await expect(listed).toContainText('indicator.json');
  await expect(listed).toContainText(createHash('sha256').update(json).digest('hex'));
  const forward = ghana.locator('.forward-form');
  await expect(forward).toBeVisible();
  await expect(forward.locator('select').first().locator('option[value="818"]')).toHaveCount(0);
  await expect(forward.locator('select').nth(1)).toHaveValue('technical');
  await expectNoAxeViolations(ghana);
});
