import { Type } from 'typebox';
import { LOCALES } from '../locales.ts';
import { ROLES } from '../roles.ts';
import { REGIONAL_GROUPS, STATE_STATUSES } from '../regional-groups.ts';
import { ERROR_CODES } from '../errors.ts';

export const ZLocale = Type.Enum(LOCALES, { description: 'UN language' });
export const ZRole = Type.Enum(ROLES);
export const ZRegionalGroup = Type.Enum(REGIONAL_GROUPS);
export const ZStateStatus = Type.Enum(STATE_STATUSES);
export const ZM49 = Type.String({ pattern: '^[0-9]{3}$', description: 'UN M49 numeric code, 3 digits' });
export const ZUuid = Type.String({ format: 'uuid' });
export const ZTimestamp = Type.String({ format: 'date-time', description: 'UTC, ISO 8601' });

export const ZErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.Enum(ERROR_CODES),
      message: Type.String({ description: "In the caller's language" }),
      requestId: Type.String(),
      details: Type.Optional(Type.Array(Type.Object({ field: Type.String(), reason: Type.String() }))),
    }),
  },
  { $id: 'ErrorBody', description: 'Every error response; codes are listed in docs/errors.md' },
);
