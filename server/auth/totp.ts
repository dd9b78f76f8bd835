import { Secret, TOTP } from 'otpauth';

/** RFC 6238 defaults, which every authenticator app understands: SHA-1, 6 digits, 30 s. */
const PERIOD = 30;
const ISSUER = 'pocdir';

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function totpUri(secretBase32: string, accountEmail: string): string {
  return totpOf(secretBase32, accountEmail).toString();
}

/**
 * The time step a code belongs to, when it is valid now (±1 step for clock drift) and newer than
 * `lastStep`; otherwise null. Storing the returned step refuses the same code a second time.
 */
export function acceptTotp(secretBase32: string, code: string, lastStep: number | null, now: Date): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpOf(secretBase32, '').validate({ token, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}

/** The code of a time step (tests, and the demo's printed hint use oathtool instead). */
export function totpCodeAt(secretBase32: string, at: Date): string {
  return totpOf(secretBase32, '').generate({ timestamp: at.getTime() });
}
