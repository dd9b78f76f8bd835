import { actorOf } from '../../http/authenticate.ts';
import type { App } from '../../http/fastify-types.ts';
import type { CommunicationDeps } from './communications.service.ts';
import { endLiveInboxes, streamInbox } from './live-inbox.ts';

export function liveInboxRoutes(app: App, deps: CommunicationDeps): void {
  app.addHook('preClose', (done) => {
    endLiveInboxes();
    done();
  });
  app.get(
    '/api/v1/communications/events',
    {
      config: { access: 'communications.read' },
      schema: {
        tags: ['communications'],
        summary:
          'Live inbox (text/event-stream): an "inbox" event with the unread count at once and on every change the caller may see; ids and counts only',
      },
    },
    async (request, reply) => streamInbox(deps, actorOf(request), request, reply),
  );
}
