import type { MessageKey } from '../i18n/messages.ts';
import { useT } from '../i18n/use-t.ts';
import { Email } from './Email.tsx';

/** Labels the server uses for changes made by no account (server/auth/actor.ts). */
const SYSTEM_ACTORS: Record<string, MessageKey> = {
  cli: 'actor.system.cli',
  system: 'actor.system.system',
  'demo-seed': 'actor.system.demoSeed',
  nominee: 'actor.system.nominee',
};

/** Who made a change: an account's e-mail address, or the system actor in the reader's language. */
export function ActorName({ label }: { label: string }) {
  const t = useT();
  const key = Object.hasOwn(SYSTEM_ACTORS, label) ? SYSTEM_ACTORS[label] : undefined;
  return key ? <span>{t(key)}</span> : <Email address={label} />;
}
