import { EventEmitter } from 'node:events';
import type { MessageContext } from './communication-access.ts';

/** Something changed in a communication that the given States' inboxes should show. */
export interface CommunicationEvent {
  communicationId: string;
  threadId: string;
  /** Every State party to the message: its sender and its recipients. */
  states: readonly string[];
  change: 'new' | 'reply' | 'status' | 'closed';
  /** The message as committed, when the publisher has it: spares every listening stream a read. Never sent to clients. */
  context?: MessageContext;
}

// One process-wide bus: services publish after their transaction commits; live inboxes listen.
// With several server processes (PostgreSQL), each process only sees its own changes: a client
// connected elsewhere catches up at its next reconnect or reload (see docs/ARCHITECTURE.md).
const bus = new EventEmitter();
bus.setMaxListeners(0);

export function publishCommunicationEvent(event: CommunicationEvent): void {
  bus.emit('event', event);
}

export function onCommunicationEvent(listener: (event: CommunicationEvent) => void): () => void {
  bus.on('event', listener);
  return () => bus.off('event', listener);
}
