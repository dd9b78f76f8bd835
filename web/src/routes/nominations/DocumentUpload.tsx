import { useState, type FormEvent } from 'react';
import type { Nomination } from '../../../../common/schemas/directory.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { attachDocument } from '../../api/directory.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n/use-t.ts';

/** Attaches (or replaces) the note verbale PDF of an open nomination. */
export function DocumentUpload({
  nominationId,
  onUploaded,
}: {
  nominationId: string;
  onUploaded: (nomination: Nomination) => void;
}) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function upload(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      onUploaded(await attachDocument(nominationId, file));
      setFile(null);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={(event) => void upload(event)}>
      <div className="field">
        <label htmlFor="document-file">{t('nomination.document.choose')}</label>
        <input
          id="document-file"
          type="file"
          accept="application/pdf,.pdf"
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
      </div>
      <button type="submit" className="button button-small" disabled={busy || !file}>
        {t('nomination.document.upload')}
      </button>
      <ErrorAlert error={error} />
    </form>
  );
}
