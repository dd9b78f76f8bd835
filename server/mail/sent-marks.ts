import type { Db } from '../db/client.ts';
import { markMailsSent, type SentMail } from './outbox.repository.ts';

/** Longest a mark waits for other lanes' marks to share its statement. */
const MAX_MARK_WAIT_MS = 2;

export interface SentMarks {
  /** Resolves once `mail` is marked sent in the database; rejects with the database's error. */
  mark(mail: SentMail): Promise<void>;
  /** Call when a lane stops (no more mail): the others' marks need not wait for it. */
  laneStopped(): void;
}

/**
 * Group commit for "sent". Each lane waits until its own mail is marked before it sends the next,
 * so at most one accepted-but-unmarked mail per pooled connection can be re-sent after a crash, as
 * before; but marks that are waiting at the same time go to the database in one statement. On the
 * embedded database a statement costs far more than a row (parse, plan, WAL write, all on this
 * thread): one UPDATE per mail made marking cost as much as sending.
 *
 * A group is written as soon as every busy lane is waiting for its mark (nobody else will add to
 * it), or MAX_MARK_WAIT_MS after its first mark, whichever comes first.
 */
export function sentMarks(db: Db, busyLanes: () => number, now: () => Date): SentMarks {
  let waiting: { mail: SentMail; settle: (error?: Error) => void }[] = [];
  let writing = false;
  let timer: NodeJS.Timeout | undefined;

  const write = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    writing = true;
    // Marks that arrive while a statement runs have waited already: they go out right after it.
    while (waiting.length > 0) {
      const group = waiting;
      waiting = [];
      const mails = group.map((entry) => entry.mail);
      try {
        await markMailsSent(db, mails, now());
        for (const entry of group) entry.settle();
      } catch (error) {
        const failure = error instanceof Error ? error : new Error(String(error));
        for (const entry of group) entry.settle(failure);
      }
    }
    writing = false;
  };

  const consider = (): void => {
    if (writing || waiting.length === 0) return;
    if (waiting.length >= busyLanes()) void write();
    else timer ??= setTimeout(() => void write(), MAX_MARK_WAIT_MS);
  };

  return {
    mark: (mail) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ mail, settle: (error) => (error === undefined ? resolve() : reject(error)) });
        consider();
      }),
    laneStopped: consider,
  };
}
