import { nextSecondFactor, type TestAccount } from './factories.ts';

export interface HttpSession {
  /** `pocdir_session=…`, for the Cookie header. */
  cookie: string;
  csrf: string;
}

function cookieOf(response: Response): string {
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/**
 * Signs in to a running `pocdir serve` over real HTTP, as a browser would: the password, then,
 * when the account has an authenticator, a fresh code from it.
 */
export async function signInOverHttp(baseUrl: string, account: TestAccount): Promise<HttpSession> {
  const response = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (!response.ok) throw new Error(`sign-in of ${account.email}: ${response.status} ${await response.text()}`);
  const csrf = ((await response.json()) as { csrfToken: string }).csrfToken;
  if (!account.totpSecret && !account.recoveryCodes?.length) return { cookie: cookieOf(response), csrf };
  const factor = nextSecondFactor(account);
  const step = await fetch(`${baseUrl}/api/v1/session/second-factor/${factor.kind}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: cookieOf(response), 'x-csrf-token': csrf },
    body: JSON.stringify({ code: factor.code }),
  });
  if (!step.ok) throw new Error(`second factor of ${account.email}: ${step.status} ${await step.text()}`);
  return { cookie: cookieOf(step), csrf };
}
