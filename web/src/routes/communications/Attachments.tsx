import { useId, useRef, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { toApiError, type ApiError } from '../../api/client.ts';
import { ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, uploadAttachment } from '../../api/communications.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/use-t.ts';

type T = ReturnType<typeof useT>;

/** Why a file was refused, in the UI language: the server's reason when it gave one. */
export function attachmentFailure(error: ApiError, fileName: string, t: T): string {
  let reason: string;
  if (error.code === 'PAYLOAD_TOO_LARGE') reason = t('communications.attach.reasonSize');
  else if (error.code === 'UNSUPPORTED_MEDIA_TYPE') {
    const detail = error.details[0]?.reason;
    reason =
      detail === 'signature'
        ? t('communications.attach.reasonSignature')
        : detail === 'not_text'
          ? t('communications.attach.reasonNotText')
          : t('communications.attach.reasonType');
  } else reason = error.code === 'NETWORK_ERROR' ? t('app.error.network') : error.message;
  return t('communications.attach.failed', { name: fileName, reason });
}

/**
 * Uploads files one after the other to a message; resolves to the messages of the files that
 * failed (a file over the limit is not sent at all).
 */
export async function uploadAll(communicationId: string, files: readonly File[], t: T): Promise<string[]> {
  const failures: string[] = [];
  for (const file of files) {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      failures.push(
        t('communications.attach.failed', { name: file.name, reason: t('communications.attach.reasonSize') }),
      );
      continue;
    }
    try {
      await uploadAttachment(communicationId, file);
    } catch (caught) {
      failures.push(attachmentFailure(toApiError(caught), file.name, t));
    }
  }
  return failures;
}

function FileSize({ bytes }: { bytes: number }) {
  const t = useT();
  const intl = useIntl();
  return (
    <>{t('communications.attach.sizeKb', { size: intl.formatNumber(bytes / 1024, { maximumFractionDigits: 1 }) })}</>
  );
}

/** The compose form's optional file choice: the chosen files with their sizes. */
export function AttachmentPicker({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const t = useT();
  const id = 'comm-attachments';
  return (
    <div className="field">
      <label htmlFor={id}>{t('communications.attach.label')}</label>
      <p id={`${id}-hint`} className="field-hint">
        {t('communications.attach.hint')}
      </p>
      <input
        id={id}
        type="file"
        multiple
        accept={ATTACHMENT_ACCEPT}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(Array.from(event.target.files ?? []))}
      />
      {files.length > 0 && (
        <ul className="plain-list attachment-choices" aria-label={t('communications.attach.chosen')}>
          {files.map((file, index) => (
            <li key={`${file.name}-${index}`}>
              <bdi dir="auto">{file.name}</bdi>{' '}
              <span className="muted">
                (<FileSize bytes={file.size} />)
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** On a message the caller's State sent, in an open thread: one more file. */
export function AttachFile({ messageId, onDone }: { messageId: string; onDone: (message: string) => void }) {
  const t = useT();
  const id = `attach-${useId().replace(/:/g, '')}`;
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [failure, setFailure] = useState('');

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setFailure('');
    if (file.size > ATTACHMENT_MAX_BYTES) {
      setFailure(t('communications.attach.failed', { name: file.name, reason: t('communications.attach.reasonSize') }));
      setBusy(false);
      return;
    }
    try {
      await uploadAttachment(messageId, file);
      setFile(null);
      if (input.current) input.current.value = '';
      onDone(t('communications.attach.done', { name: file.name }));
    } catch (caught) {
      const apiError = toApiError(caught);
      if (apiError.code === 'UNSUPPORTED_MEDIA_TYPE' || apiError.code === 'PAYLOAD_TOO_LARGE') {
        setFailure(attachmentFailure(apiError, file.name, t));
      } else setError(apiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form attach-form" onSubmit={(event) => void submit(event)}>
      <ErrorAlert error={error} />
      <div role="alert" className="live-region">
        {failure && <p className="alert alert-error">{failure}</p>}
      </div>
      <div className="field field-grow">
        <label htmlFor={id}>{t('communications.attach.action')}</label>
        <input
          ref={input}
          id={id}
          type="file"
          accept={ATTACHMENT_ACCEPT}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        {file && (
          <p className="muted">
            <bdi dir="auto">{file.name}</bdi> (<FileSize bytes={file.size} />)
          </p>
        )}
      </div>
      <button type="submit" className="button" disabled={busy || !file}>
        {busy ? t('communications.attach.uploading') : t('communications.attach.action')}
      </button>
    </form>
  );
}
