import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../auth/actor.ts';
import { mayRead, type MessageContext } from './communication-access.ts';
import { loadMessage } from './communication-context.ts';
import { onCommunicationEvent, type CommunicationEvent } from './communication-events.ts';
import * as repo from './communications.repository.ts';
import { requireParty, type CommunicationDeps } from './communications.service.ts';

const HEARTBEAT_MS = 25_000;

// Open streams, ended when the server shuts down so that closing it never waits on a browser.
const openStreams = new Set<FastifyReply['raw']>();

export function endLiveInboxes(): void {
  for (const stream of openStreams) stream.end();
  openStreams.clear();
}

/** Messages received by the caller's State that nobody there has opened yet, as far as the caller may read. */
function unreadCount(deps: CommunicationDeps, party: ReturnType<typeof requireParty>): Promise<number> {
  return repo.countInbox(deps.db, {
    stateM49: party.stateM49,
    accountId: party.accountId,
    email: party.email,
    direction: 'in',
    status: 'sent',
  });
}

// The message an event is about, read once for every stream the event concerns (several people of
// a State may be listening), or taken from the event when its publisher already had it.
const eventContexts = new WeakMap<CommunicationEvent, Promise<MessageContext>>();

function contextOf(deps: CommunicationDeps, event: CommunicationEvent): Promise<MessageContext> {
  let context = eventContexts.get(event);
  if (!context) {
    context = event.context
      ? Promise.resolve(event.context)
      : loadMessage(deps.db, event.communicationId).then((loaded) => loaded.context);
    eventContexts.set(event, context);
  }
  return context;
}

/**
 * The live inbox over Server-Sent Events: an `inbox` event with the unread count at once, then
 * one per change the caller may see (new message, reply, status, closed), with a comment line
 * as heartbeat so proxies keep the connection open. Events carry ids and counts, never content.
 */
export async function streamInbox(deps: CommunicationDeps, actor: Actor, request: FastifyRequest, reply: FastifyReply) {
  const party = requireParty(actor, 'communications.read');
  const initial = await unreadCount(deps, party);
  reply.hijack();
  const raw = reply.raw;
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
  });
  openStreams.add(raw);
  const send = (data: object) => raw.write(`event: inbox\ndata: ${JSON.stringify(data)}\n\n`);
  send({ unread: initial });
  let queue = Promise.resolve();
  const stop = onCommunicationEvent((event: CommunicationEvent) => {
    if (!event.states.includes(party.stateM49)) return;
    // In order, one at a time: a burst of events must not reorder the counts a client sees.
    queue = queue
      .then(async () => {
        if (!mayRead(party, await contextOf(deps, event))) return;
        const { communicationId, threadId, change } = event;
        send({ unread: await unreadCount(deps, party), communicationId, threadId, change });
      })
      .catch((error: unknown) => request.log.warn({ err: error }, 'live inbox event failed'));
  });
  const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
  request.raw.on('close', () => {
    clearInterval(heartbeat);
    stop();
    openStreams.delete(raw);
  });
}
