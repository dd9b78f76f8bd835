import { Type, type TStringOptions } from 'typebox';
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

/*
 * Text people type. PostgreSQL cannot store U+0000 in text or jsonb (the request failed with a
 * 500); other control characters and unpaired surrogates only hide things from readers. A line
 * (names, references, titles) has no line breaks either; multi-line text keeps tab and CR/LF.
 */
const LINE_PATTERN = '^[^\\p{Cc}\\p{Cs}\\u2028\\u2029]*$';
const TEXT_PATTERN = '^[^\\p{Cs}\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$';

/** One line of text: no control characters, no line or paragraph separators. */
export const ZLine = (options: TStringOptions = {}) => Type.String({ ...options, pattern: LINE_PATTERN });
/** Multi-line text: no control characters but tab and line breaks. */
export const ZFreeText = (options: TStringOptions = {}) => Type.String({ ...options, pattern: TEXT_PATTERN });

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
