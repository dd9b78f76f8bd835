import QRCode from 'qrcode';
import { TOTP_REQUIRED_ROLES } from '../../../common/permissions.ts';
import type {
  MfaStatus,
  TotpStart,
  TotpStartRequest,
  WebauthnRegistrationRequest,
} from '../../../common/schemas/mfa.ts';
import type { AccountActor } from '../../auth/actor.ts';
import { secretBoxFor } from '../../auth/secret-box.ts';
import { acceptTotp, newTotpSecret, totpUri } from '../../auth/totp.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { newRecoveryCodes, recoveryCodeHash } from './recovery-codes.ts';
import * as repo from './mfa.repository.ts';
import { checkTotpCode, elevate, underBudget, type Elevated } from './second-factor.service.ts';
import { registrationOptions, verifyRegistration } from './webauthn.ts';

export interface MfaDeps {
  db: Db;
  config: Config;
}

export async function mfaStatus(db: Db, actor: AccountActor): Promise<MfaStatus> {
  const [totp, keys, remaining] = await Promise.all([
    repo.findTotp(db, actor.accountId),
    repo.listWebauthn(db, actor.accountId),
    repo.countUnusedRecoveryCodes(db, actor.accountId),
  ]);
  return {
    totpRequired: TOTP_REQUIRED_ROLES.includes(actor.role),
    totp: { enabled: Boolean(totp?.secretSealed), confirmedAt: totp?.confirmedAt?.toISOString() ?? null },
    webauthn: keys.map((k) => ({
      id: k.id,
      name: k.name,
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    })),
    recoveryCodesRemaining: remaining,
  };
}

/**
 * Starts setting up an authenticator app: a new secret, kept pending until a code from it is typed.
 * Replacing a working authenticator needs a current code from it, so a stolen session alone
 * cannot move the second factor to the thief's phone.
 */
export async function startTotp(deps: MfaDeps, actor: AccountActor, input: TotpStartRequest): Promise<TotpStart> {
  const existing = await repo.findTotp(deps.db, actor.accountId);
  if (existing?.secretSealed) {
    if (input.currentCode === undefined)
      throw new AppError('SECOND_FACTOR_INVALID', { details: [{ field: '/currentCode', reason: 'required' }] });
    await checkTotpCode(deps, actor, input.currentCode);
  }
  const secret = newTotpSecret();
  await repo.setPendingTotp(deps.db, actor.accountId, secretBoxFor(deps.config).seal(secret));
  const otpauthUri = totpUri(secret, actor.email);
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUri, qrSvg };
}

/**
 * Confirms the pending authenticator with a code from it. The first second factor of an account
 * also creates its recovery codes (returned once). A session that had to enrol is then fully
 * signed in, with a new token.
 */
export async function confirmTotp(
  deps: MfaDeps,
  actor: AccountActor,
  code: string,
  requestId: string,
): Promise<{ recoveryCodes: string[]; elevated: Elevated | null }> {
  const row = await repo.findTotp(deps.db, actor.accountId);
  if (!row?.pendingSecretSealed) throw new AppError('TOTP_NOT_STARTED');
  const now = new Date();
  const pending = secretBoxFor(deps.config).open(row.pendingSecretSealed);
  const step = await underBudget(deps, actor, async () => acceptTotp(pending, code, null, now));
  return deps.db.transaction(async (tx) => {
    await repo.confirmPendingTotp(tx, actor.accountId, step, now);
    const recoveryCodes = await ensureRecoveryCodes(tx, actor.accountId);
    await recordAudit(tx, actor, requestId, {
      action: row.secretSealed ? 'mfa.totp_replace' : 'mfa.totp_enable',
      targetType: 'account',
      targetId: actor.accountId,
      stateM49: actor.stateM49,
    });
    const elevated = actor.secondFactor === 'enrol' ? await elevate(tx, deps.config, actor, 'totp', requestId) : null;
    return { recoveryCodes, elevated };
  });
}

/** Removes the authenticator app (with a current code); refused for roles that must keep one. */
export async function removeTotp(deps: MfaDeps, actor: AccountActor, code: string, requestId: string): Promise<void> {
  if (TOTP_REQUIRED_ROLES.includes(actor.role)) throw new AppError('TOTP_REQUIRED_FOR_ROLE');
  await checkTotpCode(deps, actor, code);
  await deps.db.transaction(async (tx) => {
    await repo.deleteTotp(tx, actor.accountId);
    await recordAudit(tx, actor, requestId, {
      action: 'mfa.totp_remove',
      targetType: 'account',
      targetId: actor.accountId,
      stateM49: actor.stateM49,
    });
  });
}

/** New recovery codes; the old ones stop working. Returned once. */
export async function regenerateRecoveryCodes(db: Db, actor: AccountActor, requestId: string): Promise<string[]> {
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await repo.replaceRecoveryCodes(tx, actor.accountId, codes.map(recoveryCodeHash));
    await recordAudit(tx, actor, requestId, {
      action: 'mfa.recovery_codes_regenerate',
      targetType: 'account',
      targetId: actor.accountId,
      stateM49: actor.stateM49,
    });
  });
  return codes;
}

async function ensureRecoveryCodes(tx: Db, accountId: string): Promise<string[]> {
  if ((await repo.countUnusedRecoveryCodes(tx, accountId)) > 0) return [];
  const codes = newRecoveryCodes();
  await repo.replaceRecoveryCodes(tx, accountId, codes.map(recoveryCodeHash));
  return codes;
}

export async function webauthnRegistrationOptions(deps: MfaDeps, actor: AccountActor) {
  const options = await registrationOptions(deps.config, actor, await repo.listWebauthn(deps.db, actor.accountId));
  await repo.setWebauthnChallenge(deps.db, actor.sessionTokenHash, options.challenge);
  return options;
}

/** Registers a security key or passkey answering this session's challenge. */
export async function registerWebauthn(
  deps: MfaDeps,
  actor: AccountActor,
  input: WebauthnRegistrationRequest,
  requestId: string,
): Promise<{ recoveryCodes: string[] }> {
  return deps.db.transaction(async (tx) => {
    const challenge = await repo.takeWebauthnChallenge(tx, actor.sessionTokenHash);
    if (!challenge) throw new AppError('WEBAUTHN_FAILED');
    const credential = await verifyRegistration(deps.config, input.response, challenge);
    await repo.insertWebauthn(tx, {
      id: credential.id,
      accountId: actor.accountId,
      publicKey: Buffer.from(credential.publicKey),
      counter: credential.counter,
      transports: credential.transports ?? [],
      name: input.name,
    });
    const recoveryCodes = await ensureRecoveryCodes(tx, actor.accountId);
    await recordAudit(tx, actor, requestId, {
      action: 'mfa.webauthn_register',
      targetType: 'account',
      targetId: actor.accountId,
      stateM49: actor.stateM49,
      after: { credentialId: credential.id },
    });
    return { recoveryCodes };
  });
}

export async function removeWebauthn(db: Db, actor: AccountActor, id: string, requestId: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await repo.deleteWebauthn(tx, actor.accountId, id))) throw new AppError('NOT_FOUND');
    await recordAudit(tx, actor, requestId, {
      action: 'mfa.webauthn_remove',
      targetType: 'account',
      targetId: actor.accountId,
      stateM49: actor.stateM49,
      after: { credentialId: id },
    });
  });
}
