import type { IntlShape } from 'react-intl';
import type { PingResult, PingStateResult } from '../../../../common/ping-tests.ts';

/** Durations are written the same way in the web UI, the PDF report and the CLI. */
export { formatDuration } from '../../../../common/ping-tests.ts';
import type { PingTest } from '../../../../common/schemas/ping-tests.ts';

/** Message keys built from the ping test enums; the type check proves each exists in the catalogues. */
export const resultKey = (result: PingResult) => `ping.result.${result}` as const;
export const stateResultKey = (result: PingStateResult) => `ping.stateResult.${result}` as const;
export const statusKey = (status: PingTest['status']) => `ping.ui.status.${status}` as const;

/** What the map and the legend show for a State: its result, or that the campaign did not target it. */
export type MapResult = PingStateResult | 'not_targeted';
export const MAP_RESULTS: readonly MapResult[] = ['reached', 'late', 'not_reached', 'pending', 'not_targeted'];
export const mapResultKey = (result: MapResult) =>
  result === 'not_targeted' ? ('ping.ui.map.notTargeted' as const) : stateResultKey(result);

/** A share (0–1) as a percentage in the reader's language, or a dash when nothing was measured. */
export function formatRate(intl: IntlShape, rate: number | null): string {
  if (rate === null) return '—';
  return intl.formatNumber(rate, { style: 'percent', maximumFractionDigits: 1 });
}

/** Whether the campaign's checks are still being written or its mails sent. */
export function isDispatching(campaign: PingTest): boolean {
  return campaign.status === 'dispatching' || !campaign.progress.done;
}
