import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ZAttachment, ZCommunicationParams } from '../../../common/schemas/communications.ts';
import { ZUuid } from '../../../common/schemas/shared.ts';
import { actorOf } from '../../http/authenticate.ts';
import { sendDownload } from '../../http/download.ts';
import type { App } from '../../http/fastify-types.ts';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, attachFile, readAttachment } from './attachments.service.ts';
import type { CommunicationDeps } from './communications.service.ts';

export function attachmentsRoutes(app: App, deps: CommunicationDeps): void {
  const tags = ['communications'];

  // The upload takes the file itself as the body; its parser lives in this scope only.
  app.register(async (plain) => {
    const scoped = plain.withTypeProvider<TypeBoxTypeProvider>();
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: ATTACHMENT_MAX_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scoped.post(
      '/api/v1/communications/:id/attachments',
      {
        config: { access: 'communications.send' },
        schema: {
          tags,
          summary: `Attach a file to the caller's State's message (the file is the body; name in X-File-Name, URI-encoded). Types: ${Object.keys(ATTACHMENT_TYPES).join(', ')}; at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MiB`,
          consumes: Object.keys(ATTACHMENT_TYPES),
          params: ZCommunicationParams,
          response: { 201: ZAttachment },
        },
      },
      async (request, reply) => {
        const name = request.headers['x-file-name'];
        const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
        const attachment = await attachFile(
          deps,
          actorOf(request),
          request.params.id,
          {
            content: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
            contentType,
            fileName: typeof name === 'string' ? name : undefined,
          },
          request.id,
        );
        return reply.status(201).send(attachment);
      },
    );
  });

  app.get(
    '/api/v1/communications/:id/attachments/:attachmentId',
    {
      config: { access: 'communications.read' },
      schema: {
        tags,
        summary: 'Download an attachment (parties who may read the message only)',
        params: Type.Object({ id: ZUuid, attachmentId: ZUuid }),
      },
    },
    async (request, reply) => {
      const file = await readAttachment(deps, actorOf(request), request.params.id, request.params.attachmentId);
      reply.header('x-content-sha256', file.sha256);
      return sendDownload(reply, { fileName: file.fileName, contentType: file.contentType, body: file.content });
    },
  );
}
