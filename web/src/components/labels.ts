import type { Locale } from '../../../common/locales.ts';
import type { RegionalGroup, StateStatus } from '../../../common/regional-groups.ts';
import type { Role } from '../../../common/roles.ts';
import type { State } from '../../../common/schemas/states.ts';

/** Message keys built from enum values; the type check proves each exists in the catalogues. */
export const roleKey = (role: Role) => `role.${role}` as const;
export const groupKey = (group: RegionalGroup) => `group.${group}` as const;
export const statusKey = (status: StateStatus) => `status.${status}` as const;

/** The State's UN short name in the UI language, or its M49 code when the list is not loaded. */
export function stateName(states: readonly State[] | null, m49: string | null, locale: Locale): string {
  if (m49 === null) return '';
  return states?.find((state) => state.m49 === m49)?.names[locale] ?? m49;
}

/** Wraps user text in Unicode isolates (FSI…PDI) so a Latin address cannot reorder Arabic text around it. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}
