import { expect, test } from '@playwright/test';
import { E2E_ACCOUNTS } from './fixtures.ts';
import { chooseLanguage, expectNoAxeViolations, SCREENSHOTS, signIn } from './helpers.ts';

test('English: sign in as the directory manager and browse all 195 States, search and filter', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENSHOTS}/signin-en.png`, fullPage: true });

  await signIn(page, E2E_ACCOUNTS.managerEn.email);
  await page.goto('/states');
  await expect(page.locator('table tbody tr')).toHaveCount(195);
  await expect(page.getByRole('rowheader', { name: 'Türkiye', exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENSHOTS}/states-en.png` });

  await page.locator('#states-search').fill('ghana');
  await expect(page.locator('table tbody tr')).toHaveCount(1);
  await expect(page.locator('table tbody tr')).toContainText('GHA');
  await page.locator('#states-search').fill('');
  await page.locator('#states-group').selectOption('eastern_european');
  await expect(page.locator('table tbody tr')).toHaveCount(23);
});

test('Arabic: the sign-in page and the States page are mirrored and show all 195 States in Arabic', async ({
  page,
}) => {
  await page.goto('/');
  await chooseLanguage(page, 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENSHOTS}/signin-ar.png`, fullPage: true });

  await signIn(page, E2E_ACCOUNTS.managerAr.email);
  await chooseLanguage(page, 'ar');
  await page.goto('/states');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(page.locator('table tbody tr')).toHaveCount(195);
  await expect(page.getByRole('rowheader', { name: 'غانا', exact: true })).toBeVisible();
  // Mirrored: the first column (the name) sits on the right.
  const table = await page.locator('table').boundingBox();
  const firstHeader = await page.locator('table thead th').first().boundingBox();
  expect(table && firstHeader && firstHeader.x + firstHeader.width).toBeGreaterThan(
    (table?.x ?? 0) + (table?.width ?? 0) - 5,
  );
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENSHOTS}/states-ar.png` });

  await page.locator('#states-search').fill('مصر');
  await expect(page.locator('table tbody tr')).toHaveCount(1);

  // The choice is remembered for the account: a new session opens in Arabic.
  await page.context().clearCookies();
  await signIn(page, E2E_ACCOUNTS.managerAr.email);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
});

test('Chinese: the States page renders Chinese names', async ({ page }) => {
  await signIn(page, E2E_ACCOUNTS.managerZh.email);
  // The language survives a full page load straight after switching.
  await chooseLanguage(page, 'zh');
  await page.goto('/states');
  await expect(page.locator('html')).toHaveAttribute('lang', /^zh/);
  await expect(page.locator('table tbody tr')).toHaveCount(195);
  await expect(page.getByRole('rowheader', { name: '中国', exact: true })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENSHOTS}/states-zh.png` });
});
