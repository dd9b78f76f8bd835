import { useRef, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import type { FieldError } from '../../../../common/errors.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import type { ImportResult } from '../../api/directory-types.ts';
import { downloadImportTemplate, importNominations } from '../../api/directory.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { isKnownReason, reasonKey } from '../../components/field-reason.ts';
import { useT } from '../../i18n/use-t.ts';

export interface RowProblem {
  row: number;
  column: string;
  reason: string;
}

/** "/rows/3/emails" → row 3, column "emails"; anything else is a problem of the whole file (row 0). */
export function rowProblemsOf(details: readonly FieldError[]): RowProblem[] {
  return details
    .map((detail) => {
      const match = /^\/rows\/(\d+)\/(.+)$/.exec(detail.field);
      return match?.[1] && match[2]
        ? { row: Number(match[1]), column: match[2], reason: detail.reason }
        : { row: 0, column: detail.field.replace(/^\//, ''), reason: detail.reason };
    })
    .sort((a, b) => a.row - b.row);
}

/** A national authority's bulk nominations: the file is checked whole, and either every row is stored or none. */
export function CsvImport({ onImported }: { onImported: () => void }) {
  const t = useT();
  const intl = useIntl();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await importNominations(await file.text()));
      setFile(null);
      if (input.current) input.current.value = '';
      onImported();
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  async function template() {
    try {
      await downloadImportTemplate();
    } catch (caught) {
      setError(toApiError(caught));
    }
  }

  const problems = error?.code === 'IMPORT_INVALID' ? rowProblemsOf(error.details) : [];
  const reasonText = (reason: string) => {
    if (isKnownReason(reason)) return t(reasonKey(reason));
    // Rule violations arrive as the error code in lower case ("pgp_key_invalid"): say what the code says.
    const codeKey = `error.${reason.toUpperCase()}`;
    if (codeKey in intl.messages) return intl.formatMessage({ id: codeKey });
    return t('form.reason.invalid');
  };

  return (
    <section className="section card" aria-labelledby="import-heading">
      <h2 id="import-heading">{t('import.title')}</h2>
      <p>{t('import.intro')}</p>
      <p>
        <button type="button" className="button-link" onClick={() => void template()}>
          {t('import.template')}
        </button>
      </p>
      <form className="inline-form" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor="import-file">{t('import.file')}</label>
          <input
            ref={input}
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => setFile(event.target.files?.[0] ?? null)}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={busy || !file}>
          {busy ? t('import.running') : t('import.submit')}
        </button>
      </form>
      <div role="status" className="live-region">
        {result && <p className="alert alert-success">{t('import.done', { count: result.created })}</p>}
      </div>
      <ErrorAlert error={error} />
      {problems.length > 0 && (
        <div className="table-wrap" role="region" aria-labelledby="import-problems" tabIndex={0}>
          <table>
            <caption id="import-problems">{t('import.problems', { count: problems.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('import.column.row')}</th>
                <th scope="col">{t('import.column.column')}</th>
                <th scope="col">{t('import.column.problem')}</th>
              </tr>
            </thead>
            <tbody>
              {problems.map((problem, index) => (
                <tr key={index}>
                  <th scope="row" className="cell-number">
                    {problem.row === 0 ? t('import.wholeFile') : problem.row}
                  </th>
                  <td>
                    <code translate="no">{problem.column}</code>
                  </td>
                  <td>{reasonText(problem.reason)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
