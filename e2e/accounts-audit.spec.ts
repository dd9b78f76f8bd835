import { expect, test } from '@playwright/test';
import { E2E_ACCOUNTS } from './fixtures.ts';
import { expectNoAxeViolations, SCREENSHOTS, signIn } from './helpers.ts';

test('a national authority creates a point of contact of its own State; the auditor sees it in the trail', async ({
  page,
}) => {
  await signIn(page, E2E_ACCOUNTS.authorityGh.email);
  await page.goto('/accounts');
  await expect(page.getByRole('rowheader', { name: E2E_ACCOUNTS.authorityGh.email })).toBeVisible();
  const email = `poc.${Date.now()}@e2e.pocdir.example`;
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.locator('#new-email').fill(email);
  await page.locator('#new-name').fill('Yaw Mensah');
  await page.locator('#new-role').selectOption('point_of_contact');
  await page.getByRole('button', { name: 'Create the account' }).click();
  await expect(page.getByRole('heading', { name: 'Account created' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: email })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENSHOTS}/accounts-en.png`, fullPage: true });

  await page.context().clearCookies();
  await signIn(page, E2E_ACCOUNTS.auditor.email);
  await page.goto('/audit');
  await expect(page.getByRole('cell', { name: 'account.create' }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await expect(page.getByText(/The chain is intact: \d+ entries checked/)).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/audit-en.png`, fullPage: true });
});
