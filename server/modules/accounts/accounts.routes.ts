import {
  ZAccount,
  ZAccountList,
  ZAccountListQuery,
  ZAccountParams,
  ZCreateAccountRequest,
  ZCreatedAccount,
} from '../../../common/schemas/accounts.ts';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { App } from '../../http/fastify-types.ts';
import { createAccount, getAccount, listAccounts, setAccountDisabled } from './accounts.service.ts';

export function accountsRoutes(app: App, deps: { db: Db }): void {
  const { db } = deps;

  app.get(
    '/api/v1/accounts',
    {
      config: { access: 'accounts.read' },
      schema: {
        tags: ['accounts'],
        summary: "Login accounts: all for the directory manager, the caller's State's for a national authority",
        querystring: ZAccountListQuery,
        response: { 200: ZAccountList },
      },
    },
    async (request) => ({ items: await listAccounts(db, actorOf(request), request.query) }),
  );

  app.post(
    '/api/v1/accounts',
    {
      config: { access: 'accounts.create' },
      schema: {
        tags: ['accounts'],
        summary: 'Create a login account; its one-time password is returned once',
        body: ZCreateAccountRequest,
        response: { 201: ZCreatedAccount },
      },
    },
    async (request, reply) => {
      const created = await createAccount(db, actorOf(request), request.body, request.id);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/v1/accounts/:id',
    {
      config: { access: 'accounts.read' },
      schema: { tags: ['accounts'], summary: 'One account', params: ZAccountParams, response: { 200: ZAccount } },
    },
    async (request) => getAccount(db, actorOf(request), request.params.id),
  );

  app.post(
    '/api/v1/accounts/:id/disable',
    {
      config: { access: 'accounts.disable' },
      schema: {
        tags: ['accounts'],
        summary: 'Disable an account and end its sessions',
        params: ZAccountParams,
        response: { 200: ZAccount },
      },
    },
    async (request) => setAccountDisabled(db, actorOf(request), request.params.id, true, request.id),
  );

  app.post(
    '/api/v1/accounts/:id/enable',
    {
      config: { access: 'accounts.disable' },
      schema: {
        tags: ['accounts'],
        summary: 'Re-enable an account',
        params: ZAccountParams,
        response: { 200: ZAccount },
      },
    },
    async (request) => setAccountDisabled(db, actorOf(request), request.params.id, false, request.id),
  );
}
