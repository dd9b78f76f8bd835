import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_ACCOUNTS } from './fixtures.ts';
import { ensureGhanaAndEgyptEntries } from './directory-entries.ts';
import { chooseLanguage, expectNoAxeViolations, SCREENSHOTS, signIn } from './helpers.ts';
import { waitForMailsTo } from './mail-spool.ts';

type Lang = 'en' | 'ar';

test.beforeAll(async ({ playwright }) => ensureGhanaAndEgyptEntries(playwright));

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

/** A datetime-local value two days ahead, at 17:00 on the browser's clock. */
function inTwoDays(): string {
  const day = new Date(Date.now() + 2 * 24 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}T17:00`;
}

const SETUP: Record<Lang, { manager: string; title: string; ghanaQuery: string; exercise: boolean }> = {
  en: { manager: E2E_ACCOUNTS.managerEn.email, title: 'E2E communication check', ghanaQuery: 'Ghana', exercise: false },
  ar: { manager: E2E_ACCOUNTS.managerAr.email, title: 'تمرين الاتصال الشامل', ghanaQuery: '288', exercise: true },
};

for (const lang of ['en', 'ar'] as const) {
  test(`${lang}: a ping test of Ghana and Egypt is acknowledged by link and in the app, and its results show it`, async ({
    browser,
  }) => {
    const setup = SETUP[lang];
    const manager = await signedInPage(browser, setup.manager, lang);
    await expect(manager.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');

    // The manager starts a ping test of two named States through the form.
    await manager.goto('/ping-tests');
    await manager.locator('.toolbar a[href="/ping-tests/new"]').click();
    await manager.waitForURL(/\/ping-tests\/new$/);
    await manager.locator('#nom-title').fill(setup.title);
    if (setup.exercise) await manager.locator('#ping-exercise').check();
    await manager.locator('#ping-scope-states').check();
    await manager.locator('#ping-state-search').fill(setup.ghanaQuery);
    await manager.locator('#ping-state-288').check();
    await manager.locator('#ping-state-search').fill('818');
    await manager.locator('#ping-state-818').check();
    await expect(manager.locator('.ping-chip')).toHaveCount(2);
    await manager.locator('#ping-deadline-absolute').check();

    // Without a deadline the server refuses, and the form says which field and why.
    await manager.locator('form button[type=submit]').click();
    await expect(manager.locator('.error-summary')).toBeFocused();
    await expect(manager.locator('#nom-deadlineAt-error')).toBeVisible();

    await manager.locator('#nom-deadlineAt').fill(inTwoDays());
    await manager.locator('#nom-reminderHours').fill('24, 2');
    await shot(manager, `ping-new-${lang}`);
    await manager.locator('form button[type=submit]').click();
    await manager.waitForURL(/\/ping-tests\/[0-9a-f-]{36}$/);
    await expect(manager.locator('h1')).toHaveText(/^PING-\d{4}-\d{4}$/);
    const reference = (await manager.locator('h1').textContent())?.trim() ?? '';
    if (setup.exercise) await expect(manager.locator('.ping-exercise-banner')).toBeVisible();

    // Ghana's contact acknowledges through the link in the mail, signed out.
    const mails = await waitForMailsTo(E2E_ACCOUNTS.pocGh.email, (mail) => (mail.subject ?? '').includes(reference));
    const token = /\/ping#([A-Za-z0-9_-]{20,})/.exec(mails[mails.length - 1]?.text ?? '')?.[1];
    expect(token).toBeTruthy();
    const outside = await browser.newContext({ locale: lang });
    const contact = await outside.newPage();
    await contact.goto(`/ping#${token}`);
    await expect(contact.locator('#ping-ack-result')).toBeVisible();
    await expect(contact.locator('main')).toContainText(reference);
    await expect(contact.locator('.ping-exercise-banner')).toHaveCount(setup.exercise ? 1 : 0);
    await shot(contact, `ping-ack-${lang}`);
    // The link works once.
    const again = await outside.newPage();
    await again.goto(`/ping#${token}`);
    await expect(again.locator('.alert-error')).toBeVisible();
    await outside.close();

    // Egypt's contact acknowledges in the app, from the checks waiting for them.
    await waitForMailsTo(E2E_ACCOUNTS.pocEg.email, (mail) => (mail.subject ?? '').includes(reference));
    const egypt = await signedInPage(browser, E2E_ACCOUNTS.pocEg.email, lang);
    await egypt.goto('/ping-tests');
    const check = egypt.locator('.ping-check', { hasText: reference });
    await check.locator('button').click();
    await expect(check.locator('button')).toHaveCount(0);
    await expect(egypt.locator('.alert-success')).toContainText(reference);
    await shot(egypt, `ping-mine-${lang}`);

    // The manager's results: both contacts acknowledged, both States reached on the map and in the table.
    await manager.locator('.ping-campaign-head button').click();
    await expect(manager.locator('progress')).toHaveCount(0);
    const rows = manager.locator('.ping-contacts-table tbody tr');
    await expect(rows.filter({ hasText: E2E_ACCOUNTS.pocGh.email })).toHaveAttribute('data-result', 'acknowledged');
    await expect(rows.filter({ hasText: E2E_ACCOUNTS.pocEg.email })).toHaveAttribute('data-result', 'acknowledged');
    await expect(manager.locator('.ping-states-table tr[data-m49="288"]')).toBeVisible();
    const map = manager.getByTestId('ping-map');
    await expect(map.locator('path[data-m49="288"]')).toHaveClass(/ping-map-reached/);
    await expect(map.locator('path[data-m49="818"]')).toHaveClass(/ping-map-reached/);
    await expect(manager.locator('.ping-bar-row')).toHaveCount(1);
    await expect(manager.locator('#ping-figures')).toContainText(lang === 'en' ? '2 of 2' : '2 من 2');
    if (lang === 'en') {
      const download = manager.waitForEvent('download');
      await manager.locator('.ping-export button').last().click();
      expect((await download).suggestedFilename()).toMatch(/\.csv$/);
    }
    await shot(manager, `ping-results-${lang}`);

    // The list shows the campaign; a real one joins the trend, an exercise does not.
    await manager.goto('/ping-tests');
    const row = manager.locator('.ping-campaigns-table tbody tr', { hasText: reference });
    await expect(row).toBeVisible();
    await expect(row.locator('.ping-exercise-badge')).toHaveCount(setup.exercise ? 1 : 0);
    const trend = manager.locator('#ping-trend-title').locator('..');
    await expect(trend.locator('.ping-charts, p:not(.muted)').first()).toBeVisible();
    if (setup.exercise) expect((await trend.textContent()) ?? '').not.toContain(reference);
    else await expect(trend.locator('.ping-chart-data')).toContainText(reference);
    await shot(manager, `ping-list-${lang}`);
  });
}
