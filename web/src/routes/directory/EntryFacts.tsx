import type { ReactNode } from 'react';
import type { DirectoryEntry } from '../../../../common/schemas/directory.ts';
import { DateOnly, DateTimeUtc } from '../../components/DateTime.tsx';
import {
  formatFingerprint,
  keyStatusKey,
  kindKey,
  languageName,
  visibilityKey,
} from '../../components/directory-labels.ts';
import { Email } from '../../components/Email.tsx';
import { Badge247, EntryStatusBadge, SlotBadge } from '../../components/EntryBadges.tsx';
import { fieldKey } from '../../components/entry-fields.ts';
import { useLocale, useT } from '../../i18n/use-t.ts';

/** The current time where the contact works, so a caller sees at a glance whether it is night there. */
function localTimeIn(timeZone: string, locale: string): string | null {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(
      new Date(),
    );
  } catch {
    return null;
  }
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const none = '—';

/** Every field of an entry, grouped as people look for them: reach, role, hours, key, freshness. */
export function EntryFacts({ entry, stateLabel }: { entry: DirectoryEntry; stateLabel: string }) {
  const t = useT();
  const locale = useLocale();
  const localTime = localTimeIn(entry.timeZone, locale);
  return (
    <div className="facts-grid">
      <section className="card" aria-labelledby="facts-contact">
        <h2 id="facts-contact">{t('entry.section.contact')}</h2>
        <dl className="facts">
          <Fact label={t(fieldKey('emails'))}>
            <ul className="plain-list">
              {entry.emails.map((email) => (
                <li key={email}>
                  <a href={`mailto:${email}`}>
                    <Email address={email} />
                  </a>
                </li>
              ))}
            </ul>
          </Fact>
          <Fact label={t(fieldKey('phones'))}>
            {entry.phones.length === 0 ? (
              none
            ) : (
              <ul className="plain-list">
                {entry.phones.map((phone, index) => (
                  <li key={index}>
                    <a href={`tel:${phone.number.replace(/[^+0-9]/g, '')}`} dir="ltr" className="phone">
                      {phone.number}
                    </a>{' '}
                    {phone.label && <bdi dir="auto">{phone.label}</bdi>} {phone.available247 && <Badge247 />}
                    {phone.visibility === 'restricted' && (
                      <span className="badge badge-restricted">{t(visibilityKey('restricted'))}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Fact>
          <Fact label={t(fieldKey('secureChannels'))}>
            {entry.secureChannels.length === 0 ? (
              none
            ) : (
              <ul className="plain-list">
                {entry.secureChannels.map((channel, index) => (
                  <li key={index}>
                    <bdi dir="auto">{channel.channel}</bdi>: <bdi className="cell-break">{channel.address}</bdi>{' '}
                    {channel.visibility === 'restricted' && (
                      <span className="badge badge-restricted">{t(visibilityKey('restricted'))}</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </Fact>
        </dl>
      </section>
      <section className="card" aria-labelledby="facts-role">
        <h2 id="facts-role">{t('entry.section.role')}</h2>
        <dl className="facts">
          <Fact label={t('entry.state')}>{stateLabel}</Fact>
          <Fact label={t(fieldKey('kind'))}>
            {t(kindKey(entry.kind))} <SlotBadge slotRole={entry.slotRole} />
          </Fact>
          <Fact label={t(fieldKey('function'))}>
            <bdi dir="auto">{entry.function}</bdi>
          </Fact>
          <Fact label={t(fieldKey('organisation'))}>
            <bdi dir="auto">{entry.organisation}</bdi>
          </Fact>
          <Fact label={t(fieldKey('mandate'))}>
            <span className="preserve-lines" dir="auto">
              {entry.mandate || none}
            </span>
          </Fact>
        </dl>
      </section>
      <section className="card" aria-labelledby="facts-hours">
        <h2 id="facts-hours">{t('entry.section.availability')}</h2>
        <dl className="facts">
          <Fact label={t(fieldKey('available247'))}>{entry.available247 ? <Badge247 /> : t('app.no')}</Fact>
          <Fact label={t(fieldKey('availabilityHours'))}>
            <bdi dir="auto">{entry.availabilityHours || none}</bdi>
          </Fact>
          <Fact label={t(fieldKey('timeZone'))}>
            <bdi>{entry.timeZone}</bdi>
            {localTime && <span className="subline muted">{t('entry.localTime', { time: localTime })}</span>}
          </Fact>
          <Fact label={t(fieldKey('workingLanguages'))}>
            {entry.workingLanguages.map((tag) => languageName(tag, locale)).join(t('app.listSeparator'))}
          </Fact>
        </dl>
      </section>
      <section className="card" aria-labelledby="facts-key">
        <h2 id="facts-key">{t('entry.section.key')}</h2>
        {entry.key === null ? (
          <p className="muted">{t('entry.key.none')}</p>
        ) : (
          <>
            <dl className="facts">
              <Fact label={t('entry.key.fingerprint')}>
                <code className="fingerprint" translate="no">
                  {formatFingerprint(entry.key.fingerprint)}
                </code>
              </Fact>
              <Fact label={t('entry.key.expires')}>
                {entry.key.expiresAt ? <DateOnly iso={entry.key.expiresAt} /> : t('entry.key.noExpiry')}{' '}
                <span className={entry.key.status === 'valid' ? 'badge badge-active' : 'badge badge-stale'}>
                  {t(keyStatusKey(entry.key.status))}
                </span>
              </Fact>
            </dl>
            <details className="key-block">
              <summary>{t('entry.key.show')}</summary>
              <pre translate="no">{entry.key.armored}</pre>
            </details>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="facts-freshness">
        <h2 id="facts-freshness">{t('entry.section.freshness')}</h2>
        <dl className="facts">
          <Fact label={t('directory.column.status')}>
            <EntryStatusBadge entry={entry} />
          </Fact>
          <Fact label={t('entry.lastVerified')}>
            <DateTimeUtc iso={entry.lastVerifiedAt} />
          </Fact>
          <Fact label={t('entry.lastConfirmed')}>
            <DateTimeUtc iso={entry.lastConfirmedAt} />
          </Fact>
          <Fact label={t('entry.confirmationDue')}>
            <DateOnly iso={entry.confirmationDueAt} />
          </Fact>
          {entry.retiredAt && (
            <Fact label={t('entry.retiredAt')}>
              <DateTimeUtc iso={entry.retiredAt} />
            </Fact>
          )}
          {entry.pseudonymisedAt && (
            <Fact label={t('entry.pseudonymisedAt')}>
              <DateTimeUtc iso={entry.pseudonymisedAt} />
            </Fact>
          )}
        </dl>
      </section>
    </div>
  );
}
