import type {
  generateAuthenticationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { AccountActor } from '../../auth/actor.ts';
import type { Config } from '../../config.ts';
import { AppError } from '../../errors.ts';
import type { WebauthnRow } from './mfa.repository.ts';

type BrowserResponse = Parameters<typeof verifyRegistrationResponse>[0]['response'];
type Transports = NonNullable<
  NonNullable<Parameters<typeof generateAuthenticationOptions>[0]['allowCredentials']>[number]['transports']
>;
type BrowserAssertion = Parameters<typeof verifyAuthenticationResponse>[0]['response'];

/**
 * @simplewebauthn/server and its dependencies are loaded at the first security-key ceremony rather
 * than at boot, where they would cost a few hundred milliseconds of every start.
 */
const simpleWebAuthn = () => import('@simplewebauthn/server');

/** The relying party is PUBLIC_URL: its host name is the RP ID, its origin the only accepted one. */
function relyingParty(config: Config) {
  const url = new URL(config.PUBLIC_URL);
  return { rpID: url.hostname, origin: url.origin };
}

export async function registrationOptions(config: Config, actor: AccountActor, existing: WebauthnRow[]) {
  const { generateRegistrationOptions } = await simpleWebAuthn();
  return generateRegistrationOptions({
    rpName: 'pocdir',
    rpID: relyingParty(config).rpID,
    userID: new TextEncoder().encode(actor.accountId),
    userName: actor.email,
    userDisplayName: actor.displayName,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.id, transports: transportsOf(c) })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
}

export async function verifyRegistration(config: Config, response: unknown, expectedChallenge: string) {
  const { rpID, origin } = relyingParty(config);
  const { verifyRegistrationResponse } = await simpleWebAuthn();
  const result = await verifyRegistrationResponse({
    response: response as BrowserResponse,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
  }).catch(() => undefined);
  if (!result?.verified) throw new AppError('WEBAUTHN_FAILED');
  return result.registrationInfo.credential;
}

export async function authenticationOptions(config: Config, credentials: WebauthnRow[]) {
  const { generateAuthenticationOptions } = await simpleWebAuthn();
  return generateAuthenticationOptions({
    rpID: relyingParty(config).rpID,
    allowCredentials: credentials.map((c) => ({ id: c.id, transports: transportsOf(c) })),
    userVerification: 'preferred',
  });
}

export async function verifyAuthentication(
  config: Config,
  response: unknown,
  expectedChallenge: string,
  credential: WebauthnRow,
) {
  const { rpID, origin } = relyingParty(config);
  const { verifyAuthenticationResponse } = await simpleWebAuthn();
  const result = await verifyAuthenticationResponse({
    response: response as BrowserAssertion,
    expectedChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    credential: {
      id: credential.id,
      publicKey: new Uint8Array(credential.publicKey),
      counter: credential.counter,
      transports: transportsOf(credential),
    },
    requireUserVerification: false,
  }).catch(() => undefined);
  if (!result?.verified) throw new AppError('WEBAUTHN_FAILED');
  return result.authenticationInfo.newCounter;
}

function transportsOf(row: WebauthnRow): Transports {
  return row.transports;
}
