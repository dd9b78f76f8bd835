import { useMemo, useState, type FormEvent } from 'react';
import { ADDRESSABLE_KINDS } from '../../../../common/communications.ts';
import type { Communication } from '../../../../common/schemas/communications.ts';
import type { State } from '../../../../common/schemas/states.ts';
import { toApiError, type ApiError } from '../../api/client.ts';
import { forwardCommunication } from '../../api/communications.ts';
import { kindKey } from '../../components/directory-labels.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLocale, useT } from '../../i18n/use-t.ts';
import type { AddressableKind } from './RecipientRow.tsx';

interface ForwardFormProps {
  message: Communication;
  states: readonly State[] | null;
  /** The caller's State, not offered. */
  ownStateM49: string | null;
  onDone: (message: string) => void;
}

/** Shown only when the server says the message's label allows it (TLP:GREEN, TLP:CLEAR). */
export function ForwardForm({ message, states, ownStateM49, onDone }: ForwardFormProps) {
  const t = useT();
  const locale = useLocale();
  const [stateM49, setStateM49] = useState('');
  const [kind, setKind] = useState<AddressableKind>('technical');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const choices = useMemo(() => {
    const taken = new Set(message.recipients.map((r) => r.stateM49));
    return (states ?? [])
      .filter((state) => state.m49 !== ownStateM49 && !taken.has(state.m49))
      .map((state) => ({ m49: state.m49, name: state.names[locale] }))
      .sort((a, b) => a.name.localeCompare(b.name, locale));
  }, [states, ownStateM49, message.recipients, locale]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!stateM49) return;
    setBusy(true);
    setError(null);
    try {
      await forwardCommunication(message.id, [{ stateM49, kind }]);
      setStateM49('');
      onDone(t('communications.forward.done'));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
    }
  }

  const base = `forward-${message.id}`;
  return (
    <section className="forward-form" aria-labelledby={`${base}-title`}>
      <h3 id={`${base}-title`}>{t('communications.forward.title')}</h3>
      <ErrorAlert error={error} />
      <form className="inline-form" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={`${base}-state`}>{t('communications.compose.state')}</label>
          <select
            id={`${base}-state`}
            required
            aria-required
            value={stateM49}
            onChange={(event) => setStateM49(event.target.value)}
          >
            <option value="">{t('communications.compose.chooseState')}</option>
            {choices.map((choice) => (
              <option key={choice.m49} value={choice.m49}>
                {choice.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${base}-kind`}>{t('communications.forward.kind')}</label>
          <select
            id={`${base}-kind`}
            value={kind}
            onChange={(event) => {
              const chosen = ADDRESSABLE_KINDS.find((k) => k === event.target.value);
              if (chosen) setKind(chosen);
            }}
          >
            {ADDRESSABLE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(kindKey(k))}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button" disabled={busy || !stateM49}>
          {t('communications.forward.submit')}
        </button>
      </form>
    </section>
  );
}
