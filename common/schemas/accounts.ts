import { Type, type Static } from 'typebox';
import { ZLine, ZLocale, ZM49, ZRole, ZTimestamp, ZUuid } from './shared.ts';

export const ZAccount = Type.Object({
  id: ZUuid,
  email: Type.String(),
  displayName: Type.String(),
  role: ZRole,
  stateM49: Type.Union([ZM49, Type.Null()]),
  locale: ZLocale,
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  createdAt: ZTimestamp,
  lastLoginAt: Type.Union([ZTimestamp, Type.Null()]),
});
export type Account = Static<typeof ZAccount>;

export const ZAccountList = Type.Object({ items: Type.Array(ZAccount) });

export const ZAccountListQuery = Type.Object({
  stateM49: Type.Optional(ZM49),
  role: Type.Optional(ZRole),
  includeDisabled: Type.Optional(Type.Boolean({ default: true })),
});
export type AccountListQuery = Static<typeof ZAccountListQuery>;

export const ZCreateAccountRequest = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    displayName: ZLine({ minLength: 1, maxLength: 200 }),
    role: ZRole,
    stateM49: Type.Optional(ZM49),
    locale: Type.Optional(ZLocale),
  },
  { additionalProperties: false },
);
export type CreateAccountRequest = Static<typeof ZCreateAccountRequest>;

export const ZCreatedAccount = Type.Object({
  account: ZAccount,
  initialPassword: Type.String({
    description: 'Shown once. The holder must change it at first sign-in.',
  }),
});
export type CreatedAccount = Static<typeof ZCreatedAccount>;

export const ZAccountParams = Type.Object({ id: ZUuid });
