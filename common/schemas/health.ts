import { Type } from 'typebox';

export const ZHealth = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('embedded'), Type.Literal('postgres')]),
  version: Type.String(),
});
