import { useState } from 'react';
import { LOCALE_NATIVE_NAMES, LOCALES, isLocale, type Locale } from '../../../../common/locales.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { downloadPingReport } from '../../api/ping-tests.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';

/** The results as a file: CSV for a spreadsheet, or the PDF report in any of the six languages. */
export function PingExport({ campaignId }: { campaignId: string }) {
  const t = useT();
  const [language, setLanguage] = useState<Locale>(useLocale());
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function run(format: 'csv' | 'pdf') {
    setBusy(format);
    setError(null);
    try {
      await downloadPingReport(campaignId, format, language);
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="export ping-export" role="group" aria-labelledby="ping-export-label">
      <p id="ping-export-label" className="export-label">
        {t('ping.ui.export.label')}
      </p>
      <div className="ping-export-row">
        <div className="field">
          <label htmlFor="ping-export-language">{t('ping.ui.export.language')}</label>
          <select
            id="ping-export-language"
            value={language}
            onChange={(event) => isLocale(event.target.value) && setLanguage(event.target.value)}
          >
            {LOCALES.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {LOCALE_NATIVE_NAMES[locale]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button
            type="button"
            className="button button-small"
            disabled={busy !== null}
            onClick={() => void run('pdf')}
          >
            {busy === 'pdf' ? t('directory.export.preparing') : t('ping.ui.export.pdf')}
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={busy !== null}
            onClick={() => void run('csv')}
          >
            {busy === 'csv' ? t('directory.export.preparing') : t('ping.ui.export.csv')}
          </button>
        </div>
      </div>
      <ErrorAlert error={error} />
    </div>
  );
}
