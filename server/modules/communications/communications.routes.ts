import { Type } from 'typebox';
import { LOCALES } from '../../../common/locales.ts';
import {
  ZAcknowledgeByLinkRequest,
  ZCloseRequest,
  ZCommunication,
  ZCommunicationParams,
  ZCommunicationStats,
  ZForwardRequest,
  ZInbox,
  ZInboxQuery,
  ZRecipientActionRequest,
  ZRecipientStatus,
  ZReplyRequest,
  ZSendRequest,
  ZThread,
  ZTlp,
} from '../../../common/schemas/communications.ts';
import { ZM49 } from '../../../common/schemas/shared.ts';
import { actorOf } from '../../http/authenticate.ts';
import { sendDownload } from '../../http/download.ts';
import type { App } from '../../http/fastify-types.ts';
import { acknowledgeByLink, actOnCommunication, closeCommunicationThread } from './communication-lifecycle.service.ts';
import { getThread, getTrafficStats, listInbox } from './communication-read.service.ts';
import {
  forwardCommunication,
  replyToCommunication,
  sendCommunication,
  type CommunicationDeps,
} from './communications.service.ts';
import { exportThread, THREAD_EXPORT_FORMATS } from './thread-export.ts';
import { createPdfRenderer } from './thread-pdf.ts';

const ZThreadExportQuery = Type.Object(
  {
    format: Type.Enum(THREAD_EXPORT_FORMATS, {
      description: 'json: the template instances, machine-readable; pdf: for reading and printing',
    }),
    language: Type.Optional(
      Type.Enum(LOCALES, {
        description: "Language of the PDF's labels and values (free text stays as written); default the caller's",
      }),
    ),
  },
  { additionalProperties: false },
);

export function communicationsRoutes(app: App, deps: CommunicationDeps): void {
  const tags = ['communications'];
  const one = { params: ZCommunicationParams, response: { 200: ZCommunication } };
  // Chromium starts at the first PDF export and stops with the app.
  const pdf = createPdfRenderer();
  app.addHook('onClose', () => pdf.close());

  app.get(
    '/api/v1/communications',
    {
      config: { access: 'communications.read' },
      schema: {
        tags,
        summary: "The caller's State's communications, sent and received (TLP:RED only where the caller is named)",
        querystring: ZInboxQuery,
        response: { 200: ZInbox },
      },
    },
    async (request) => listInbox(deps, actorOf(request), request.query),
  );

  app.post(
    '/api/v1/communications',
    {
      config: { access: 'communications.send' },
      schema: {
        tags,
        summary: 'Send a request or notification to one or more States (by kind of point of contact or named entries)',
        body: ZSendRequest,
        response: { 201: ZCommunication },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await sendCommunication(deps, actorOf(request), request.body, request.id)),
  );

  app.get(
    '/api/v1/communications/stats',
    {
      config: { access: 'communications.stats' },
      schema: {
        tags,
        summary: 'Counts and timings for the directory manager; never content',
        response: { 200: ZCommunicationStats },
      },
    },
    async (request) => getTrafficStats(deps, actorOf(request)),
  );

  app.get(
    '/api/v1/communications/:id',
    {
      config: { access: 'communications.read' },
      schema: {
        tags,
        summary: 'The thread of a communication, as far as the caller may read it',
        params: ZCommunicationParams,
        response: { 200: ZThread },
      },
    },
    async (request) => getThread(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/communications/:id/export',
    {
      config: { access: 'communications.read' },
      schema: {
        tags,
        summary:
          'The thread as a file (JSON or PDF), as far as the caller may read it; the PDF carries the TLP label on every page',
        params: ZCommunicationParams,
        querystring: ZThreadExportQuery,
        produces: ['application/json', 'application/pdf'],
        response: { 200: Type.String({ description: 'The file' }) },
      },
    },
    async (request, reply) =>
      sendDownload(
        reply,
        await exportThread({ ...deps, pdf }, actorOf(request), request.params.id, {
          format: request.query.format,
          language: request.query.language ?? request.locale,
        }),
      ),
  );

  app.post(
    '/api/v1/communications/:id/replies',
    {
      config: { access: 'communications.send' },
      schema: {
        tags,
        summary: 'Reply in the thread (a response or an acknowledgement); never less strict than what it answers',
        params: ZCommunicationParams,
        body: ZReplyRequest,
        response: { 201: ZCommunication },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await replyToCommunication(deps, actorOf(request), request.params.id, request.body, request.id)),
  );

  app.post(
    '/api/v1/communications/:id/status',
    {
      config: { access: 'communications.send' },
      schema: {
        tags,
        summary: "Move the caller's State's status: acknowledge, start, answer, decline, not applicable",
        body: ZRecipientActionRequest,
        ...one,
      },
    },
    async (request) =>
      actOnCommunication(
        deps,
        actorOf(request),
        request.params.id,
        request.body.action,
        request.body.reason,
        request.id,
      ),
  );

  app.post(
    '/api/v1/communications/:id/close',
    {
      config: { access: 'communications.send' },
      schema: { tags, summary: 'The sending State closes the thread with an outcome', body: ZCloseRequest, ...one },
    },
    async (request) =>
      closeCommunicationThread(deps, actorOf(request), request.params.id, request.body.outcome, request.id),
  );

  app.post(
    '/api/v1/communications/:id/forward',
    {
      config: { access: 'communications.send' },
      schema: {
        tags,
        summary: 'Send to more States; refused unless the TLP label allows it (TLP:GREEN, TLP:CLEAR)',
        body: ZForwardRequest,
        ...one,
      },
    },
    async (request) =>
      forwardCommunication(deps, actorOf(request), request.params.id, request.body.recipients, request.id),
  );

  app.post(
    '/api/v1/communications/acknowledge',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Acknowledge receipt with the single-use link from a notice (token in the body, never in a URL)',
        body: ZAcknowledgeByLinkRequest,
        response: {
          200: Type.Object({ reference: Type.String(), tlp: ZTlp, stateM49: ZM49, status: ZRecipientStatus }),
        },
      },
    },
    async (request) => acknowledgeByLink(deps, request.body.token, request.id),
  );
}
