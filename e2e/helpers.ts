import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { E2E_PASSWORD } from './fixtures.ts';

export const SCREENSHOTS = 'e2e/screenshots';

export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(E2E_PASSWORD);
  await page.locator('form button[type=submit]').click();
  await expect(page.locator('#signin-email')).toHaveCount(0);
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
