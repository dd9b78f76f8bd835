import { useIntl } from 'react-intl';
import type { ReactNode } from 'react';
import { TEMPLATE_FIELDS, TEMPLATES, type TemplateFieldName } from '../../../../common/communication-templates.ts';
import type { Communication } from '../../../../common/schemas/communications.ts';
import type { State } from '../../../../common/schemas/states.ts';
import { DateTimeUtc } from '../../components/DateTime.tsx';
import { kindKey, languageName } from '../../components/directory-labels.ts';
import { stateName } from '../../components/labels.ts';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { fieldKey, recipientStatusKey, typeKey, urgencyKey, valueKey } from './comm-labels.ts';
import { TlpBanner } from './Tlp.tsx';

/** The fields of a message in its template's order; fields of an older template version after them. */
function orderedFields(message: Communication): TemplateFieldName[] {
  const order = TEMPLATES[message.type].fields;
  const present = (Object.keys(message.content) as TemplateFieldName[]).filter((name) => name in TEMPLATE_FIELDS);
  return [...order.filter((name) => present.includes(name)), ...present.filter((name) => !order.includes(name))];
}

function FieldValue({
  name,
  value,
  language,
}: {
  name: TemplateFieldName;
  value: string | string[];
  language: string;
}) {
  const t = useT();
  const field = TEMPLATE_FIELDS[name];
  const items = Array.isArray(value) ? value : [value];
  switch (field.kind) {
    case 'enum':
    case 'enumList':
      // Structured: shown in the reader's language.
      return <>{items.map((item) => t(valueKey(name, item))).join(', ')}</>;
    case 'datetime': {
      const iso = items[0] ?? '';
      return Number.isNaN(Date.parse(iso)) ? <bdi dir="ltr">{iso}</bdi> : <DateTimeUtc iso={iso} />;
    }
    case 'stringList':
      return (
        <ul className="plain-list indicator-list">
          {items.map((item, index) => (
            <li key={index}>
              <bdi dir="ltr">
                <code>{item}</code>
              </bdi>
            </li>
          ))}
        </ul>
      );
    case 'text':
    case 'longtext':
      // Free text stays as written, in its own language and direction.
      return (
        <div className="free-text preserve-lines" dir="auto" lang={language}>
          {items.join('\n')}
        </div>
      );
  }
}

/** Per recipient State: its status, its deadlines in the reader's zone and UTC. */
export function RecipientTable({ message, states }: { message: Communication; states: readonly State[] | null }) {
  const t = useT();
  const locale = useLocale();
  if (message.recipients.length === 0) return null;
  const captionId = `recipients-${message.id}`;
  return (
    <div className="table-wrap recipients-table">
      <table aria-labelledby={captionId}>
        <caption id={captionId}>{t('communications.recipients.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('communications.recipients.state')}</th>
            <th scope="col">{t('communications.recipients.status')}</th>
            <th scope="col">{t('communications.recipients.acknowledgeBy')}</th>
            <th scope="col">{t('communications.recipients.responseBy')}</th>
          </tr>
        </thead>
        <tbody>
          {message.recipients.map((r) => (
            <tr key={r.stateM49}>
              <th scope="row">
                {stateName(states, r.stateM49, locale)}
                {r.addressedKind && (
                  <span className="subline">{t(kindKey(r.addressedKind as Parameters<typeof kindKey>[0]))}</span>
                )}
              </th>
              <td>
                <span className={`status status-${r.status}`}>{t(recipientStatusKey(r.status))}</span>
                {r.overdue && <span className="badge badge-overdue">{t('communications.overdue')}</span>}
                {r.statusReason && (
                  <span className="subline">
                    {t('communications.recipients.reason')}: <bdi dir="auto">{r.statusReason}</bdi>
                  </span>
                )}
              </td>
              <td>
                <DateTimeUtc iso={r.acknowledgeDueAt} />
                {r.acknowledgedAt && (
                  <>
                    <span className="subline">{t('communications.recipients.acknowledgedAt')}</span>
                    <DateTimeUtc iso={r.acknowledgedAt} />
                  </>
                )}
              </td>
              <td>
                {r.responseDueAt ? <DateTimeUtc iso={r.responseDueAt} /> : '—'}
                {r.answeredAt && (
                  <>
                    <span className="subline">{t('communications.recipients.answeredAt')}</span>
                    <DateTimeUtc iso={r.answeredAt} />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Attached files: name, size and SHA-256, so a recipient can check what they downloaded. */
function AttachmentList({ message }: { message: Communication }) {
  const t = useT();
  const intl = useIntl();
  if (message.attachments.length === 0) return null;
  return (
    <section className="attachments" aria-labelledby={`attachments-${message.id}`}>
      <h3 id={`attachments-${message.id}`}>{t('communications.attachments.title')}</h3>
      <ul className="plain-list">
        {message.attachments.map((file) => (
          <li key={file.id}>
            <a href={`/api/v1/communications/${message.id}/attachments/${file.id}`} download>
              <bdi dir="auto">{file.fileName}</bdi>
            </a>{' '}
            <span className="muted">({intl.formatNumber(file.sizeBytes / 1024, { maximumFractionDigits: 1 })} KB)</span>
            <span className="subline">
              {t('communications.attachments.sha256')} <code dir="ltr">{file.sha256}</code>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface MessageCardProps {
  message: Communication;
  states: readonly State[] | null;
  children?: ReactNode;
}

/** One message of a thread: its TLP label, its facts, its template fields and its recipients. */
export function MessageCard({ message, states, children }: MessageCardProps) {
  const t = useT();
  const locale = useLocale();
  const headingId = `message-${message.id}`;
  const fields = orderedFields(message);
  const hasFreeText = fields.some((name) => {
    const kind = TEMPLATE_FIELDS[name].kind;
    return kind === 'text' || kind === 'longtext';
  });
  return (
    <article className="card message-card" aria-labelledby={headingId} id={`m-${message.id}`}>
      <TlpBanner tlp={message.tlp} />
      <h2 id={headingId}>
        {t(typeKey(message.type))} · <bdi dir="ltr">{message.reference}</bdi>
      </h2>
      <dl className="facts message-facts">
        <div className="fact">
          <dt>{t('communications.message.from')}</dt>
          <dd>
            {stateName(states, message.senderStateM49, locale)} · <bdi dir="auto">{message.senderLabel}</bdi>
          </dd>
        </div>
        <div className="fact">
          <dt>{t('communications.message.sentAt')}</dt>
          <dd>
            <DateTimeUtc iso={message.sentAt} />
          </dd>
        </div>
        <div className="fact">
          <dt>{t('communications.message.urgency')}</dt>
          <dd>
            {t(urgencyKey(message.urgency))}
            {message.requestedResponseHours !== null &&
              ` · ${t('communications.message.responseHours', { hours: message.requestedResponseHours })}`}
          </dd>
        </div>
        {message.ownReference && (
          <div className="fact">
            <dt>{t('communications.message.ownReference')}</dt>
            <dd>
              <bdi dir="auto">{message.ownReference}</bdi>
            </dd>
          </div>
        )}
      </dl>
      {hasFreeText && (
        <p className="note free-text-note">
          {t('communication.freeTextLanguage', { language: languageName(message.language, locale) })}
        </p>
      )}
      <dl className="facts template-fields">
        {fields.map((name) => {
          const value = message.content[name];
          if (value === undefined) return null;
          return (
            <div className="fact" key={name}>
              <dt>{t(fieldKey(name))}</dt>
              <dd>
                <FieldValue name={name} value={value} language={message.language} />
              </dd>
            </div>
          );
        })}
      </dl>
      <AttachmentList message={message} />
      <RecipientTable message={message} states={states} />
      {children}
    </article>
  );
}
