/** The five UN regional groups. */
export const REGIONAL_GROUPS = [
  'african',
  'asia_pacific',
  'eastern_european',
  'latin_american_caribbean',
  'western_european_other',
] as const;
export type RegionalGroup = (typeof REGIONAL_GROUPS)[number];

export const STATE_STATUSES = ['member', 'observer'] as const;
export type StateStatus = (typeof STATE_STATUSES)[number];
