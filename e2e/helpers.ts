import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { E2E_PASSWORD } from './fixtures.ts';
import { currentStep, nextAnswer, readFactor, saveFactor, totpCode } from './totp-store.ts';

export const SCREENSHOTS = 'e2e/screenshots';

/** Fills and sends the password form; the page then shows the second step, the set-up, or the app. */
export async function submitPassword(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(E2E_PASSWORD);
  await page.locator('form button[type=submit]').click();
  await expect(page.locator('#signin-email')).toHaveCount(0);
}

/**
 * Signs in through the UI, whatever the account needs: the password, then for directory managers
 * and national authorities a code from their authenticator app (computed from the secret
 * remembered in var/e2e-totp), or at their first sign-in the authenticator set-up itself.
 */
export async function signIn(page: Page, email: string): Promise<void> {
  await submitPassword(page, email);
  const step = page.locator('#second-factor-step, #totp-enrolment, .signed-in').first();
  await expect(step).toBeVisible();
  if ((await page.locator('#second-factor-step').count()) > 0) await answerSecondFactor(page, email);
  else if ((await page.locator('#totp-enrolment').count()) > 0) await enrolAuthenticator(page, email);
  await expect(page.locator('.signed-in')).toBeVisible();
}

/** The sign-in's second step, with the next code the server will take (or a stored recovery code). */
export async function answerSecondFactor(page: Page, email: string): Promise<void> {
  const answer = await nextAnswer(email);
  if (answer.kind === 'recovery') {
    await page.locator('#use-recovery-code').click();
    await page.locator('#signin-recovery-code').fill(answer.code);
  } else {
    await page.locator('#signin-code').fill(answer.code);
  }
  await page.locator('#second-factor-step form button[type=submit]').click();
  await expect(page.locator('#second-factor-step')).toHaveCount(0);
}

/**
 * The set-up a manager or authority must do at the first sign-in: reads the secret the page shows
 * (as someone typing it into an app would), confirms with a code from it, keeps the recovery codes.
 */
export async function enrolAuthenticator(
  page: Page,
  email: string,
  whileCodesShown?: (page: Page) => Promise<void>,
): Promise<void> {
  const secretText = await page.locator('#totp-secret').textContent();
  const secret = (secretText ?? '').replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const step = Math.max(currentStep(), (readFactor(email)?.lastStep ?? 0) + 1);
  // Remembered before confirming: once confirmed, this secret is the account's.
  saveFactor(email, { secret, lastStep: step, recoveryCodes: [] });
  await page.locator('#totp-confirm-code').fill(totpCode(secret, step));
  await page.locator('#totp-enrolment form button[type=submit]').click();
  await expect(page.locator('#recovery-codes')).toBeVisible();
  const recoveryCodes = await page.locator('#recovery-codes li code').allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  saveFactor(email, { secret, lastStep: step, recoveryCodes });
  await whileCodesShown?.(page);
  await page.locator('#recovery-codes-stored').check();
  await page.locator('#recovery-codes-done').click();
}

export async function chooseLanguage(page: Page, locale: string): Promise<void> {
  await page.locator('#language-select').selectOption(locale);
  await expect(page.locator('html')).toHaveAttribute('lang', new RegExp(`^${locale}`));
}

/** WCAG 2.1 A and AA rules; the page must have none of them violated. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(summary).toEqual([]);
}
