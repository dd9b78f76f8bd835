import { useEffect, useSyncExternalStore } from 'react';
import type { RecipientAction, ThreadOutcome } from '../../../common/communications.ts';
import type {
  Addressee,
  Communication,
  InboxQuery,
  ReplyRequest,
  SendRequest,
  Thread,
} from '../../../common/schemas/communications.ts';
import { apiUrl, request } from './client.ts';

const id = (value: string) => encodeURIComponent(value);

export interface AcknowledgeResult {
  reference: string;
  tlp: Communication['tlp'];
  stateM49: string;
  status: string;
}

export const listCommunications = (query: InboxQuery) =>
  request<{ items: Communication[]; total: number }>('GET', '/communications', { query: { ...query } });
export const sendCommunication = (body: SendRequest) => request<Communication>('POST', '/communications', { body });
export const getThread = (communicationId: string) => request<Thread>('GET', `/communications/${id(communicationId)}`);
export const replyToCommunication = (communicationId: string, body: ReplyRequest) =>
  request<Communication>('POST', `/communications/${id(communicationId)}/replies`, { body });
export const actOnCommunication = (communicationId: string, action: RecipientAction, reason?: string) =>
  request<Communication>('POST', `/communications/${id(communicationId)}/status`, {
    body: reason ? { action, reason } : { action },
  });
export const closeThread = (communicationId: string, outcome: ThreadOutcome) =>
  request<Communication>('POST', `/communications/${id(communicationId)}/close`, { body: { outcome } });
export const forwardCommunication = (communicationId: string, recipients: Addressee[]) =>
  request<Communication>('POST', `/communications/${id(communicationId)}/forward`, { body: { recipients } });
export type Attachment = Communication['attachments'][number];

/** The file types the server accepts for an attachment, by the extension a browser may not type. */
export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  zip: 'application/zip',
  pcap: 'application/vnd.tcpdump.pcap',
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
};
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_ACCEPT = [
  ...Object.keys(ATTACHMENT_TYPES).map((ext) => `.${ext}`),
  ...new Set(Object.values(ATTACHMENT_TYPES)),
].join(',');

/** The type sent for a file: the browser's when the server accepts it, else the one of its extension. */
export function attachmentType(file: File): string {
  const known = new Set(Object.values(ATTACHMENT_TYPES));
  if (known.has(file.type)) return file.type;
  const ext = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  return ATTACHMENT_TYPES[ext] ?? (file.type || 'application/octet-stream');
}

/** Uploads one file to a message the caller's State sent: the raw content, its name URI-encoded. */
export const uploadAttachment = (communicationId: string, file: File) =>
  request<Attachment>('POST', `/communications/${id(communicationId)}/attachments`, {
    raw: {
      contentType: attachmentType(file),
      data: file,
      headers: { 'x-file-name': encodeURIComponent(file.name) },
    },
  });
export const acknowledgeByLink = (token: string) =>
  request<AcknowledgeResult>('POST', '/communications/acknowledge', { body: { token } });

/** One `inbox` event of the live stream: ids and counts, never content. */
export interface InboxEvent {
  unread: number;
  communicationId?: string;
  threadId?: string;
  change?: 'new' | 'reply' | 'status' | 'closed';
}

/*
 * The live inbox: one EventSource per tab, shared by the navigation's badge and the pages that
 * listen, opened with the first listener and closed with the last. The browser reconnects by
 * itself after a network error; if the server refused the stream (readyState CLOSED), it is
 * opened again after a pause.
 */
type Listener = (event: InboxEvent) => void;
const listeners = new Set<Listener>();
const countWatchers = new Set<() => void>();
let source: EventSource | null = null;
let retry: ReturnType<typeof setTimeout> | null = null;
let unread: number | null = null;
const RETRY_MS = 5_000;

function open(): void {
  if (source || typeof EventSource === 'undefined') return;
  const stream = new EventSource(apiUrl('/communications/events'));
  source = stream;
  stream.addEventListener('inbox', (message: MessageEvent<string>) => {
    let event: InboxEvent;
    try {
      event = JSON.parse(message.data) as InboxEvent;
    } catch {
      return;
    }
    if (typeof event.unread === 'number' && event.unread !== unread) {
      unread = event.unread;
      for (const watcher of countWatchers) watcher();
    }
    for (const listener of listeners) listener(event);
  });
  stream.addEventListener('error', () => {
    if (stream.readyState !== EventSource.CLOSED) return;
    source = null;
    if (listeners.size > 0 && !retry) {
      retry = setTimeout(() => {
        retry = null;
        if (listeners.size > 0) open();
      }, RETRY_MS);
    }
  });
}

function close(): void {
  source?.close();
  source = null;
  if (retry) clearTimeout(retry);
  retry = null;
  unread = null;
}

/** Listens to the live inbox while `enabled`; the stream stays open as long as anyone listens. */
export function subscribeInbox(listener: Listener): () => void {
  listeners.add(listener);
  open();
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) close();
  };
}

function watchCount(onChange: () => void): () => void {
  countWatchers.add(onChange);
  return () => countWatchers.delete(onChange);
}

const noop = () => undefined;

/** Calls `onEvent` for every live inbox event while mounted and `enabled`. */
export function useInboxEvents(enabled: boolean, onEvent: Listener): void {
  useEffect(() => (enabled ? subscribeInbox((event) => onEvent(event)) : undefined), [enabled, onEvent]);
}

/** The number of received communications nobody in the caller's State has opened yet (null before the first event). */
export function useUnreadCount(enabled: boolean): number | null {
  useInboxEvents(enabled, noop);
  return useSyncExternalStore(
    watchCount,
    () => (enabled ? unread : null),
    () => null,
  );
}
