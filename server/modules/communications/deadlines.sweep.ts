import { sql } from 'drizzle-orm';
import type { Locale } from '../../../common/locales.ts';
import type { TlpLabel } from '../../../common/communications.ts';
import type { Config } from '../../config.ts';
import { rowsOf, type Db } from '../../db/client.ts';
import { translate } from '../../i18n.ts';
import { notifyOutboxChanged } from '../../mail/outbox-signal.ts';
import { enqueueMail, type MailRequest } from '../../mail/outbox.repository.ts';
import { mailLocaleOf, nationalAuthoritiesOf, stateNameIn, utc } from '../directory/directory-mail.ts';
import type { EntryRow } from '../directory/directory.repository.ts';
import { activeEntriesOfKind, entriesByIds } from './communications.repository.ts';

type Step = 'comm_reminder' | 'comm_escalate_alternates' | 'comm_escalate_authority' | 'comm_response_due';

interface Fired {
  kind: Step;
  recipient_id: string;
  communication_id: string;
  thread_id: string;
  state_m49: string;
  reference: string;
  tlp: TlpLabel;
  acknowledge_due_at: string | Date;
  response_due_at: string | Date | null;
  addressed_kind: string | null;
}

/**
 * The three steps while a recipient State has not acknowledged: a reminder to the addressed
 * contacts half-way to the deadline; at the deadline, the State's other contacts of that kind
 * (the alternates); one more window later, its national authorities. And once the requested
 * response time has passed without an answer, a reminder to the addressed contacts. Each (step, recipient,
 * deadline) is a reminder_ledger key, so a step fires once however often, late or concurrently
 * the sweep runs, and an acknowledgement in between stops what has not fired yet.
 */
async function fireDueSteps(tx: Db, now: Date): Promise<Fired[]> {
  const result = await tx.execute(sql`
    with pending as (
      select r.id, r.acknowledge_due_at, c.created_at, r.acknowledge_due_at - c.created_at as wait
        from communication_recipients r join communications c on c.id = r.communication_id
       where r.status in ('sent', 'delivered') and c.closed_at is null and c.parent_id is null
         and c.created_at + (r.acknowledge_due_at - c.created_at) / 2 <= ${now}
    ), due as (
      select 'comm_reminder' as kind, id, acknowledge_due_at as due_at from pending
      union all
      select 'comm_escalate_alternates', id, acknowledge_due_at from pending where acknowledge_due_at <= ${now}
      union all
      select 'comm_escalate_authority', id, acknowledge_due_at from pending where acknowledge_due_at + wait <= ${now}
      union all
      -- The requested response time: one reminder when it passes without an answer.
      select 'comm_response_due', r.id, r.response_due_at
        from communication_recipients r join communications c on c.id = r.communication_id
       where r.status in ('sent', 'delivered', 'acknowledged', 'in_progress') and c.closed_at is null
         and c.parent_id is null and r.response_due_at is not null and r.response_due_at <= ${now}
    ), fired as (
      insert into reminder_ledger (kind, subject_id, due_at, fired_at)
      select kind, id, due_at, ${now} from due
      on conflict do nothing
      returning kind, subject_id
    )
    select f.kind, r.id as recipient_id, c.id as communication_id, c.thread_id, r.state_m49, c.reference, c.tlp,
           r.acknowledge_due_at, r.response_due_at, r.addressed_kind
      from fired f
      join communication_recipients r on r.id = f.subject_id
      join communications c on c.id = r.communication_id
  `);
  return rowsOf<Fired>(result);
}

async function addressedEntries(tx: Db, communicationId: string, stateM49: string): Promise<EntryRow[]> {
  const result = await tx.execute(
    sql`select entry_id from communication_addressees where communication_id = ${communicationId} and state_m49 = ${stateM49}`,
  );
  const ids = rowsOf<{ entry_id: string }>(result).map((r) => r.entry_id);
  return entriesByIds(tx, ids);
}

function neutralMail(purpose: string, to: string, locale: Locale, bodyKey: string, values: MailRequest['values']) {
  return { purpose, to, locale, subjectKey: 'mail.communication.reminder.subject', bodyKey, values };
}

async function stepMails(tx: Db, config: Pick<Config, 'PUBLIC_URL'>, step: Fired): Promise<MailRequest[]> {
  const link = `${config.PUBLIC_URL}/communications/${step.thread_id}`;
  const base = { tlp: step.tlp, reference: step.reference, ackDue: utc(new Date(step.acknowledge_due_at)), link };
  const addressed = await addressedEntries(tx, step.communication_id, step.state_m49);
  const entryMail = (entry: EntryRow, bodyKey: string, extra: MailRequest['values'] = {}) => {
    const locale = mailLocaleOf(entry.details);
    const to = entry.details.emails[0] ?? '';
    return neutralMail(`communication.${step.kind}`, to, locale, bodyKey, { ...base, ...extra });
  };
  if (step.kind === 'comm_reminder') {
    return addressed.map((entry) => entryMail(entry, 'mail.communication.reminder.body'));
  }
  if (step.kind === 'comm_response_due') {
    const responseDue = step.response_due_at ? utc(new Date(step.response_due_at)) : '';
    return addressed.map((entry) => entryMail(entry, 'mail.communication.responseReminder.body', { responseDue }));
  }
  if (step.kind === 'comm_escalate_alternates') {
    const kind = step.addressed_kind ?? addressed[0]?.kind;
    if (kind === undefined) return [];
    const already = new Set(addressed.map((e) => e.id));
    const others = (await activeEntriesOfKind(tx, step.state_m49, kind as EntryRow['kind'])).filter(
      (e) => !already.has(e.id),
    );
    const mails = [];
    for (const entry of others) {
      const locale = mailLocaleOf(entry.details);
      mails.push(
        entryMail(entry, 'mail.communication.escalation.body', {
          state: await stateNameIn(tx, step.state_m49, locale),
          role: translate(locale, `directory.slot.${entry.slotRole}`),
        }),
      );
    }
    return mails;
  }
  const authorities = await nationalAuthoritiesOf(tx, step.state_m49);
  const mails = [];
  for (const account of authorities) {
    mails.push(
      neutralMail(
        'communication.comm_escalate_authority',
        account.email,
        account.locale,
        'mail.communication.escalation.body',
        {
          ...base,
          state: await stateNameIn(tx, step.state_m49, account.locale),
          role: translate(account.locale, 'role.national_authority'),
        },
      ),
    );
  }
  return mails;
}

/** Level-triggered acknowledgement deadlines of communications: reminders and escalation. */
export function communicationDeadlinesSweep(config: Pick<Config, 'PUBLIC_URL'>) {
  return {
    name: 'communication-deadlines',
    run: async (db: Db, now: Date): Promise<void> => {
      const count = await db.transaction(async (tx) => {
        const mails: MailRequest[] = [];
        for (const step of await fireDueSteps(tx, now)) mails.push(...(await stepMails(tx, config, step)));
        await enqueueMail(tx, mails);
        return mails.length;
      });
      if (count > 0) notifyOutboxChanged();
    },
  };
}
