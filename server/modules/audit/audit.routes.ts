import { ZAuditPage, ZAuditQuery, ZAuditVerification } from '../../../common/schemas/audit.ts';
import type { Db } from '../../db/client.ts';
import { actorOf } from '../../http/authenticate.ts';
import type { App } from '../../http/fastify-types.ts';
import { presentAuditEntry } from './audit.presenter.ts';
import { listAudit, verifyAuditChain } from './audit.service.ts';

/** Read-only by design: there is no route that changes the trail. */
export function auditRoutes(app: App, deps: { db: Db }): void {
  app.get(
    '/api/v1/audit',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first (keyset pages by position)',
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage },
      },
    },
    async (request) => {
      const page = await listAudit(deps.db, actorOf(request), request.query);
      return { items: page.items.map(presentAuditEntry), nextBefore: page.nextBefore };
    },
  );

  app.get(
    '/api/v1/audit/verification',
    {
      config: { access: 'audit.read' },
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chain and report the first edited, deleted or reordered entry',
        response: { 200: ZAuditVerification },
      },
    },
    async (request) => verifyAuditChain(deps.db, actorOf(request)),
  );
}
