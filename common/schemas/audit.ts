import { Type, type Static } from 'typebox';
import { ZLine, ZTimestamp } from './shared.ts';

export const ZAuditEntry = Type.Object({
  position: Type.Integer({ description: 'Place in the chain, from 1, without gaps' }),
  at: ZTimestamp,
  actorAccountId: Type.Union([Type.String(), Type.Null()]),
  actorLabel: Type.String({ description: 'E-mail of the actor, or "cli"/"system"' }),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Type.String(),
  stateM49: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Type.Union([Type.String(), Type.Null()]),
  prevHash: Type.String(),
  hash: Type.String(),
});
export type AuditEntry = Static<typeof ZAuditEntry>;

export const ZAuditQuery = Type.Object({
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'Keyset page: entries with a smaller position' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  action: Type.Optional(ZLine({ maxLength: 100 })),
});
export type AuditQuery = Static<typeof ZAuditQuery>;

export const ZAuditPage = Type.Object({
  items: Type.Array(ZAuditEntry),
  nextBefore: Type.Union([Type.Integer(), Type.Null()]),
});

export const ZAuditVerification = Type.Object({
  ok: Type.Boolean(),
  checked: Type.Integer(),
  firstBadPosition: Type.Union([Type.Integer(), Type.Null()]),
  problem: Type.Union([
    Type.Literal('edited'),
    Type.Literal('deleted_or_reordered'),
    Type.Literal('tail_truncated'),
    Type.Literal('head_mismatch'),
    Type.Null(),
  ]),
});
export type AuditVerification = Static<typeof ZAuditVerification>;
