import { Type, type Static } from 'typebox';
import { ZTimestamp } from './shared.ts';

/** Six digits; spaces are tolerated because authenticator apps show "123 456". */
export const ZTotpCode = Type.String({ pattern: '^\\s*[0-9]{3}\\s?[0-9]{3}\\s*$', maxLength: 12 });
/** Recovery codes are shown as xxxxx-xxxxx-xxxxx-xxxxx (base32, 100 bits). */
export const ZRecoveryCode = Type.String({ pattern: '^[A-Za-z2-7 -]{16,40}$' });

export const ZTotpCodeRequest = Type.Object({ code: ZTotpCode }, { additionalProperties: false });
export type TotpCodeRequest = Static<typeof ZTotpCodeRequest>;

export const ZRecoveryCodeRequest = Type.Object({ code: ZRecoveryCode }, { additionalProperties: false });
export type RecoveryCodeRequest = Static<typeof ZRecoveryCodeRequest>;

export const ZTotpStartRequest = Type.Object(
  { currentCode: Type.Optional(ZTotpCode) },
  {
    additionalProperties: false,
    description: 'Replacing a confirmed authenticator needs a current code from it',
  },
);
export type TotpStartRequest = Static<typeof ZTotpStartRequest>;

export const ZTotpStart = Type.Object({
  secret: Type.String({ description: 'Base32, for typing into an app that cannot scan' }),
  otpauthUri: Type.String(),
  qrSvg: Type.String({ description: 'The otpauth URI as a QR code (SVG)' }),
});
export type TotpStart = Static<typeof ZTotpStart>;

export const ZRecoveryCodes = Type.Object({
  recoveryCodes: Type.Array(Type.String(), {
    description: 'Shown once; each works once. Empty when the account already had codes',
  }),
});
export type RecoveryCodes = Static<typeof ZRecoveryCodes>;

export const ZWebauthnCredentialSummary = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: ZTimestamp,
  lastUsedAt: Type.Union([ZTimestamp, Type.Null()]),
});

export const ZMfaStatus = Type.Object({
  totpRequired: Type.Boolean({ description: 'The role must keep an authenticator app' }),
  totp: Type.Object({ enabled: Type.Boolean(), confirmedAt: Type.Union([ZTimestamp, Type.Null()]) }),
  webauthn: Type.Array(ZWebauthnCredentialSummary),
  recoveryCodesRemaining: Type.Integer({ minimum: 0 }),
});
export type MfaStatus = Static<typeof ZMfaStatus>;

/**
 * A WebAuthn response as the browser's JSON (RegistrationResponseJSON / AuthenticationResponseJSON);
 * @simplewebauthn/server checks the inside. Bounded so hostile input stays small.
 */
export const ZWebauthnResponse = Type.Object(
  {
    id: Type.String({ minLength: 1, maxLength: 1024 }),
    rawId: Type.String({ minLength: 1, maxLength: 1024 }),
    type: Type.Literal('public-key'),
    response: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 16 }),
    clientExtensionResults: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 16 }),
    authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
  },
  { additionalProperties: false },
);

export const ZWebauthnRegistrationRequest = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 80, pattern: '^[^\\p{Cc}]+$' }), response: ZWebauthnResponse },
  { additionalProperties: false },
);
export type WebauthnRegistrationRequest = Static<typeof ZWebauthnRegistrationRequest>;

export const ZWebauthnAuthenticationRequest = Type.Object(
  { response: ZWebauthnResponse },
  { additionalProperties: false },
);
export type WebauthnAuthenticationRequest = Static<typeof ZWebauthnAuthenticationRequest>;

/** PublicKeyCredentialCreationOptionsJSON / RequestOptionsJSON, passed to the browser as they are. */
export const ZWebauthnOptions = Type.Unknown({ description: 'WebAuthn options JSON for navigator.credentials' });
