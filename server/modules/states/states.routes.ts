import { ZStateList, ZStateListQuery, ZState, ZStateParams } from '../../../common/schemas/states.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { App } from '../../http/fastify-types.ts';
import type { Db } from '../../db/client.ts';
import { getState, listStates } from './states.service.ts';

export function statesRoutes(app: App, deps: { db: Db }): void {
  app.get(
    '/api/v1/states',
    {
      config: { access: 'states.read' },
      schema: {
        tags: ['states'],
        summary: 'Participating States, with names in the six UN languages',
        querystring: ZStateListQuery,
        response: { 200: ZStateList },
      },
    },
    async (request) => {
      const items = await listStates(deps.db, actorOf(request), request.query);
      return { items, total: items.length };
    },
  );

  app.get(
    '/api/v1/states/:m49',
    {
      config: { access: 'states.read' },
      schema: { tags: ['states'], summary: 'One State by M49 code', params: ZStateParams, response: { 200: ZState } },
    },
    async (request) => getState(deps.db, actorOf(request), request.params.m49),
  );
}
