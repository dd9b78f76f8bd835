import { EventEmitter } from 'node:events';

/**
 * A process-wide doorbell for the outbox. Services ring it after committing a transaction that
 * enqueued mail, so the job runner dispatches at once instead of at the next sweep. Ringing it
 * when no runner listens (CLI, tests) is harmless: the next sweep sends the mail anyway.
 */
const signal = new EventEmitter();
// Tests may start several runners in one process; none of them is a leak.
signal.setMaxListeners(0);

const CHANGED = 'changed';

/** Call after the commit (never inside the transaction): a dispatch could otherwise miss the rows. */
export function notifyOutboxChanged(): void {
  signal.emit(CHANGED);
}

/** Lets the job runner hear the doorbell; returns the function that stops listening. */
export function onOutboxChanged(listener: () => void): () => void {
  signal.on(CHANGED, listener);
  return () => signal.off(CHANGED, listener);
}
