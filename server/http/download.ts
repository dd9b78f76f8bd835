import type { FastifyReply } from 'fastify';

/**
 * Sends a generated file as a download. The file name is given twice (RFC 6266): an ASCII
 * fallback and the UTF-8 form, so names in any script survive.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { fileName: string; contentType: string; body: string | Buffer },
): FastifyReply {
  const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .header('content-type', file.contentType)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    )
    .header('cache-control', 'no-store')
    .send(file.body);
}
