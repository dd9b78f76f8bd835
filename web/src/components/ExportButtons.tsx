import { useState } from 'react';
import { EXPORT_FORMATS, type ExportFormat } from '../../../common/directory.ts';
import { toApiError, type ApiError } from '../api/client.ts';
import { downloadExport } from '../api/directory.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

const FORMAT_LABELS: Record<ExportFormat, MessageKey> = {
  vcard: 'directory.export.vcard',
  csv: 'directory.export.csv',
  json: 'directory.export.json',
};

/** Downloads the directory (one State, or all the caller may see) as vCard, CSV or JSON. */
export function ExportButtons({ stateM49, stateLabel }: { stateM49: string | undefined; stateLabel: string }) {
  const t = useT();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function run(format: ExportFormat) {
    setBusy(format);
    setError(null);
    try {
      await downloadExport(format, stateM49);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="export" role="group" aria-labelledby="export-label">
      <p id="export-label" className="export-label">
        {stateM49 ? t('directory.export.state', { state: stateLabel }) : t('directory.export.all')}
      </p>
      <div className="form-actions">
        {EXPORT_FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            className="button button-small"
            disabled={busy !== null}
            onClick={() => void run(format)}
          >
            {busy === format ? t('directory.export.preparing') : t(FORMAT_LABELS[format])}
          </button>
        ))}
      </div>
      <ErrorAlert error={error} />
    </div>
  );
}
