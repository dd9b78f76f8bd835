import { AppError } from '../../errors.ts';
import { tlpRank, type TlpLabel } from '../../../common/communications.ts';
import type { Locale } from '../../../common/locales.ts';
import type { Thread } from '../../../common/schemas/communications.ts';
import type { Actor } from '../../auth/actor.ts';
import { findStates } from '../states/states.repository.ts';
import { getThread } from './communication-read.service.ts';
import type { CommunicationDeps } from './communications.service.ts';
import { threadPdfDocument, type PdfRenderer } from './thread-pdf.ts';

export const THREAD_EXPORT_FORMATS = ['json', 'pdf'] as const;
export type ThreadExportFormat = (typeof THREAD_EXPORT_FORMATS)[number];

export interface ThreadExportFile {
  fileName: string;
  contentType: string;
  body: string | Buffer;
}

/** The strictest label among the messages: the label of the document that holds them all. */
function strictestTlp(thread: Thread): TlpLabel {
  return thread.messages.map((m) => m.tlp).reduce<TlpLabel>((a, b) => (tlpRank(b) < tlpRank(a) ? b : a), 'TLP:CLEAR');
}

/** The machine-readable thread: the template instances as sent, with each recipient State's status. */
export function threadJson(thread: Thread, exportedAt: Date) {
  return {
    format: 'pocdir-communication-thread',
    version: 1,
    exportedAt: exportedAt.toISOString(),
    threadId: thread.threadId,
    closedAt: thread.closedAt,
    outcome: thread.outcome,
    tlp: strictestTlp(thread),
    messages: thread.messages.map((m) => ({
      id: m.id,
      parentId: m.parentId,
      reference: m.reference,
      type: m.type,
      templateVersion: m.templateVersion,
      tlp: m.tlp,
      urgency: m.urgency,
      senderStateM49: m.senderStateM49,
      sentAt: m.sentAt,
      language: m.language,
      content: m.content,
      contentSha256: m.contentSha256,
      recipients: m.recipients.map((r) => ({
        stateM49: r.stateM49,
        status: r.status,
        acknowledgeDueAt: r.acknowledgeDueAt,
        responseDueAt: r.responseDueAt,
        acknowledgedAt: r.acknowledgedAt,
        answeredAt: r.answeredAt,
      })),
    })),
  };
}

function referenceOf(thread: Thread): string {
  const first = thread.messages.find((m) => m.id === thread.threadId) ?? thread.messages[0];
  return first?.reference ?? thread.threadId;
}

/**
 * A thread as a file, for the parties who may read it: the same rule as reading it on screen
 * (getThread: the caller's State is a party, TLP:RED only for the people it names), so exporting
 * never shows more than the thread view does.
 */
export async function exportThread(
  deps: CommunicationDeps & { pdf: PdfRenderer },
  actor: Actor,
  id: string,
  request: { format: ThreadExportFormat; language: Locale },
  now = new Date(),
): Promise<ThreadExportFile> {
  const thread = await getThread(deps, actor, id, now);
  const reference = referenceOf(thread);
  if (request.format === 'json') {
    return {
      fileName: `${reference}.json`,
      contentType: 'application/json; charset=utf-8',
      body: `${JSON.stringify(threadJson(thread, now), null, 2)}\n`,
    };
  }
  const m49s = [...new Set(thread.messages.flatMap((m) => [m.senderStateM49, ...m.recipients.map((r) => r.stateM49)]))];
  const states = await findStates(deps.db, m49s);
  const stateNames = new Map(states.map((s) => [s.m49, s.names[request.language] ?? s.m49]));
  const document = threadPdfDocument({
    thread,
    tlp: strictestTlp(thread),
    locale: request.language,
    stateNames,
    exportedAt: now,
  });
  return {
    fileName: `${reference}-${request.language}.pdf`,
    contentType: 'application/pdf',
    body: await renderOrExplain(deps.pdf, document),
  };
}

/** A missing or failing Chromium is the server's problem, said in the catalogue's words (the JSON export still works). */
async function renderOrExplain(pdf: PdfRenderer, document: Parameters<PdfRenderer['render']>[0]): Promise<Buffer> {
  try {
    return await pdf.render(document);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('PDF_UNAVAILABLE', { internal: error instanceof Error ? error.message : String(error) });
  }
}
