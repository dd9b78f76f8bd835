import { sql } from 'drizzle-orm';
import type { Config } from '../../config.ts';
import { rowsOf, type Db } from '../../db/client.ts';
import { notifyOutboxChanged } from '../../mail/outbox-signal.ts';
import { enqueueMail, type MailRequest } from '../../mail/outbox.repository.ts';
import { nationalAuthoritiesOf, stateNameIn, utc } from './directory-mail.ts';

interface Fired {
  kind: string;
  subject_id: string;
  due_at: string | Date;
  state_m49: string;
  name_latin: string;
  fingerprint: string | null;
  email: string | null;
}

/**
 * Writes the ledger rows of every reminder that is due now and has not fired yet, in one
 * statement. The primary key (kind, entry, due instant) is what makes each fire exactly once,
 * however often the sweep runs, after downtime too. The due instant is computed in SQL so a
 * re-run computes the very same key.
 */
async function fireDueReminders(tx: Db, config: Config, now: Date): Promise<Fired[]> {
  const cadence = config.RECONFIRM_CADENCE_DAYS;
  const lead = config.RECONFIRM_REMINDER_DAYS;
  const keyWarning = config.PGP_EXPIRY_WARNING_DAYS;
  const result = await tx.execute(sql`
    with due as (
      select 'reconfirm' as kind, e.id, e.last_confirmed_at + make_interval(days => ${cadence}) as due_at
        from directory_entries e
       where e.status = 'active'
         and e.last_confirmed_at + make_interval(days => ${cadence - lead}) <= ${now}
      union all
      select 'key_expiry', e.id, e.key_expires_at
        from directory_entries e
       where e.status = 'active' and e.key_expires_at is not null
         and e.key_expires_at - make_interval(days => ${keyWarning}) <= ${now}
    ), fired as (
      insert into reminder_ledger (kind, subject_id, due_at, fired_at)
      select kind, id, due_at, ${now} from due
      on conflict do nothing
      returning kind, subject_id, due_at
    )
    select f.kind, f.subject_id, f.due_at, e.state_m49, e.details->>'nameLatin' as name_latin,
           e.key_fingerprint as fingerprint, e.details->'emails'->>0 as email
      from fired f join directory_entries e on e.id = f.subject_id
  `);
  return rowsOf<Fired>(result);
}

async function reminderMails(tx: Db, config: Config, fired: Fired[], now: Date): Promise<MailRequest[]> {
  const mails: MailRequest[] = [];
  const byState = new Map<string, Fired[]>();
  for (const row of fired) byState.set(row.state_m49, [...(byState.get(row.state_m49) ?? []), row]);
  for (const [stateM49, rows] of byState) {
    const authorities = await nationalAuthoritiesOf(tx, stateM49);
    const reconfirm = rows.filter((r) => r.kind === 'reconfirm');
    const keys = rows.filter((r) => r.kind === 'key_expiry');
    for (const authority of authorities) {
      const state = await stateNameIn(tx, stateM49, authority.locale);
      if (reconfirm.length > 0) {
        const earliest = new Date(Math.min(...reconfirm.map((r) => new Date(r.due_at).getTime())));
        mails.push({
          purpose: 'directory.reconfirm',
          to: authority.email,
          locale: authority.locale,
          subjectKey: 'mail.reconfirm.subject',
          // Caught up after downtime, or simply ignored: say "overdue", not "confirm by <a past date>".
          bodyKey: earliest.getTime() <= now.getTime() ? 'mail.reconfirm.overdueBody' : 'mail.reconfirm.body',
          values: {
            count: reconfirm.length,
            state,
            due: utc(earliest),
            names: reconfirm.map((r) => `- ${r.name_latin}`).join('\n'),
            link: `${config.PUBLIC_URL}/my-state`,
          },
        });
      }
      for (const key of keys) {
        mails.push({
          purpose: 'directory.key_expiry',
          to: authority.email,
          locale: authority.locale,
          subjectKey: 'mail.key_expiry.subject',
          bodyKey: 'mail.key_expiry.body',
          values: {
            name: key.name_latin,
            state,
            fingerprint: key.fingerprint ?? '',
            expires: utc(new Date(key.due_at)),
            link: `${config.PUBLIC_URL}/directory/entries/${key.subject_id}`,
          },
        });
      }
    }
  }
  return mails;
}

/**
 * The directory's level-triggered reminders: re-confirmation before an entry goes stale, and
 * OpenPGP keys about to expire. Idempotent: run it as often as you like.
 */
export function directoryRemindersSweep(config: Config) {
  return {
    name: 'directory-reminders',
    run: async (db: Db, now: Date): Promise<void> => {
      const count = await db.transaction(async (tx) => {
        const fired = await fireDueReminders(tx, config, now);
        const mails = await reminderMails(tx, config, fired, now);
        await enqueueMail(tx, mails);
        return mails.length;
      });
      if (count > 0) notifyOutboxChanged();
    },
  };
}
