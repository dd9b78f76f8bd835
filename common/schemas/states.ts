import { Type, type Static } from 'typebox';
import { ZLine, ZLocale, ZM49, ZRegionalGroup, ZStateStatus } from './shared.ts';

export const ZStateNames = Type.Object({
  ar: Type.String(),
  zh: Type.String(),
  en: Type.String(),
  fr: Type.String(),
  ru: Type.String(),
  es: Type.String(),
});

export const ZState = Type.Object({
  m49: ZM49,
  alpha2: Type.String({ pattern: '^[A-Z]{2}$' }),
  alpha3: Type.String({ pattern: '^[A-Z]{3}$' }),
  group: ZRegionalGroup,
  status: ZStateStatus,
  names: ZStateNames,
});
export type State = Static<typeof ZState>;

export const ZStateListQuery = Type.Object({
  q: Type.Optional(ZLine({ maxLength: 100, description: 'Search in State names (any language) and codes' })),
  group: Type.Optional(ZRegionalGroup),
  sortLocale: Type.Optional(ZLocale),
});
export type StateListQuery = Static<typeof ZStateListQuery>;

export const ZStateList = Type.Object({ items: Type.Array(ZState), total: Type.Integer() });
export type StateList = Static<typeof ZStateList>;

export const ZStateParams = Type.Object({ m49: ZM49 });
