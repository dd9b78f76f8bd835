import { isLocale, type Locale } from '../../../common/locales.ts';
import type { EntryDetails } from '../../../common/schemas/directory.ts';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { MailRequest } from '../../mail/outbox.repository.ts';
import { formatUtc, translate } from '../../i18n.ts';
import { listAccounts } from '../accounts/accounts.repository.ts';
import { findStates } from '../states/states.repository.ts';
import type { NominationRow } from './nominations.repository.ts';

/** The UN language a nominee reads: the first working language that is one, else English. */
export function mailLocaleOf(details: Pick<EntryDetails, 'workingLanguages'>): Locale {
  for (const tag of details.workingLanguages) {
    const primary = tag.split('-')[0]?.toLowerCase() ?? '';
    if (isLocale(primary)) return primary;
  }
  return 'en';
}

const utc = (date: Date) => formatUtc(date);

async function stateNameIn(db: Db, m49: string, locale: Locale): Promise<string> {
  const [state] = await findStates(db, [m49]);
  return state?.names[locale] ?? m49;
}

/** The nominee's e-mail with the single-use acceptance link (token in the fragment, never logged). */
export async function acceptanceMail(
  db: Db,
  config: Pick<Config, 'PUBLIC_URL'>,
  nomination: NominationRow,
  details: EntryDetails,
  token: string,
  expiresAt: Date,
): Promise<MailRequest> {
  const locale = mailLocaleOf(details);
  const to = details.emails[0];
  if (to === undefined) throw new Error('a nomination has at least one e-mail');
  return {
    purpose: 'nomination.acceptance',
    to,
    locale,
    subjectKey: 'mail.acceptance.subject',
    bodyKey: 'mail.acceptance.body',
    values: {
      name: details.nameNative,
      state: await stateNameIn(db, nomination.stateM49, locale),
      kind: translate(locale, `directory.kind.${details.kind}`),
      link: `${config.PUBLIC_URL}/accept#${token}`,
      expires: utc(expiresAt),
    },
  };
}

/** Tells every directory manager that a nomination waits in the verification queue. */
export async function verificationQueueMails(
  db: Db,
  config: Pick<Config, 'PUBLIC_URL'>,
  nomination: NominationRow,
): Promise<MailRequest[]> {
  const managers = await listAccounts(db, { states: 'all', role: 'directory_manager', includeDisabled: false });
  return Promise.all(
    managers.map(async (manager) => ({
      purpose: 'nomination.submitted',
      to: manager.email,
      locale: manager.locale,
      subjectKey: 'mail.submitted.subject',
      bodyKey: 'mail.submitted.body',
      values: {
        type: translate(manager.locale, `nomination.type.${nomination.type}`),
        state: await stateNameIn(db, nomination.stateM49, manager.locale),
        reference: nomination.noteVerbaleRef,
        link: `${config.PUBLIC_URL}/nominations`,
      },
    })),
  );
}

/** Tells the State's national authorities that the manager approved or rejected their nomination. */
export async function decisionMails(
  db: Db,
  config: Pick<Config, 'PUBLIC_URL'>,
  nomination: NominationRow,
): Promise<MailRequest[]> {
  const authorities = await nationalAuthoritiesOf(db, nomination.stateM49);
  return authorities.map((authority) => ({
    purpose: 'nomination.decided',
    to: authority.email,
    locale: authority.locale,
    subjectKey: 'mail.decided.subject',
    bodyKey: 'mail.decided.body',
    values: {
      decision: nomination.status === 'rejected' ? 'rejected' : 'approved',
      reference: nomination.noteVerbaleRef,
      reason: nomination.rejectionReason ?? '',
      link: `${config.PUBLIC_URL}/nominations`,
    },
  }));
}

/** The active national authority accounts of a State: where reminders about its entries go. */
export function nationalAuthoritiesOf(db: Db, stateM49: string) {
  return listAccounts(db, { states: 'all', stateM49, role: 'national_authority', includeDisabled: false });
}

export { stateNameIn, utc };
