import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { TLP_LABELS, tlpRank, type TlpLabel } from '../../../../common/communications.ts';
import { TEMPLATES, type TemplateFieldName } from '../../../../common/communication-templates.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { replyToCommunication } from '../../api/communications.ts';
import { languageName } from '../../components/directory-labels.ts';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { ErrorSummary } from '../nominations/ErrorSummary.tsx';
import { SelectField } from '../nominations/FormControls.tsx';
import { fieldKey, TEXT_LANGUAGES, TLP_HINTS } from './comm-labels.ts';
import { TemplateFields } from './TemplateFields.tsx';
import { communicationFieldErrors, toContent, type ContentDraft } from './template-model.ts';

interface ReplyFormProps {
  /** The message answered (the thread's first). */
  messageId: string;
  /** Its TLP label: a reply may be as strict or stricter, never less. */
  tlp: TlpLabel;
  /** Whether the reply also marks the caller's State's status "answered". */
  answers: boolean;
  onSent: () => void;
}

/** A response in the thread, on the template of a response. */
export function ReplyForm({ messageId, tlp: parentTlp, answers, onSent }: ReplyFormProps) {
  const t = useT();
  const locale = useLocale();
  const template = TEMPLATES.response;
  const [content, setContent] = useState<ContentDraft>({});
  const [tlp, setTlp] = useState<TlpLabel>(parentTlp);
  const [language, setLanguage] = useState<string>(locale);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  const errors = useMemo(() => communicationFieldErrors(error, t), [error, t]);

  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await replyToCommunication(messageId, {
        type: 'response',
        tlp,
        language,
        content: toContent(template, content),
        ...(answers ? {} : { answers: false }),
      });
      setContent({});
      onSent();
    } catch (caught) {
      setError(toApiError(caught));
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  function labelOf(name: string): string {
    const field = /^content\.(\w+)$/.exec(name)?.[1];
    if (field && (template.fields as readonly string[]).includes(field)) return t(fieldKey(field as TemplateFieldName));
    if (name === 'tlp') return t('communications.compose.tlp');
    if (name === 'language') return t('communications.compose.language');
    return name;
  }

  const allowed = TLP_LABELS.filter((label) => tlpRank(label) <= tlpRank(parentTlp));
  return (
    <section className="card reply-card" aria-labelledby="reply-title">
      <h2 id="reply-title">{t('communications.reply.title')}</h2>
      <form className="form form-wide" onSubmit={(event) => void submit(event)} noValidate>
        {error && (
          <ErrorSummary
            ref={summary}
            errors={errors}
            message={error.code === 'NETWORK_ERROR' ? t('app.error.network') : error.message}
            labelOf={labelOf}
            title={t('communications.compose.errorsTitle', { count: errors.size })}
          />
        )}
        <div className="row-fields">
          <SelectField
            name="tlp"
            label={t('communications.compose.tlp')}
            hint={t('communications.reply.tlpHint')}
            value={tlp}
            options={allowed.map((label) => ({ value: label, label: `${label} — ${t(TLP_HINTS[label])}` }))}
            errors={errors}
            onChange={setTlp}
          />
          <SelectField
            name="language"
            label={t('communications.compose.language')}
            value={language}
            options={TEXT_LANGUAGES.map((tag) => ({ value: tag, label: languageName(tag, locale) }))}
            errors={errors}
            onChange={setLanguage}
          />
        </div>
        <TemplateFields
          template={template}
          draft={content}
          errors={errors}
          language={language}
          onChange={(name, value) => setContent((c) => ({ ...c, [name]: value }))}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('communications.compose.sending') : t('communications.reply.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
