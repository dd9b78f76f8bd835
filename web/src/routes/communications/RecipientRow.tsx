import { useEffect, useState } from 'react';
import { ADDRESSABLE_KINDS } from '../../../../common/communications.ts';
import type { DirectoryEntry } from '../../../../common/schemas/directory.ts';
import type { State } from '../../../../common/schemas/states.ts';
import { listEntries } from '../../api/directory.ts';
import { Check } from '../../components/Check.tsx';
import { kindKey, slotKey } from '../../components/directory-labels.ts';
import { FormField } from '../../components/FormField.tsx';
import { useT } from '../../i18n/use-t.ts';
import { Fieldset, type FieldErrors } from '../nominations/FormControls.tsx';
import { fieldIdOf } from '../nominations/nomination-errors.ts';

export type AddressableKind = (typeof ADDRESSABLE_KINDS)[number];

export interface RecipientDraft {
  /** Stable React key. */
  key: number;
  stateM49: string;
  mode: 'kind' | 'entries';
  kind: AddressableKind;
  entryIds: string[];
}

interface RecipientRowProps {
  index: number;
  draft: RecipientDraft;
  /** States to choose from, sorted in the UI language, the sender's own excluded. */
  states: readonly { state: State; name: string }[];
  errors: FieldErrors;
  canRemove: boolean;
  onChange: (patch: Partial<RecipientDraft>) => void;
  onRemove: () => void;
}

/** One recipient State and how it is addressed: every contact of a kind, or named contacts. */
export function RecipientRow({ index, draft, states, errors, canRemove, onChange, onRemove }: RecipientRowProps) {
  const t = useT();
  const [entries, setEntries] = useState<DirectoryEntry[] | null>(null);
  const base = `recipients.${index}`;

  useEffect(() => {
    if (!draft.stateM49 || draft.mode !== 'entries') return;
    let live = true;
    setEntries(null);
    listEntries({ stateM49: draft.stateM49, limit: 500 }).then(
      (list) => live && setEntries(list.items.filter((entry) => entry.status === 'active')),
      () => live && setEntries([]),
    );
    return () => {
      live = false;
    };
  }, [draft.stateM49, draft.mode]);

  const legend = t('communications.compose.recipientN', { n: index + 1 });
  return (
    <Fieldset legend={legend} name={base} errors={errors}>
      <div className="row-fields">
        <FormField
          id={fieldIdOf(`${base}.stateM49`)}
          label={t('communications.compose.state')}
          error={errors.get(`${base}.stateM49`)}
        >
          {(control) => (
            <select
              {...control}
              required
              aria-required
              value={draft.stateM49}
              onChange={(event) => onChange({ stateM49: event.target.value, entryIds: [] })}
            >
              <option value="">{t('communications.compose.chooseState')}</option>
              {states.map(({ state, name }) => (
                <option key={state.m49} value={state.m49}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={fieldIdOf(`${base}.mode`)} label={t('communications.compose.addressing')} error={undefined}>
          {(control) => (
            <select
              {...control}
              value={draft.mode}
              onChange={(event) => onChange({ mode: event.target.value === 'entries' ? 'entries' : 'kind' })}
            >
              <option value="kind">{t('communications.compose.byKind')}</option>
              <option value="entries">{t('communications.compose.named')}</option>
            </select>
          )}
        </FormField>
        {draft.mode === 'kind' && (
          <FormField
            id={fieldIdOf(`${base}.kind`)}
            label={t('communications.compose.kind')}
            error={errors.get(`${base}.kind`)}
          >
            {(control) => (
              <select
                {...control}
                value={draft.kind}
                onChange={(event) => {
                  const kind = ADDRESSABLE_KINDS.find((k) => k === event.target.value);
                  if (kind) onChange({ kind });
                }}
              >
                {ADDRESSABLE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(kindKey(kind))}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        )}
      </div>
      {draft.mode === 'entries' && (
        <Fieldset legend={t('communications.compose.contacts')} name={`${base}.entryIds`} errors={errors}>
          {!draft.stateM49 && <p className="field-hint">{t('communications.compose.chooseStateFirst')}</p>}
          {draft.stateM49 && entries === null && <p className="field-hint">{t('app.loading')}</p>}
          {draft.stateM49 && entries?.length === 0 && (
            <p className="field-hint">{t('communications.compose.noEntries')}</p>
          )}
          {entries?.map((entry) => (
            <Check
              key={entry.id}
              id={`${fieldIdOf(base)}-entry-${entry.id}`}
              label={
                <>
                  <bdi dir="auto">{entry.nameNative}</bdi> — {t(kindKey(entry.kind))}, {t(slotKey(entry.slotRole))}
                </>
              }
              checked={draft.entryIds.includes(entry.id)}
              onChange={(checked) =>
                onChange({
                  entryIds: checked ? [...draft.entryIds, entry.id] : draft.entryIds.filter((v) => v !== entry.id),
                })
              }
            />
          ))}
        </Fieldset>
      )}
      {canRemove && (
        <button type="button" className="button button-small" onClick={onRemove}>
          {t('communications.compose.removeRecipient', { n: index + 1 })}
        </button>
      )}
    </Fieldset>
  );
}
