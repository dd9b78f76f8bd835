import { EventEmitter } from 'node:events';

/**
 * A process-wide doorbell for background sweeps, like outbox-signal.ts for mail: a service that
 * created work for a sweep (e.g. a ping test's checks to write) rings it after its commit so the
 * job runner runs that sweep at once instead of at the next tick. Harmless when nobody listens.
 */
const signal = new EventEmitter();
signal.setMaxListeners(0);

const REQUESTED = 'requested';

/** Call after the commit: a sweep started before it could miss the rows. */
export function requestSweep(name: string): void {
  signal.emit(REQUESTED, name);
}

export function onSweepRequested(listener: (name: string) => void): () => void {
  signal.on(REQUESTED, listener);
  return () => signal.off(REQUESTED, listener);
}
