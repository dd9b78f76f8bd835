import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_ACCOUNTS, E2E_BASE_URL } from './fixtures.ts';
import { chooseLanguage, expectNoAxeViolations, SCREENSHOTS, signIn } from './helpers.ts';
import { waitForMailTo } from './mail-spool.ts';

type Lang = 'en' | 'ar';

const NOMINEES: Record<Lang, { nameNative: string; nameLatin: string; email: string; languages: string }> = {
  en: {
    nameNative: 'Kwame Mensah',
    nameLatin: 'Kwame MENSAH',
    email: 'kwame.mensah@cert.e2e.example',
    languages: 'en',
  },
  ar: { nameNative: 'ليلى حداد', nameLatin: 'Layla HADDAD', email: 'layla.haddad@cert.e2e.example', languages: 'ar' },
};

const MANAGERS: Record<Lang, string> = { en: E2E_ACCOUNTS.managerEn.email, ar: E2E_ACCOUNTS.managerAr.email };

function yesterday(): string {
  return new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

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

for (const lang of ['en', 'ar'] as const) {
  test(`${lang}: a national authority nominates, the manager verifies, the nominee accepts from the e-mail link`, async ({
    browser,
  }) => {
    const nominee = NOMINEES[lang];
    const dir = lang === 'ar' ? 'rtl' : 'ltr';

    // 1. The national authority of Ghana fills the nomination form; an empty submit names each field.
    const authority = await signedInPage(browser, E2E_ACCOUNTS.authorityGh.email, lang);
    await authority.goto('/nominations/new');
    await expect(authority.locator('html')).toHaveAttribute('dir', dir);
    await authority.locator('#nom-details-nameNative').waitFor();
    await authority.locator('#nom-details-timeZone').fill('');
    await authority.locator('form button[type=submit]').click();
    await expect(authority.locator('.error-summary')).toBeVisible();
    await expect(authority.locator('#nom-details-nameLatin-error')).toBeVisible();
    await expect(authority.locator('#nom-noteVerbaleRef-error')).toBeVisible();
    await shot(authority, `nomination-form-errors-${lang}`);

    await authority.locator('#nom-details-kind').selectOption('technical');
    await authority.locator('#nom-details-slotRole').selectOption('alternate');
    await authority.locator('#nom-details-nameNative').fill(nominee.nameNative);
    await authority.locator('#nom-details-nameLatin').fill(nominee.nameLatin);
    await authority.locator('#nom-details-function').fill('Incident handler');
    await authority.locator('#nom-details-organisation').fill('Cyber Security Authority (CERT-GH)');
    await authority.locator('#nom-details-emails-0').fill(nominee.email);
    await authority.locator('#nom-details-workingLanguages-0').fill(nominee.languages);
    await authority.locator('#nom-details-timeZone').fill('Africa/Accra');
    await authority.locator('#nom-details-availabilityHours').fill('Mon–Fri 08:00–17:00');
    await authority.locator('#nom-noteVerbaleRef').fill(`NV/GH/2026/${lang}`);
    await authority.locator('#nom-noteVerbaleDate').fill(yesterday());
    await authority.locator('form button[type=submit]').click();
    await authority.waitForURL(/\/nominations\/[0-9a-f-]{36}$/);
    const nominationPath = new URL(authority.url()).pathname;
    await expect(authority.locator('h1')).toContainText(nominee.nameNative);

    // 2. The directory manager finds it in the verification queue and approves it.
    const manager = await signedInPage(browser, MANAGERS[lang], lang);
    await manager.goto('/nominations');
    const row = manager.locator('tr', { hasText: nominee.nameNative });
    await expect(row).toBeVisible();
    await shot(manager, `verification-queue-${lang}`);
    await row.locator(`a[href="${nominationPath}"]`).click();
    await expect(manager.locator('h1')).toContainText(nominee.nameNative);
    await shot(manager, `nomination-detail-${lang}`);
    await manager.locator('.toolbar .button-primary').click();
    await manager.locator('dialog[open] .button-danger').click();
    await expect(manager.locator('.toolbar .button-primary')).toHaveCount(0);

    // 3. The nominee's mail arrives at the SMTP server, in their language, with the link.
    const mail = await waitForMailTo(nominee.email);
    expect(mail.headers.get('content-language')).toBe(lang);
    expect(mail.subject).not.toContain(nominee.nameLatin);
    const link = new RegExp(`${E2E_BASE_URL.replace(/[.:/]/g, '\\$&')}/accept#[A-Za-z0-9_-]{20,}`).exec(
      mail.text ?? '',
    );
    expect(link, mail.text).not.toBeNull();

    // 4. The nominee, signed out, opens the link and accepts.
    // Their browser is in English; the page follows the language of the mail.
    const nomineeContext = await browser.newContext({ locale: 'en' });
    const acceptPage = await nomineeContext.newPage();
    await acceptPage.goto(link?.[0] ?? '');
    await expect(acceptPage.locator('html')).toHaveAttribute('lang', lang);
    await expect(acceptPage.locator('.card')).toContainText(nominee.nameLatin);
    await shot(acceptPage, `acceptance-${lang}`);
    await acceptPage.locator('.card .button-primary').click();
    await expect(acceptPage.locator('.alert-success')).toBeVisible();
    await shot(acceptPage, `acceptance-done-${lang}`);
    // The link is single-use.
    await acceptPage.reload();
    await expect(acceptPage.locator('.alert-error')).toBeVisible();

    // 5. The entry is in the directory, with its first version in the history.
    await authority.goto(`/directory?q=${encodeURIComponent(nominee.nameLatin.split(' ')[0] ?? '')}`);
    await authority.locator('table a', { hasText: nominee.nameNative }).first().click();
    await authority.waitForURL(/\/directory\/entries\/[0-9a-f-]{36}$/);
    await expect(authority.locator('h1')).toContainText(nominee.nameNative);
    await expect(authority.locator('.history-item')).toHaveCount(1);
    await expect(authority.locator('.history-item')).toContainText(lang === 'en' ? 'The nominee' : 'الشخص المرشَّح');
    await shot(authority, `entry-${lang}`);
  });
}

test('the manager’s coverage view and the authority’s own State page, in English and Arabic', async ({ browser }) => {
  for (const lang of ['en', 'ar'] as const) {
    const manager = await signedInPage(browser, MANAGERS[lang], lang);
    await manager.goto('/coverage');
    await expect(manager.locator('h1')).toBeVisible();
    await expect(manager.locator('table').first()).toBeVisible();
    await shot(manager, `coverage-${lang}`);
    await manager.goto('/directory');
    await expect(manager.locator('.result-count')).toBeVisible();
    await shot(manager, `directory-${lang}`);

    const authority = await signedInPage(browser, E2E_ACCOUNTS.authorityGh.email, lang);
    await authority.goto('/my-state');
    await expect(authority.locator('h1')).toBeVisible();
    // A CSV with a bad row: every problem listed by row and column, nothing imported.
    const template = await authority.request.get('/api/v1/nominations/import-template');
    const good = await template.text();
    const bad = good.replace('duty@cert.example', 'not-an-address').replace('America/Mexico_City', 'Mars/Base');
    await authority
      .locator('#import-file')
      .setInputFiles({ name: 'nominations.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await authority.locator('.inline-form button[type=submit]').click();
    await expect(authority.locator('#import-problems')).toBeVisible();
    await expect(authority.locator('.table-wrap tbody tr', { hasText: 'emails' })).toHaveCount(1);
    await expect(authority.locator('.table-wrap tbody tr', { hasText: 'time_zone' })).toHaveCount(1);
    await shot(authority, `my-state-import-errors-${lang}`);
    await authority
      .locator('#import-file')
      .setInputFiles({ name: 'nominations.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await authority.locator('.inline-form button[type=submit]').click();
    await expect(authority.locator('.alert-success')).toBeVisible();
    await shot(authority, `my-state-${lang}`);
  }
});
