import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ZAcceptancePreview,
  ZAcceptanceRequest,
  ZAcceptanceResult,
  ZImportResult,
  ZNomination,
  ZNominationList,
  ZNominationListQuery,
  ZNominationParams,
  ZNominationRequest,
  ZRejectRequest,
} from '../../../common/schemas/directory.ts';
import { ZM49 } from '../../../common/schemas/shared.ts';
import { actorOf } from '../../http/authenticate.ts';
import { sendDownload } from '../../http/download.ts';
import type { App } from '../../http/fastify-types.ts';
import { acceptNomination, previewAcceptance } from './acceptance.service.ts';
import { exampleNominationCsv } from './directory-import.ts';
import {
  attachNominationDocument,
  DOCUMENT_MAX_BYTES,
  readNominationDocument,
} from './nomination-documents.service.ts';
import { importNominations } from './nomination-import.service.ts';
import {
  approveNomination,
  getNomination,
  listNominations,
  rejectNomination,
  resendAcceptanceLink,
  submitNomination,
  withdrawNomination,
  type DirectoryDeps,
} from './nominations.service.ts';

const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export function nominationsRoutes(app: App, deps: DirectoryDeps): void {
  const tags = ['nominations'];
  const one = { params: ZNominationParams, response: { 200: ZNomination } };

  app.get(
    '/api/v1/nominations',
    {
      config: { access: 'nominations.read' },
      schema: {
        tags,
        summary: "Nominations: every State's for the directory manager, the caller's State's for a national authority",
        querystring: ZNominationListQuery,
        response: { 200: ZNominationList },
      },
    },
    async (request) => ({ items: await listNominations(deps, actorOf(request), request.query) }),
  );

  app.post(
    '/api/v1/nominations',
    {
      config: { access: 'nominations.submit' },
      schema: {
        tags,
        summary: 'Submit a nomination, update, replacement or removal for the caller’s State',
        body: ZNominationRequest,
        response: { 201: ZNomination },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await submitNomination(deps, actorOf(request), request.body, request.id)),
  );

  app.get(
    '/api/v1/nominations/import-template',
    {
      config: { access: 'nominations.submit' },
      schema: {
        tags,
        summary: 'An example CSV file for the import',
        produces: ['text/csv'],
        response: { 200: Type.String() },
      },
    },
    async (_request, reply) =>
      sendDownload(reply, {
        fileName: 'pocdir-nominations-template.csv',
        contentType: 'text/csv; charset=utf-8',
        body: exampleNominationCsv(),
      }),
  );

  // Two routes take non-JSON bodies; their parsers live in this scope only, so no other route accepts them.
  app.register(async (plain) => {
    const scoped = plain.withTypeProvider<TypeBoxTypeProvider>();
    scoped.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scoped.post(
      '/api/v1/nominations/import',
      {
        config: { access: 'nominations.submit' },
        schema: {
          tags,
          summary: 'Import nominations from CSV (text/csv body): all rows valid, or nothing applied',
          consumes: ['text/csv'],
          body: Type.String({ maxLength: IMPORT_MAX_BYTES }),
          querystring: Type.Object({ stateM49: Type.Optional(ZM49) }, { additionalProperties: false }),
          response: { 201: ZImportResult },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(await importNominations(deps, actorOf(request), request.body, request.query.stateM49, request.id)),
    );

    scoped.addContentTypeParser(
      'application/pdf',
      { parseAs: 'buffer', bodyLimit: DOCUMENT_MAX_BYTES },
      (_req, body, done) => done(null, body),
    );
    scoped.put(
      '/api/v1/nominations/:id/document',
      {
        config: { access: 'nominations.submit' },
        schema: {
          tags,
          summary: 'Attach the note verbale (application/pdf body; file name in X-File-Name, URI-encoded)',
          consumes: ['application/pdf'],
          params: ZNominationParams,
          response: { 200: ZNomination },
        },
      },
      async (request) => {
        const name = request.headers['x-file-name'];
        const body = request.body;
        return attachNominationDocument(
          deps,
          actorOf(request),
          request.params.id,
          Buffer.isBuffer(body) ? body : Buffer.alloc(0),
          typeof name === 'string' ? name : undefined,
          request.id,
        );
      },
    );
  });

  app.get(
    '/api/v1/nominations/:id',
    { config: { access: 'nominations.read' }, schema: { tags, summary: 'One nomination', ...one } },
    async (request) => getNomination(deps, actorOf(request), request.params.id),
  );

  app.get(
    '/api/v1/nominations/:id/document',
    {
      config: { access: 'nominations.read' },
      schema: {
        tags,
        summary: 'The note verbale PDF',
        params: ZNominationParams,
        produces: ['application/pdf'],
        response: { 200: Type.String() },
      },
    },
    async (request, reply) => {
      const document = await readNominationDocument(deps, actorOf(request), request.params.id);
      return sendDownload(reply, {
        fileName: document.fileName,
        contentType: 'application/pdf',
        body: document.content,
      });
    },
  );

  app.post(
    '/api/v1/nominations/:id/approve',
    { config: { access: 'nominations.verify' }, schema: { tags, summary: 'Verify and approve', ...one } },
    async (request) => approveNomination(deps, actorOf(request), request.params.id, request.id),
  );

  app.post(
    '/api/v1/nominations/:id/reject',
    {
      config: { access: 'nominations.verify' },
      schema: { tags, summary: 'Reject with a reason', body: ZRejectRequest, ...one },
    },
    async (request) => rejectNomination(deps, actorOf(request), request.params.id, request.body.reason, request.id),
  );

  app.post(
    '/api/v1/nominations/:id/withdraw',
    { config: { access: 'nominations.submit' }, schema: { tags, summary: 'Withdraw an open nomination', ...one } },
    async (request) => withdrawNomination(deps, actorOf(request), request.params.id, request.id),
  );

  app.post(
    '/api/v1/nominations/:id/resend',
    {
      config: { access: 'nominations.submit' },
      schema: { tags, summary: 'Send the nominee a new acceptance link (the old one stops working)', ...one },
    },
    async (request) => resendAcceptanceLink(deps, actorOf(request), request.params.id, request.id),
  );

  app.post(
    '/api/v1/acceptance/preview',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'What an acceptance link is for (the token from the e-mail, in the body, never in a URL)',
        body: ZAcceptanceRequest,
        response: { 200: ZAcceptancePreview },
      },
    },
    async (request) => previewAcceptance(deps.db, request.body.token),
  );

  app.post(
    '/api/v1/acceptance',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'The nominee accepts: the entry becomes active; the link is single-use',
        body: ZAcceptanceRequest,
        response: { 200: ZAcceptanceResult },
      },
    },
    async (request) => acceptNomination(deps.db, request.body.token, request.id),
  );
}
