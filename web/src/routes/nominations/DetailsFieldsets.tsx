import { useMemo } from 'react';
import { POC_KINDS, SLOT_ROLES } from '../../../../common/directory.ts';
import { Check } from '../../components/Check.tsx';
import { kindKey, languageName, slotKey } from '../../components/directory-labels.ts';
import { useLocale, useT } from '../../i18n/use-t.ts';
import { Fieldset, SelectField, TextAreaField, TextField, type FieldErrors } from './FormControls.tsx';
import { ChannelsFieldset, PhonesFieldset, StringListFieldset } from './ListFieldsets.tsx';
import { MAX_EMAILS, MAX_LANGUAGES, type DetailsDraft } from './nomination-form-model.ts';

interface DetailsProps {
  details: DetailsDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<DetailsDraft>) => void;
  /** An update or a replacement keeps the kind and the slot of its entry. */
  slotFixed: boolean;
}

/** Who the point of contact is and what they may decide. */
export function PersonFieldset({ details, errors, onChange, slotFixed }: DetailsProps) {
  const t = useT();
  return (
    <Fieldset legend={t('nomination.section.person')}>
      <div className="row-fields">
        <SelectField
          name="details.kind"
          label={t('field.kind')}
          value={details.kind}
          disabled={slotFixed}
          options={POC_KINDS.map((kind) => ({ value: kind, label: t(kindKey(kind)) }))}
          errors={errors}
          onChange={(kind) => onChange({ kind })}
        />
        <SelectField
          name="details.slotRole"
          label={t('field.slotRole')}
          value={details.slotRole}
          disabled={slotFixed}
          options={SLOT_ROLES.map((role) => ({ value: role, label: t(slotKey(role)) }))}
          errors={errors}
          onChange={(slotRole) => onChange({ slotRole })}
        />
      </div>
      <Check
        id="nom-details-available247"
        label={t('field.available247')}
        checked={details.available247}
        onChange={(available247) => onChange({ available247 })}
      />
      <div className="row-fields">
        <TextField
          name="details.nameNative"
          label={t('field.nameNative')}
          hint={t('nomination.hint.nameNative')}
          required
          maxLength={200}
          value={details.nameNative}
          errors={errors}
          onChange={(nameNative) => onChange({ nameNative })}
        />
        <TextField
          name="details.nameLatin"
          label={t('field.nameLatin')}
          hint={t('nomination.hint.nameLatin')}
          required
          dir="ltr"
          maxLength={200}
          value={details.nameLatin}
          errors={errors}
          onChange={(nameLatin) => onChange({ nameLatin })}
        />
      </div>
      <div className="row-fields">
        <TextField
          name="details.function"
          label={t('field.function')}
          required
          maxLength={200}
          value={details.function}
          errors={errors}
          onChange={(value) => onChange({ function: value })}
        />
        <TextField
          name="details.organisation"
          label={t('field.organisation')}
          required
          maxLength={300}
          value={details.organisation}
          errors={errors}
          onChange={(organisation) => onChange({ organisation })}
        />
      </div>
      <TextAreaField
        name="details.mandate"
        label={t('field.mandate')}
        hint={t('nomination.hint.mandate')}
        maxLength={2000}
        value={details.mandate}
        errors={errors}
        onChange={(mandate) => onChange({ mandate })}
      />
    </Fieldset>
  );
}

/** E-mails, phones, other secure channels and the OpenPGP key. */
export function ReachFieldset({ details, errors, onChange }: Omit<DetailsProps, 'slotFixed'>) {
  const t = useT();
  return (
    <Fieldset legend={t('nomination.section.reach')}>
      <StringListFieldset
        name="details.emails"
        legend={t('field.emails')}
        hint={t('nomination.hint.emails')}
        itemLabel={(n) => t('nomination.item.email', { n })}
        addLabel={t('nomination.add.email')}
        type="email"
        autoComplete="off"
        values={details.emails}
        max={MAX_EMAILS}
        errors={errors}
        onChange={(emails) => onChange({ emails })}
      />
      <PhonesFieldset phones={details.phones} errors={errors} onChange={(phones) => onChange({ phones })} />
      <ChannelsFieldset
        channels={details.secureChannels}
        errors={errors}
        onChange={(secureChannels) => onChange({ secureChannels })}
      />
      <TextAreaField
        name="details.pgpPublicKey"
        label={t('field.pgpPublicKey')}
        hint={t('nomination.hint.pgpPublicKey')}
        rows={6}
        monospace
        maxLength={20000}
        value={details.pgpPublicKey}
        errors={errors}
        onChange={(pgpPublicKey) => onChange({ pgpPublicKey })}
      />
    </Fieldset>
  );
}

/** Common working languages, offered as suggestions; any BCP 47 tag can be typed. */
const LANGUAGE_SUGGESTIONS = ['ar', 'zh', 'en', 'fr', 'ru', 'es', 'pt', 'de', 'sw', 'hi', 'id', 'ja', 'ko', 'tr', 'fa'];

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/** Working languages, time zone and hours. */
export function HoursFieldset({ details, errors, onChange }: Omit<DetailsProps, 'slotFixed'>) {
  const t = useT();
  const locale = useLocale();
  const zones = useMemo(timeZones, []);
  return (
    <Fieldset legend={t('nomination.section.hours')}>
      <datalist id="language-suggestions">
        {LANGUAGE_SUGGESTIONS.map((code) => (
          <option key={code} value={code}>
            {languageName(code, locale)}
          </option>
        ))}
      </datalist>
      <datalist id="time-zones">
        {zones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <StringListFieldset
        name="details.workingLanguages"
        legend={t('field.workingLanguages')}
        hint={t('nomination.hint.workingLanguages')}
        itemLabel={(n) => t('nomination.item.language', { n })}
        addLabel={t('nomination.add.language')}
        list="language-suggestions"
        values={details.workingLanguages}
        max={MAX_LANGUAGES}
        errors={errors}
        onChange={(workingLanguages) => onChange({ workingLanguages })}
      />
      <div className="row-fields">
        <TextField
          name="details.timeZone"
          label={t('field.timeZone')}
          hint={t('nomination.hint.timeZone')}
          required
          dir="ltr"
          list="time-zones"
          maxLength={64}
          value={details.timeZone}
          errors={errors}
          onChange={(timeZone) => onChange({ timeZone })}
        />
        <TextField
          name="details.availabilityHours"
          label={t('field.availabilityHours')}
          hint={t('nomination.hint.availabilityHours')}
          maxLength={200}
          value={details.availabilityHours}
          errors={errors}
          onChange={(availabilityHours) => onChange({ availabilityHours })}
        />
      </div>
    </Fieldset>
  );
}
