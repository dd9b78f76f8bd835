import { LOCALES } from '../../../common/locales.ts';
import {
  ZCreatePingTestRequest,
  ZMyPingChecks,
  ZPingAcknowledgeByLinkRequest,
  ZPingAcknowledgement,
  ZPingCheckParams,
  ZPingContacts,
  ZPingContactsQuery,
  ZPingExportQuery,
  ZPingResults,
  ZPingTest,
  ZPingTestList,
  ZPingTestParams,
  ZPingTrend,
} from '../../../common/schemas/ping-tests.ts';
import { actorOf } from '../../http/authenticate.ts';
import { sendDownload } from '../../http/download.ts';
import type { App } from '../../http/fastify-types.ts';
import { createPdfRenderer } from '../communications/thread-pdf.ts';
import { acknowledgeCheckByLink, acknowledgeCheckInApp, myPingChecks } from './ping-acknowledge.service.ts';
import { pingReportFile } from './ping-report.ts';
import {
  createPingTest,
  getPingResults,
  getPingTest,
  getPingTrend,
  listPingContacts,
  listPingTests,
  type PingTestDeps,
} from './ping-tests.service.ts';

export function pingTestsRoutes(app: App, deps: PingTestDeps): void {
  const tags = ['ping-tests'];
  const pdf = createPdfRenderer();
  app.addHook('onClose', () => pdf.close());

  app.get(
    '/api/v1/ping-tests',
    {
      config: { access: 'pingTests.read' },
      schema: {
        tags,
        summary: 'Ping test campaigns, newest first, with progress and figures',
        response: { 200: ZPingTestList },
      },
    },
    async (request) => listPingTests(deps, actorOf(request)),
  );

  app.post(
    '/api/v1/ping-tests',
    {
      config: { access: 'pingTests.manage' },
      schema: {
        tags,
        summary: 'Start a ping test: every targeted contact gets a check to acknowledge before the deadline',
        body: ZCreatePingTestRequest,
        response: { 201: ZPingTest },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await createPingTest(deps, actorOf(request), request.body, request.id)),
  );

  app.get(
    '/api/v1/ping-tests/trend',
    {
      config: { access: 'pingTests.read' },
      schema: { tags, summary: 'Figures of real (non-exercise) campaigns over time', response: { 200: ZPingTrend } },
    },
    async (request) => getPingTrend(deps, actorOf(request)),
  );

  app.get(
    '/api/v1/ping-tests/mine',
    {
      config: { access: 'pingTests.acknowledge' },
      schema: { tags, summary: "The signed-in contact's checks to acknowledge", response: { 200: ZMyPingChecks } },
    },
    async (request) => myPingChecks(deps.db, actorOf(request)),
  );

  app.post(
    '/api/v1/ping-tests/checks/:targetId/acknowledge',
    {
      config: { access: 'pingTests.acknowledge' },
      schema: {
        tags,
        summary: 'Acknowledge a check addressed to the signed-in contact',
        params: ZPingCheckParams,
        response: { 200: ZPingAcknowledgement },
      },
    },
    async (request) => acknowledgeCheckInApp(deps.db, actorOf(request), request.params.targetId, request.id),
  );

  app.post(
    '/api/v1/ping-tests/acknowledge',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: "Acknowledge a check with the single-use link's token from its e-mail (no sign-in)",
        body: ZPingAcknowledgeByLinkRequest,
        response: { 200: ZPingAcknowledgement },
      },
    },
    async (request) => acknowledgeCheckByLink(deps.db, request.body.token, request.id),
  );

  app.get(
    '/api/v1/ping-tests/:id',
    {
      config: { access: 'pingTests.read' },
      schema: {
        tags,
        summary: 'One campaign with its progress and figures',
        params: ZPingTestParams,
        response: { 200: ZPingTest },
      },
    },
    async (request) => getPingTest(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/ping-tests/:id/results',
    {
      config: { access: 'pingTests.read' },
      schema: {
        tags,
        summary: 'Results per regional group and per State (reached when any contact acknowledged in time)',
        params: ZPingTestParams,
        response: { 200: ZPingResults },
      },
    },
    async (request) => getPingResults(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/ping-tests/:id/contacts',
    {
      config: { access: 'pingTests.read' },
      schema: {
        tags,
        summary: 'Results per contact, filtered and paged',
        params: ZPingTestParams,
        querystring: ZPingContactsQuery,
        response: { 200: ZPingContacts },
      },
    },
    async (request) => listPingContacts(deps, actorOf(request), request.params.id, request.query),
  );

  app.get(
    '/api/v1/ping-tests/:id/export',
    {
      config: { access: 'pingTests.read' },
      schema: {
        tags,
        summary: 'Results as CSV (one row per contact) or as a PDF report in any of the six languages',
        params: ZPingTestParams,
        querystring: ZPingExportQuery,
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const language = request.query.language ?? (actor.kind === 'account' ? actor.locale : LOCALES[0]);
      const file = await pingReportFile(deps, actor, request.params.id, request.query.format, language, pdf);
      return sendDownload(reply, file);
    },
  );
}
