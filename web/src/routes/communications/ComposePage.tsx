import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import {
  OPENING_TYPES,
  TLP_LABELS,
  URGENCIES,
  type TlpLabel,
  type Urgency,
} from '../../../../common/communications.ts';
import { TEMPLATES, type TemplateFieldName } from '../../../../common/communication-templates.ts';
import type { SendRequest } from '../../../../common/schemas/communications.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { sendCommunication } from '../../api/communications.ts';
import { useStates } from '../../api/use-states.ts';
import { languageName } from '../../components/directory-labels.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { setFlash } from '../../components/flash.ts';
import { NumberField } from '../../components/NumberField.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { navigate } from '../../router.ts';
import { ErrorSummary } from '../nominations/ErrorSummary.tsx';
import { Fieldset, SelectField, TextField } from '../nominations/FormControls.tsx';
import { fieldIdOf } from '../nominations/nomination-errors.ts';
import { fieldKey, TEXT_LANGUAGES, TLP_HINTS, typeKey, urgencyKey } from './comm-labels.ts';
import { AttachmentPicker, uploadAll } from './Attachments.tsx';
import { RecipientRow, type RecipientDraft } from './RecipientRow.tsx';
import { TemplateFields } from './TemplateFields.tsx';
import { TlpBadge } from './Tlp.tsx';
import { communicationFieldErrors, toContent, type ContentDraft } from './template-model.ts';

type OpeningType = SendRequest['type'];

interface ComposeDraft {
  type: OpeningType;
  recipients: RecipientDraft[];
  tlp: TlpLabel;
  urgency: Urgency;
  requestedResponseHours: string;
  language: string;
  ownReference: string;
  content: ContentDraft;
}

let nextKey = 1;
const newRecipient = (): RecipientDraft => ({
  key: nextKey++,
  stateM49: '',
  mode: 'kind',
  kind: 'technical',
  entryIds: [],
});

function toRequest(draft: ComposeDraft): SendRequest {
  const hours = draft.requestedResponseHours.trim();
  return {
    type: draft.type,
    recipients: draft.recipients.map((r) =>
      r.mode === 'kind'
        ? { stateM49: r.stateM49, kind: r.kind }
        : { stateM49: r.stateM49, ...(r.entryIds.length > 0 ? { entryIds: r.entryIds } : {}) },
    ),
    tlp: draft.tlp,
    urgency: draft.urgency,
    ...(hours ? { requestedResponseHours: Number(hours) } : {}),
    ...(draft.ownReference.trim() ? { ownReference: draft.ownReference.trim() } : {}),
    language: draft.language,
    content: toContent(TEMPLATES[draft.type], draft.content),
  };
}

/** A new request or notification to one or more States, on the standard template of its type. */
export function ComposePage({ stateM49 }: { stateM49: string }) {
  const t = useT();
  const locale = useLocale();
  const { states, error: statesError } = useStates();
  const [draft, setDraft] = useState<ComposeDraft>(() => ({
    type: 'request_for_information',
    recipients: [newRecipient()],
    tlp: 'TLP:AMBER',
    urgency: 'normal',
    requestedResponseHours: '',
    language: locale,
    ownReference: '',
    content: {},
  }));
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const summary = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);

  const errors = useMemo(() => communicationFieldErrors(error, t), [error, t]);
  const choices = useMemo(
    () =>
      (states ?? [])
        .filter((state) => state.m49 !== stateM49)
        .map((state) => ({ state, name: state.names[locale] }))
        .sort((a, b) => a.name.localeCompare(b.name, locale)),
    [states, stateM49, locale],
  );
  const template = TEMPLATES[draft.type];

  function labelOf(name: string): string {
    const content = /^content\.(\w+)$/.exec(name)?.[1];
    if (content && (template.fields as readonly string[]).includes(content)) {
      return t(fieldKey(content as TemplateFieldName));
    }
    const recipient = /^recipients\.(\d+)/.exec(name)?.[1];
    if (recipient !== undefined) return t('communications.compose.recipientN', { n: Number(recipient) + 1 });
    const simple: Record<string, Parameters<typeof t>[0]> = {
      type: 'communications.compose.type',
      recipients: 'communications.compose.recipients',
      tlp: 'communications.compose.tlp',
      urgency: 'communications.compose.urgency',
      requestedResponseHours: 'communications.compose.responseHours',
      language: 'communications.compose.language',
      ownReference: 'communications.compose.ownReference',
    };
    const key = simple[name];
    return key ? t(key) : name;
  }

  function setRecipient(index: number, patch: Partial<RecipientDraft>) {
    setDraft((d) => ({ ...d, recipients: d.recipients.map((r, i) => (i === index ? { ...r, ...patch } : r)) }));
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    setBusy(true);
    let sent;
    try {
      sent = await sendCommunication(toRequest(draft));
    } catch (caught) {
      setError(toApiError(caught));
      setBusy(false);
      setAttempt((n) => n + 1);
      return;
    }
    // Sent: the files follow; one that fails does not undo the communication.
    const failures = await uploadAll(sent.id, files, t);
    setFlash(
      { kind: 'success', text: t('communications.compose.sent', { reference: sent.reference }) },
      ...failures.map((text) => ({ kind: 'error' as const, text })),
    );
    navigate(`/communications/${sent.id}`);
  }

  const summaryMessage = error
    ? error.code === 'NETWORK_ERROR'
      ? t('app.error.network')
      : error.message
    : t('nomination.errors.fix');

  return (
    <>
      <PageHeading>{t('communications.compose.title')}</PageHeading>
      <p className="lead">{t('communications.compose.lead')}</p>
      <ErrorAlert error={statesError} />
      <form className="form form-wide compose-form" onSubmit={(event) => void submit(event)} noValidate>
        {error && (
          <ErrorSummary
            ref={summary}
            errors={errors}
            message={summaryMessage}
            labelOf={labelOf}
            title={t('communications.compose.errorsTitle', { count: errors.size })}
          />
        )}
        <Fieldset legend={t('communications.compose.type')} name="type" errors={errors}>
          <div className="radios">
            {OPENING_TYPES.map((type) => (
              <div className="radio" key={type}>
                <input
                  id={`comm-type-${type}`}
                  type="radio"
                  name="type"
                  value={type}
                  checked={draft.type === type}
                  onChange={() => setDraft((d) => ({ ...d, type: type as OpeningType }))}
                />
                <label htmlFor={`comm-type-${type}`}>{t(typeKey(type))}</label>
              </div>
            ))}
          </div>
        </Fieldset>

        <Fieldset
          legend={t('communications.compose.recipients')}
          hint={t('communications.compose.recipientsHint')}
          name="recipients"
          errors={errors}
        >
          {draft.recipients.map((recipient, index) => (
            <RecipientRow
              key={recipient.key}
              index={index}
              draft={recipient}
              states={choices}
              errors={errors}
              canRemove={draft.recipients.length > 1}
              onChange={(patch) => setRecipient(index, patch)}
              onRemove={() => setDraft((d) => ({ ...d, recipients: d.recipients.filter((_, i) => i !== index) }))}
            />
          ))}
          <button
            type="button"
            className="button"
            onClick={() => setDraft((d) => ({ ...d, recipients: [...d.recipients, newRecipient()] }))}
          >
            {t('communications.compose.addRecipient')}
          </button>
        </Fieldset>

        <Fieldset legend={t('communications.compose.tlp')} name="tlp" errors={errors}>
          <div className="radios radios-tlp">
            {TLP_LABELS.map((label) => {
              const id = `comm-tlp-${label.replace(/\W+/g, '-').toLowerCase()}`;
              return (
                <div className="radio" key={label}>
                  <input
                    id={id}
                    type="radio"
                    name="tlp"
                    value={label}
                    checked={draft.tlp === label}
                    aria-describedby={`${id}-hint`}
                    onChange={() => setDraft((d) => ({ ...d, tlp: label }))}
                  />
                  <label htmlFor={id}>
                    <TlpBadge tlp={label} />
                  </label>
                  <p id={`${id}-hint`} className="field-hint">
                    {t(TLP_HINTS[label])}
                  </p>
                </div>
              );
            })}
          </div>
        </Fieldset>

        <div className="row-fields">
          <SelectField
            name="urgency"
            label={t('communications.compose.urgency')}
            value={draft.urgency}
            options={URGENCIES.map((u) => ({ value: u, label: t(urgencyKey(u)) }))}
            errors={errors}
            onChange={(urgency) => setDraft((d) => ({ ...d, urgency }))}
          />
          <NumberField
            id={fieldIdOf('requestedResponseHours')}
            label={t('communications.compose.responseHours')}
            hint={t('communications.compose.responseHoursHint')}
            error={errors.get('requestedResponseHours')}
            min={1}
            max={2160}
            value={draft.requestedResponseHours}
            onChange={(requestedResponseHours) => setDraft((d) => ({ ...d, requestedResponseHours }))}
          />
        </div>
        <div className="row-fields">
          <SelectField
            name="language"
            label={t('communications.compose.language')}
            hint={t('communications.compose.languageHint')}
            value={draft.language}
            options={TEXT_LANGUAGES.map((tag) => ({ value: tag, label: languageName(tag, locale) }))}
            errors={errors}
            onChange={(language) => setDraft((d) => ({ ...d, language }))}
          />
          <TextField
            name="ownReference"
            label={t('communications.compose.ownReference')}
            hint={t('communications.compose.ownReferenceHint')}
            maxLength={100}
            value={draft.ownReference}
            errors={errors}
            onChange={(ownReference) => setDraft((d) => ({ ...d, ownReference }))}
          />
        </div>

        <Fieldset legend={t('communications.compose.content')} hint={t('communications.compose.contentHint')}>
          <TemplateFields
            template={template}
            draft={draft.content}
            errors={errors}
            language={draft.language}
            onChange={(name, value) => setDraft((d) => ({ ...d, content: { ...d.content, [name]: value } }))}
          />
        </Fieldset>

        <AttachmentPicker files={files} onChange={setFiles} />

        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('communications.compose.sending') : t('communications.compose.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
