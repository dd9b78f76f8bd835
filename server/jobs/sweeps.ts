import type { Config } from '../config.ts';
import { communicationDeadlinesSweep } from '../modules/communications/deadlines.sweep.ts';
import { directoryRemindersSweep } from '../modules/directory/freshness.sweep.ts';
import { pingDispatchSweep } from '../modules/ping-tests/ping-dispatch.ts';
import { pingTestsSweep } from '../modules/ping-tests/ping-tests.sweep.ts';
import type { BackgroundSweep } from './job-runner.ts';

/**
 * The sweeps the server runs in the background: at start, then every JOBS_SWEEP_SECONDS, each on
 * its own queue so a slow one does not hold up another. Each is level-triggered: it reads what is
 * due now and records what it did (e.g. in reminder_ledger), so running it twice, late, or on two
 * processes at once never acts twice. Add a module's sweep here; it gets the queue `sweep.<name>`.
 */
export function backgroundSweeps(config: Config): BackgroundSweep[] {
  return [
    directoryRemindersSweep(config),
    communicationDeadlinesSweep(config),
    pingDispatchSweep(config),
    pingTestsSweep(config),
  ];
}
