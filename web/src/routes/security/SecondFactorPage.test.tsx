// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { abilitiesOf } from '../../../../common/permissions.ts';
import type { SessionInfo } from '../../../../common/schemas/session.ts';
import en from '../../../../locales/en.json' with { type: 'json' };
import { SecondFactorPage } from './SecondFactorPage.tsx';

function pendingSession(methods: SessionInfo['secondFactorMethods']): SessionInfo {
  return {
    account: {
      id: '00000000-0000-4000-8000-000000000001',
      email: 'authority@example.org',
      displayName: 'Authority',
      role: 'national_authority',
      stateM49: '288',
      locale: 'en',
      mustChangePassword: false,
    },
    csrfToken: 'csrf',
    abilities: abilitiesOf('national_authority'),
    creatableRoles: [],
    expiresAt: '2026-11-24T20:00:00.000Z',
    secondFactor: 'pending',
    secondFactorMethods: methods,
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function renderPage(methods: SessionInfo['secondFactorMethods']) {
  const onVerified = vi.fn();
  const onCancel = vi.fn();
  render(
    <IntlProvider locale="en" messages={en}>
      <SecondFactorPage session={pendingSession(methods)} onVerified={onVerified} onCancel={onCancel} />
    </IntlProvider>,
  );
  return { onVerified, onCancel };
}

describe('the sign-in second step', () => {
  const fetchMock = vi.fn();

  beforeEach(() => vi.stubGlobal('fetch', fetchMock));
  afterEach(() => {
    cleanup();
    fetchMock.mockReset();
    vi.unstubAllGlobals();
  });

  it('asks for the authenticator code first and offers only the methods the account has', () => {
    renderPage(['totp', 'recovery']);
    const code = screen.getByLabelText('Enter the 6-digit code from your authenticator app');
    expect(code.getAttribute('autocomplete')).toBe('one-time-code');
    expect(code.getAttribute('inputmode')).toBe('numeric');
    expect(document.activeElement).toBe(code);
    expect(screen.queryByRole('button', { name: 'Use a security key or passkey' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Use a recovery code instead' })).toBeTruthy();
  });

  it("shows the server's message when a code is refused, then signs in with the next one", async () => {
    const { onVerified } = renderPage(['totp', 'webauthn', 'recovery']);
    expect(screen.getByRole('button', { name: 'Use a security key or passkey' })).toBeTruthy();
    fetchMock.mockResolvedValueOnce(
      json(401, { error: { code: 'SECOND_FACTOR_INVALID', message: 'That code was not accepted.', requestId: 'r1' } }),
    );
    await act(async () => {
      fireEvent.change(screen.getByLabelText(/6-digit code/), { target: { value: '123 456' } });
      // As after a real click: the button has the focus when the answer comes back.
      screen.getByRole('button', { name: 'Verify' }).focus();
      fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    });
    expect(screen.getByRole('alert').textContent).toContain('That code was not accepted.');
    expect(document.activeElement).toBe(screen.getByLabelText(/6-digit code/));
    expect(onVerified).not.toHaveBeenCalled();
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/v1/session/second-factor/totp');
    expect(JSON.parse(init.body as string)).toEqual({ code: '123 456' });

    const verified = { ...pendingSession([]), secondFactor: 'verified' };
    fetchMock.mockResolvedValueOnce(json(200, verified));
    await act(async () => {
      fireEvent.change(screen.getByLabelText(/6-digit code/), { target: { value: '654321' } });
      fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    });
    expect(onVerified).toHaveBeenCalledWith(verified);
  });

  it('switches to a recovery code, sent to its own route', async () => {
    renderPage(['totp', 'recovery']);
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Use a recovery code instead' }));
    });
    fetchMock.mockResolvedValueOnce(json(200, { ...pendingSession([]), secondFactor: 'verified' }));
    await act(async () => {
      fireEvent.change(screen.getByLabelText('Recovery code'), { target: { value: 'abcde-fghij-klmno-pqrst' } });
      fireEvent.click(screen.getByRole('button', { name: 'Verify' }));
    });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/session/second-factor/recovery');
    expect(screen.getByRole('button', { name: 'Use a code from your authenticator app instead' })).toBeTruthy();
  });

  it('starts with the security key when the account has no authenticator app', async () => {
    const { onCancel } = renderPage(['webauthn', 'recovery']);
    expect(screen.queryByLabelText(/6-digit code/)).toBeNull();
    expect(screen.getByText('Use your security key or passkey to finish signing in.')).toBeTruthy();
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Cancel and sign out' }));
    });
    expect(onCancel).toHaveBeenCalled();
  });
});
