import type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from '@simplewebauthn/browser';
import { ApiError } from '../../api/client.ts';

/*
 * @simplewebauthn/browser is imported on demand, when someone actually uses a security key, so it
 * stays out of the bundle everybody downloads to sign in.
 */

/** Asks the browser to create a credential for the server's registration options. */
export async function createKeyCredential(options: unknown): Promise<RegistrationResponseJSON> {
  const { startRegistration } = await import('@simplewebauthn/browser');
  return startRegistration({ optionsJSON: options as PublicKeyCredentialCreationOptionsJSON });
}

/** Asks the browser for a security key's answer to the server's sign-in challenge. */
export async function getKeyAssertion(options: unknown): Promise<AuthenticationResponseJSON> {
  const { startAuthentication } = await import('@simplewebauthn/browser');
  return startAuthentication({ optionsJSON: options as PublicKeyCredentialRequestOptionsJSON });
}

export function browserSupportsKeys(): boolean {
  return typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';
}

/**
 * What went wrong in the browser, as an ApiError so pages show it like the server's errors: the key
 * is already registered, or the request was cancelled, timed out or refused (the browser does not
 * say which, on purpose).
 */
export function keyError(
  caught: unknown,
  messages: { alreadyRegistered: string; notCompleted: string; unsupported: string },
): ApiError {
  if (caught instanceof ApiError) return caught;
  const name = caught instanceof Error ? caught.name : '';
  const code = typeof caught === 'object' && caught !== null && 'code' in caught ? String(caught.code) : '';
  if (name === 'InvalidStateError' || code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED') {
    return new ApiError(0, 'WEBAUTHN_FAILED', messages.alreadyRegistered, null);
  }
  if (!browserSupportsKeys()) return new ApiError(0, 'WEBAUTHN_FAILED', messages.unsupported, null);
  return new ApiError(0, 'WEBAUTHN_FAILED', messages.notCompleted, null);
}
