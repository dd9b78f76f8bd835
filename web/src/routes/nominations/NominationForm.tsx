import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { NOMINATION_TYPES, type NominationType } from '../../../../common/directory.ts';
import type { DirectoryEntry, Nomination } from '../../../../common/schemas/directory.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { attachDocument, submitNomination } from '../../api/directory.ts';
import { kindKey, nominationTypeKey, slotKey } from '../../components/directory-labels.ts';
import { FormField } from '../../components/FormField.tsx';
import type { MessageKey } from '../../i18n/messages.ts';
import { useT } from '../../i18n/use-t.ts';
import { HoursFieldset, PersonFieldset, ReachFieldset } from './DetailsFieldsets.tsx';
import { ErrorSummary } from './ErrorSummary.tsx';
import { Fieldset, TextAreaField, TextField } from './FormControls.tsx';
import { fieldIdOf, nominationFieldErrors } from './nomination-errors.ts';
import {
  detailsFromEntry,
  emptyDetails,
  replacementFor,
  toRequest,
  type DetailsDraft,
  type NominationDraft,
} from './nomination-form-model.ts';

const TYPE_HINTS: Record<NominationType, MessageKey> = {
  new: 'nomination.typeHint.new',
  update: 'nomination.typeHint.update',
  replacement: 'nomination.typeHint.replacement',
  removal: 'nomination.typeHint.removal',
};

interface NominationFormProps {
  initial: NominationDraft;
  /** The State's active entries, for updates, replacements and removals. */
  targets: readonly DirectoryEntry[];
  language: string;
  timeZone: string;
  onSubmitted: (nomination: Nomination, documentError: ApiError | null) => void;
}

function isPdf(file: File): boolean {
  return file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf');
}

/** Details to start from when the type or the entry concerned changes. */
function detailsFor(type: NominationType, target: DirectoryEntry | undefined, language: string, timeZone: string) {
  if (target && type === 'update') return detailsFromEntry(target);
  if (target && type === 'replacement') return replacementFor(target, language);
  return emptyDetails(language, timeZone);
}

/** A nomination, update, replacement or removal, with the note verbale that carries it. */
export function NominationForm({ initial, targets, language, timeZone, onSubmitted }: NominationFormProps) {
  const t = useT();
  const [draft, setDraft] = useState<NominationDraft>(initial);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const summary = useRef<HTMLDivElement>(null);
  const [attempt, setAttempt] = useState(0);

  const errors = useMemo(() => {
    const map = nominationFieldErrors(error, t);
    if (fileError) map.set('document', fileError);
    return map;
  }, [error, fileError, t]);

  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);

  const setDetails = (patch: Partial<DetailsDraft>) => setDraft((d) => ({ ...d, details: { ...d.details, ...patch } }));
  const target = targets.find((entry) => entry.id === draft.targetEntryId);

  function changeType(type: NominationType) {
    setDraft((d) => ({ ...d, type, details: detailsFor(type, target, language, timeZone) }));
  }

  function changeTarget(id: string) {
    const chosen = targets.find((entry) => entry.id === id);
    setDraft((d) => ({ ...d, targetEntryId: id, details: detailsFor(d.type, chosen, language, timeZone) }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    if (file && !isPdf(file)) {
      setFileError(t('form.reason.notPdf'));
      setAttempt((n) => n + 1);
      return;
    }
    setFileError(null);
    setBusy(true);
    try {
      const nomination = await submitNomination(toRequest(draft));
      let documentError: ApiError | null = null;
      if (file) {
        try {
          await attachDocument(nomination.id, file);
        } catch (caught) {
          documentError = toApiError(caught);
        }
      }
      onSubmitted(nomination, documentError);
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
      setAttempt((n) => n + 1);
    }
  }

  const today = new Date().toISOString().slice(0, 10);
  const summaryMessage = error
    ? error.code === 'NETWORK_ERROR'
      ? t('app.error.network')
      : error.message
    : t('nomination.errors.fix');

  return (
    <form className="form form-wide" onSubmit={(event) => void submit(event)} noValidate>
      {(error || fileError) && <ErrorSummary ref={summary} errors={errors} message={summaryMessage} />}
      <Fieldset legend={t('nomination.field.type')} name="type" errors={errors}>
        <div className="radios">
          {NOMINATION_TYPES.map((type) => (
            <div className="radio" key={type}>
              <input
                id={`nom-type-${type}`}
                type="radio"
                name="type"
                value={type}
                checked={draft.type === type}
                disabled={type !== 'new' && targets.length === 0}
                aria-describedby={`nom-type-${type}-hint`}
                onChange={() => changeType(type)}
              />
              <label htmlFor={`nom-type-${type}`}>{t(nominationTypeKey(type))}</label>
              <p id={`nom-type-${type}-hint`} className="field-hint">
                {t(TYPE_HINTS[type])}
              </p>
            </div>
          ))}
        </div>
      </Fieldset>
      {draft.type !== 'new' && (
        <FormField
          id={fieldIdOf('targetEntryId')}
          label={t('nomination.field.target')}
          error={errors.get('targetEntryId')}
        >
          {(control) => (
            <select {...control} value={draft.targetEntryId} onChange={(event) => changeTarget(event.target.value)}>
              <option value="">{t('nomination.field.targetChoose')}</option>
              {targets.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {`${entry.nameNative} (${entry.nameLatin}) — ${t(kindKey(entry.kind))}, ${t(slotKey(entry.slotRole))}`}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      {draft.type !== 'removal' && (draft.type === 'new' || target) && (
        <>
          <PersonFieldset
            details={draft.details}
            errors={errors}
            onChange={setDetails}
            slotFixed={draft.type !== 'new'}
          />
          <ReachFieldset details={draft.details} errors={errors} onChange={setDetails} />
          <HoursFieldset details={draft.details} errors={errors} onChange={setDetails} />
        </>
      )}
      <Fieldset legend={t('nomination.section.noteVerbale')} hint={t('nomination.hint.noteVerbale')}>
        <div className="row-fields">
          <TextField
            name="noteVerbaleRef"
            label={t('field.noteVerbaleRef')}
            required
            maxLength={100}
            value={draft.noteVerbaleRef}
            errors={errors}
            onChange={(noteVerbaleRef) => setDraft((d) => ({ ...d, noteVerbaleRef }))}
          />
          <FormField
            id={fieldIdOf('noteVerbaleDate')}
            label={t('field.noteVerbaleDate')}
            error={errors.get('noteVerbaleDate')}
          >
            {(control) => (
              <input
                {...control}
                type="date"
                required
                aria-required
                max={today}
                value={draft.noteVerbaleDate}
                onChange={(event) => setDraft((d) => ({ ...d, noteVerbaleDate: event.target.value }))}
              />
            )}
          </FormField>
        </div>
        <FormField
          id={fieldIdOf('document')}
          label={t('field.document')}
          hint={t('nomination.hint.document')}
          error={errors.get('document')}
        >
          {(control) => (
            <input
              {...control}
              type="file"
              accept="application/pdf,.pdf"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          )}
        </FormField>
      </Fieldset>
      <TextAreaField
        name="reason"
        label={t(draft.type === 'removal' ? 'field.reason' : 'nomination.field.remarks')}
        maxLength={1000}
        required={draft.type === 'removal'}
        value={draft.reason}
        errors={errors}
        onChange={(reason) => setDraft((d) => ({ ...d, reason }))}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('nomination.submitting') : t('nomination.submit')}
        </button>
      </div>
    </form>
  );
}
