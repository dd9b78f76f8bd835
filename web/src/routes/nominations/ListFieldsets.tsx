import { useEffect, useRef } from 'react';
import { FIELD_VISIBILITIES } from '../../../../common/directory.ts';
import { Check } from '../../components/Check.tsx';
import { visibilityKey } from '../../components/directory-labels.ts';
import { useT } from '../../i18n/use-t.ts';
import { Fieldset, SelectField, TextField, type FieldErrors } from './FormControls.tsx';
import { fieldIdOf } from './nomination-errors.ts';
import {
  EMPTY_CHANNEL,
  EMPTY_PHONE,
  MAX_CHANNELS,
  MAX_PHONES,
  type ChannelDraft,
  type PhoneDraft,
} from './nomination-form-model.ts';

/** After "add", the new row's first input takes the focus; after "remove", the add button does. */
function useFocusAfterChange(length: number, firstFieldOf: (index: number) => string, addId: string) {
  const previous = useRef(length);
  const pending = useRef(false);
  useEffect(() => {
    if (pending.current) {
      pending.current = false;
      const id = length > previous.current ? fieldIdOf(firstFieldOf(length - 1)) : addId;
      document.getElementById(id)?.focus();
    }
    previous.current = length;
  }, [length, firstFieldOf, addId]);
  return () => {
    pending.current = true;
  };
}

interface StringListProps {
  name: string;
  legend: string;
  itemLabel: (n: number) => string;
  addLabel: string;
  hint?: string;
  values: string[];
  max: number;
  errors: FieldErrors;
  onChange: (values: string[]) => void;
  type?: 'text' | 'email';
  list?: string;
  autoComplete?: string;
}

/** A list of one-line values (e-mails, language tags): at least one row, up to `max`. */
export function StringListFieldset({
  name,
  legend,
  itemLabel,
  addLabel,
  hint,
  values,
  max,
  errors,
  onChange,
  type = 'text',
  list,
  autoComplete,
}: StringListProps) {
  const addId = `${fieldIdOf(name)}-add`;
  const firstFieldOf = (index: number) => `${name}.${index}`;
  const expectFocus = useFocusAfterChange(values.length, firstFieldOf, addId);
  return (
    <Fieldset legend={legend} name={name} errors={errors} {...(hint ? { hint } : {})}>
      {values.map((value, index) => (
        <div className="list-row" key={index}>
          <TextField
            name={`${name}.${index}`}
            label={itemLabel(index + 1)}
            type={type}
            dir="ltr"
            value={value}
            errors={errors}
            {...(list ? { list } : {})}
            {...(autoComplete ? { autoComplete } : {})}
            onChange={(next) => onChange(values.map((v, i) => (i === index ? next : v)))}
          />
          {values.length > 1 && (
            <RemoveButton
              item={itemLabel(index + 1)}
              className="list-remove"
              onRemove={() => {
                expectFocus();
                onChange(values.filter((_, i) => i !== index));
              }}
            />
          )}
        </div>
      ))}
      {values.length < max && (
        <AddButton
          id={addId}
          label={addLabel}
          onAdd={() => {
            expectFocus();
            onChange([...values, '']);
          }}
        />
      )}
    </Fieldset>
  );
}

export function PhonesFieldset({
  phones,
  errors,
  onChange,
}: {
  phones: PhoneDraft[];
  errors: FieldErrors;
  onChange: (phones: PhoneDraft[]) => void;
}) {
  const t = useT();
  const name = 'details.phones';
  const addId = `${fieldIdOf(name)}-add`;
  const expectFocus = useFocusAfterChange(phones.length, phoneNumberField, addId);
  const visibilities = FIELD_VISIBILITIES.map((v) => ({ value: v, label: t(visibilityKey(v)) }));
  const set = (index: number, patch: Partial<PhoneDraft>) =>
    onChange(phones.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  return (
    <Fieldset legend={t('field.phones')} name={name} errors={errors} hint={t('nomination.hint.phones')}>
      {phones.map((phone, index) => {
        const item = t('nomination.item.phone', { n: index + 1 });
        return (
          <fieldset className="subfieldset" key={index}>
            <legend>{item}</legend>
            <div className="row-fields">
              <TextField
                name={`${name}.${index}.number`}
                label={t('field.phoneNumber')}
                type="tel"
                dir="ltr"
                value={phone.number}
                errors={errors}
                onChange={(number) => set(index, { number })}
              />
              <TextField
                name={`${name}.${index}.label`}
                label={t('field.phoneLabel')}
                value={phone.label}
                maxLength={60}
                errors={errors}
                onChange={(label) => set(index, { label })}
              />
              <SelectField
                name={`${name}.${index}.visibility`}
                label={t('field.visibility')}
                value={phone.visibility}
                options={visibilities}
                errors={errors}
                onChange={(visibility) => set(index, { visibility })}
              />
            </div>
            <div className="row-actions">
              <Check
                id={`${fieldIdOf(`${name}.${index}`)}-247`}
                label={t('field.phone247')}
                checked={phone.available247}
                onChange={(available247) => set(index, { available247 })}
              />
              <RemoveButton
                item={item}
                onRemove={() => {
                  expectFocus();
                  onChange(phones.filter((_, i) => i !== index));
                }}
              />
            </div>
          </fieldset>
        );
      })}
      {phones.length < MAX_PHONES && (
        <AddButton
          id={addId}
          label={t('nomination.add.phone')}
          onAdd={() => {
            expectFocus();
            onChange([...phones, { ...EMPTY_PHONE }]);
          }}
        />
      )}
    </Fieldset>
  );
}

function phoneNumberField(index: number): string {
  return `details.phones.${index}.number`;
}

function channelNameField(index: number): string {
  return `details.secureChannels.${index}.channel`;
}

/** Channel names people use; any other can be typed. */
const CHANNEL_SUGGESTIONS = ['Signal', 'Threema', 'Matrix', 'Wire', 'Secure portal', 'Fax'];

export function ChannelsFieldset({
  channels,
  errors,
  onChange,
}: {
  channels: ChannelDraft[];
  errors: FieldErrors;
  onChange: (channels: ChannelDraft[]) => void;
}) {
  const t = useT();
  const name = 'details.secureChannels';
  const addId = `${fieldIdOf(name)}-add`;
  const expectFocus = useFocusAfterChange(channels.length, channelNameField, addId);
  const visibilities = FIELD_VISIBILITIES.map((v) => ({ value: v, label: t(visibilityKey(v)) }));
  const set = (index: number, patch: Partial<ChannelDraft>) =>
    onChange(channels.map((c, i) => (i === index ? { ...c, ...patch } : c)));
  return (
    <Fieldset legend={t('field.secureChannels')} name={name} errors={errors} hint={t('nomination.hint.channels')}>
      <datalist id="channel-suggestions">
        {CHANNEL_SUGGESTIONS.map((channel) => (
          <option key={channel} value={channel} />
        ))}
      </datalist>
      {channels.map((channel, index) => {
        const item = t('nomination.item.channel', { n: index + 1 });
        return (
          <fieldset className="subfieldset" key={index}>
            <legend>{item}</legend>
            <div className="row-fields">
              <TextField
                name={`${name}.${index}.channel`}
                label={t('field.channelName')}
                list="channel-suggestions"
                maxLength={60}
                value={channel.channel}
                errors={errors}
                onChange={(value) => set(index, { channel: value })}
              />
              <TextField
                name={`${name}.${index}.address`}
                label={t('field.channelAddress')}
                dir="ltr"
                maxLength={300}
                value={channel.address}
                errors={errors}
                onChange={(address) => set(index, { address })}
              />
              <SelectField
                name={`${name}.${index}.visibility`}
                label={t('field.visibility')}
                value={channel.visibility}
                options={visibilities}
                errors={errors}
                onChange={(visibility) => set(index, { visibility })}
              />
            </div>
            <div className="row-actions">
              <RemoveButton
                item={item}
                onRemove={() => {
                  expectFocus();
                  onChange(channels.filter((_, i) => i !== index));
                }}
              />
            </div>
          </fieldset>
        );
      })}
      {channels.length < MAX_CHANNELS && (
        <AddButton
          id={addId}
          label={t('nomination.add.channel')}
          onAdd={() => {
            expectFocus();
            onChange([...channels, { ...EMPTY_CHANNEL }]);
          }}
        />
      )}
    </Fieldset>
  );
}

/** Removes one item of a list; the hidden text names which, for screen readers. */
function RemoveButton({ item, className, onRemove }: { item: string; className?: string; onRemove: () => void }) {
  const t = useT();
  return (
    <button type="button" className={`button button-small${className ? ` ${className}` : ''}`} onClick={onRemove}>
      {t('nomination.list.remove')}
      <span className="visually-hidden"> {item}</span>
    </button>
  );
}

function AddButton({ id, label, onAdd }: { id: string; label: string; onAdd: () => void }) {
  return (
    <button id={id} type="button" className="button button-small" onClick={onAdd}>
      {label}
    </button>
  );
}
