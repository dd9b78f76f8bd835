import { AppError } from '../../errors.ts';
import type { Db } from '../../db/client.ts';
import type { MessageContext } from './communication-access.ts';
import * as repo from './communications.repository.ts';

export const HOUR_MS = 60 * 60 * 1000;

/** Every message of a thread with its recipients and addressees, in order. */
export async function loadThread(db: Db, threadId: string): Promise<MessageContext[]> {
  const messages = await repo.listThreadMessages(db, threadId);
  const ids = messages.map((m) => m.id);
  const [recipients, addressees, attachments] = await Promise.all([
    repo.recipientsOf(db, ids),
    repo.addresseesOf(db, ids),
    repo.attachmentsOf(db, ids),
  ]);
  const originator = messages.find((m) => m.id === threadId)?.senderAccountId ?? null;
  return messages.map((message) => ({
    message,
    recipients: recipients.get(message.id) ?? [],
    addressees: addressees.get(message.id) ?? [],
    originatorAccountId: originator,
    attachments: attachments.get(message.id) ?? [],
  }));
}

/** One message's context, or NOT_FOUND; the caller still checks mayRead. */
export async function loadMessage(
  db: Db,
  id: string,
): Promise<{ context: MessageContext; root: repo.CommunicationRow; rootContext: MessageContext }> {
  const message = await repo.unsafeFindCommunication(db, id);
  if (!message) throw new AppError('NOT_FOUND');
  const thread = await loadThread(db, message.threadId);
  const context = thread.find((c) => c.message.id === id);
  const rootContext = thread.find((c) => c.message.id === message.threadId);
  if (!context || !rootContext) throw new AppError('NOT_FOUND');
  return { context, root: rootContext.message, rootContext };
}
