import { expect, test, type Page } from '@playwright/test';
import { E2E_ACCOUNTS } from './fixtures.ts';
import {
  chooseLanguage,
  enrolAuthenticator,
  expectNoAxeViolations,
  SCREENSHOTS,
  signIn,
  submitPassword,
} from './helpers.ts';
import { forgetFactor, readFactor } from './totp-store.ts';

/** A national authority no other spec signs in as: its first sign-in here is the authenticator set-up. */
const AUTHORITY = E2E_ACCOUNTS.authorityKe.email;
/** A colleague of the same State, whose lost phone the authority deals with. */
const COLLEAGUE = E2E_ACCOUNTS.authorityKeColleague.email;

async function shot(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
}

/** Both languages' checks on one page: English, then Arabic mirrored, then back to English. */
async function shotInBothLanguages(page: Page, name: string): Promise<void> {
  await shot(page, `${name}-en`);
  await chooseLanguage(page, 'ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await shot(page, `${name}-ar`);
  await chooseLanguage(page, 'en');
}

/** Long strings (the TOTP secret, an API token) wrap on a phone's width instead of widening the page. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const size = page.viewportSize();
  await page.setViewportSize({ width: 360, height: 800 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  if (size) await page.setViewportSize(size);
}

/** Chromium's virtual authenticator, a passkey-capable platform key that answers without a touch. */
async function addVirtualAuthenticator(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
}

test('a national authority sets up its authenticator at first sign-in, adds a security key and signs in with it', async ({
  page,
}) => {
  await submitPassword(page, AUTHORITY);
  // The role requires an authenticator app: the set-up comes before anything else.
  await expect(page.getByRole('heading', { level: 1, name: 'Set up two-step sign-in' })).toBeVisible();
  await expect(page.locator('#totp-secret')).toHaveText(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
  await expect(page.getByRole('img', { name: /^QR code for your authenticator app/ })).toBeVisible();
  await expect(page.locator('.main-nav')).toHaveCount(0);
  await shotInBothLanguages(page, 'totp-setup');
  await expectNoSidewaysScroll(page);
  await enrolAuthenticator(page, AUTHORITY, async () => {
    // Shown once: continuing needs the box ticked.
    await expect(page.locator('#recovery-codes')).toBeFocused();
    await expect(page.locator('#recovery-codes-done')).toBeDisabled();
    await expect(page.getByRole('button', { name: 'Download as a text file' })).toBeVisible();
    await shot(page, 'totp-recovery-en');
  });
  await expect(page.locator('.signed-in')).toBeVisible();
  await expect(page).toHaveURL(/\/states$/);

  await page.getByRole('link', { name: 'Security' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeFocused();
  await expect(page.locator('#recovery-remaining')).toHaveText('10 unused recovery codes left.');
  await expect(page.getByText('Required for your role: it can be replaced but not removed.')).toBeVisible();
  await expect(page.locator('#totp-remove')).toHaveCount(0);

  await addVirtualAuthenticator(page);
  await page.locator('#webauthn-add').click();
  await page.locator('#webauthn-name').fill('Desk key');
  await page.getByRole('button', { name: 'Register the key' }).click();
  const keyRow = page.locator('tr', { has: page.getByRole('rowheader', { name: 'Desk key' }) });
  await expect(keyRow).toContainText('Never');
  await expect(page.getByRole('status').filter({ hasText: 'has been added' })).toContainText('Desk key');

  // Signed out, the password alone is not enough: the second step offers the key.
  await page.locator('.app-header').getByRole('button', { name: 'Sign out' }).click();
  await submitPassword(page, AUTHORITY);
  await expect(page.getByRole('heading', { level: 1, name: 'Finish signing in' })).toBeVisible();
  await expect(page.locator('#signin-code')).toBeFocused();
  await expect(page.locator('#signin-code')).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(page.locator('#signin-code')).toHaveAttribute('inputmode', 'numeric');
  await shotInBothLanguages(page, 'signin-code');
  // A wrong code is refused with the server's message, and the field is ready for another try.
  await page.locator('#signin-code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('alert')).toContainText('That code or security key was not accepted.');
  await expect(page.locator('#signin-code')).toBeFocused();
  await page.getByRole('button', { name: 'Use a security key or passkey' }).click();
  await expect(page.locator('.signed-in')).toBeVisible();
  await expect(page).toHaveURL(/\/states$/);

  await page.goto('/security');
  await expect(keyRow).not.toContainText('Never');
  const current = page.locator('#sessions-table tbody tr', { hasText: 'This device' });
  await expect(current).toContainText('Security key');
});

test('the sessions table marks this device; signing out another session ends it at once', async ({ page, browser }) => {
  await signIn(page, AUTHORITY);
  await page.goto('/security');
  const rows = page.locator('#sessions-table tbody tr');
  await expect(rows.first()).toBeVisible();
  // Start from this session alone (an earlier test may have left one open).
  const signOutOthers = page.locator('#sessions-sign-out-others');
  if ((await signOutOthers.count()) > 0) await signOutOthers.click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('This device');
  await expect(rows.first()).toContainText('Chrome on Linux');

  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, AUTHORITY);
  await page.reload();
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'This device' })).toHaveCount(1);
  const other = rows.filter({ hasNotText: 'This device' });
  await expect(other).toContainText(/Authenticator app|Recovery code/);
  await other.getByRole('button', { name: /^Sign out/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'has been signed out' })).toBeVisible();
  await expect(rows).toHaveCount(1);

  // The other browser's next request finds its session gone and shows the sign-in page.
  await otherPage.getByRole('link', { name: 'Directory' }).click();
  await expect(otherPage.locator('#signin-email')).toBeVisible();
  await elsewhere.close();
});

test('an API token with the directory scope is shown once, reads the directory, and is refused once revoked', async ({
  page,
  request,
}) => {
  await signIn(page, AUTHORITY);
  await page.goto('/security');
  await page.locator('#token-create').click();
  await page.locator('#token-name').fill('CERT ticketing');
  // Only what a national authority may do is offered; account management never is.
  await expect(page.locator('#token-scope-nominations-read')).toBeVisible();
  await expect(page.locator('[id^=token-scope-accounts]')).toHaveCount(0);
  await page.getByRole('checkbox', { name: 'Read the directory' }).check();
  await expect(page.locator('#token-days')).toHaveValue('90');
  await page.getByRole('button', { name: 'Create the token' }).click();

  const value = page.locator('#api-token-value');
  await expect(value).toHaveText(/^pocdir_[A-Za-z0-9_-]{43}$/);
  await expect(page.locator('#created-token')).toBeFocused();
  await expect(page.locator('#created-token')).toContainText('shown only this once');
  await shot(page, 'security-token-en');
  await expectNoSidewaysScroll(page);
  const token = (await value.textContent()) ?? '';
  const bearer = { authorization: `Bearer ${token}` };
  expect((await request.get('/api/v1/directory/entries', { headers: bearer })).status()).toBe(200);

  await page.locator('#api-token-done').click();
  await expect(value).toHaveCount(0);
  await page.reload();
  const row = page.locator('#tokens-table tbody tr', { hasText: 'CERT ticketing' });
  await expect(row).toContainText('Read the directory');
  await expect(row).toContainText('Active');
  await expect(row.locator('td.cell-number')).toHaveText('1');
  await expect(page.locator('body')).not.toContainText(token);

  await row.getByRole('button', { name: /^Revoke/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
  await expect(row).toContainText('Revoked');
  const refused = await request.get('/api/v1/directory/entries', { headers: bearer });
  expect(refused.status()).toBe(401);
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('API_TOKEN_INVALID');
});

test('the Security page reads well and passes axe in English and in Arabic', async ({ page }) => {
  await signIn(page, AUTHORITY);
  await page.goto('/security');
  await expect(page.locator('#tokens-table')).toBeVisible();
  await expect(page.locator('#sessions-table')).toBeVisible();
  await shotInBothLanguages(page, 'security');
});

test('a national authority resets a colleague’s lost second factor: the colleague is signed out and sets up a new authenticator', async ({
  page,
  browser,
}) => {
  // The colleague has an authenticator and is still signed in on another computer.
  const elsewhere = await browser.newContext();
  const colleaguePage = await elsewhere.newPage();
  await signIn(colleaguePage, COLLEAGUE);
  expect(readFactor(COLLEAGUE)).not.toBeNull();

  await signIn(page, AUTHORITY);
  await page.goto('/accounts');
  // Never one's own account.
  const ownRow = page.locator('tr', { has: page.getByRole('rowheader', { name: AUTHORITY }) });
  await expect(ownRow.getByRole('button')).toHaveCount(0);
  const row = page.locator('tr', { has: page.getByRole('rowheader', { name: COLLEAGUE }) });
  const dialog = page.getByRole('dialog');

  await row.getByRole('button', { name: /^Reset second factor/ }).click();
  await expect(dialog.getByRole('heading', { name: 'Reset this account’s second factor?' })).toBeVisible();
  await expect(dialog).toContainText('removes the authenticator app, security keys and recovery codes');
  await expect(dialog).toContainText('only after checking who is asking');
  await shot(page, 'accounts-reset-en');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // The language menu is behind the modal dialog: switch first, then open it again.
  await chooseLanguage(page, 'ar');
  await row.getByRole('button', { name: /^إعادة تعيين العامل الثاني/ }).click();
  await expect(dialog).toBeVisible();
  await shot(page, 'accounts-reset-ar');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await chooseLanguage(page, 'en');

  await row.getByRole('button', { name: /^Reset second factor/ }).click();
  await dialog.getByRole('button', { name: 'Reset second factor' }).click();
  await expect(dialog).toBeHidden();
  const notice = page.getByRole('status').filter({ hasText: 'Second factor reset for' });
  await expect(notice).toContainText(COLLEAGUE);
  await expect(notice).toContainText('1 session ended.');
  // The lost phone: its secret, time steps and recovery codes are never tried again.
  forgetFactor(COLLEAGUE);

  // The colleague's open session has ended: the next request shows the sign-in page.
  await colleaguePage.getByRole('link', { name: 'Directory' }).click();
  await expect(colleaguePage.locator('#signin-email')).toBeVisible();
  // The password alone now leads to the authenticator set-up again, not to the code step.
  await submitPassword(colleaguePage, COLLEAGUE);
  await expect(colleaguePage.getByRole('heading', { level: 1, name: 'Set up two-step sign-in' })).toBeVisible();
  await expect(colleaguePage.locator('#second-factor-step')).toHaveCount(0);
  await enrolAuthenticator(colleaguePage, COLLEAGUE);
  await expect(colleaguePage.locator('.signed-in')).toBeVisible();
  await elsewhere.close();
});
