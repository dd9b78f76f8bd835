import {
  TEMPLATE_FIELDS,
  type TemplateDefinition,
  type TemplateFieldName,
} from '../../../../common/communication-templates.ts';
import { Check } from '../../components/Check.tsx';
import { FormField } from '../../components/FormField.tsx';
import { useT } from '../../i18n/use-t.ts';
import { Fieldset, type FieldErrors } from '../nominations/FormControls.tsx';
import { fieldIdOf } from '../nominations/nomination-errors.ts';
import { fieldKey, valueKey } from './comm-labels.ts';
import type { ContentDraft } from './template-model.ts';

interface TemplateFieldsProps {
  template: TemplateDefinition;
  draft: ContentDraft;
  errors: FieldErrors;
  /** The free text's language, so the browser's spell-checker and text direction follow it. */
  language: string;
  onChange: (name: TemplateFieldName, value: string | string[]) => void;
}

/** The fields of one template, in its order, each control chosen by the field's kind. */
export function TemplateFields({ template, draft, errors, language, onChange }: TemplateFieldsProps) {
  const t = useT();
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <>
      {template.fields.map((name) => {
        const field = TEMPLATE_FIELDS[name];
        const required = template.required.includes(name);
        const errorName = `content.${name}`;
        const id = fieldIdOf(errorName);
        const label = required
          ? t('communications.compose.requiredLabel', { label: t(fieldKey(name)) })
          : t(fieldKey(name));
        const value = draft[name];
        const text = typeof value === 'string' ? value : '';
        const maxLength = 'maxLength' in field ? field.maxLength : undefined;
        switch (field.kind) {
          case 'enumList': {
            const chosen = Array.isArray(value) ? value : [];
            return (
              <Fieldset key={name} legend={label} name={errorName} errors={errors}>
                <div className="check-grid">
                  {field.options.map((option) => (
                    <Check
                      key={option}
                      id={`${id}-${option}`}
                      label={t(valueKey(name, option))}
                      checked={chosen.includes(option)}
                      onChange={(checked) =>
                        onChange(name, checked ? [...chosen, option] : chosen.filter((v) => v !== option))
                      }
                    />
                  ))}
                </div>
              </Fieldset>
            );
          }
          case 'enum':
            return (
              <FormField key={name} id={id} label={label} error={errors.get(errorName)}>
                {(control) => (
                  <select
                    {...control}
                    name={name}
                    required={required}
                    aria-required={required || undefined}
                    value={text}
                    onChange={(event) => onChange(name, event.target.value)}
                  >
                    <option value="">{t('communications.compose.notStated')}</option>
                    {field.options.map((option) => (
                      <option key={option} value={option}>
                        {t(valueKey(name, option))}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
            );
          case 'datetime':
            return (
              <FormField
                key={name}
                id={id}
                label={label}
                hint={t('communications.compose.datetimeHint', { zone: timeZone })}
                error={errors.get(errorName)}
              >
                {(control) => (
                  <input
                    {...control}
                    name={name}
                    type="datetime-local"
                    className="input-datetime"
                    required={required}
                    aria-required={required || undefined}
                    value={text}
                    onChange={(event) => onChange(name, event.target.value)}
                  />
                )}
              </FormField>
            );
          case 'text':
            return (
              <FormField key={name} id={id} label={label} error={errors.get(errorName)}>
                {(control) => (
                  <input
                    {...control}
                    name={name}
                    type="text"
                    dir="auto"
                    lang={language}
                    maxLength={maxLength}
                    required={required}
                    aria-required={required || undefined}
                    autoComplete="off"
                    value={text}
                    onChange={(event) => onChange(name, event.target.value)}
                  />
                )}
              </FormField>
            );
          case 'longtext':
          case 'stringList':
            return (
              <FormField
                key={name}
                id={id}
                label={label}
                hint={field.kind === 'stringList' ? t('communications.compose.onePerLine') : undefined}
                error={errors.get(errorName)}
              >
                {(control) => (
                  <textarea
                    {...control}
                    name={name}
                    rows={field.kind === 'stringList' ? 4 : 5}
                    dir={field.kind === 'stringList' ? 'ltr' : 'auto'}
                    lang={field.kind === 'stringList' ? undefined : language}
                    className={field.kind === 'stringList' ? 'textarea-code' : undefined}
                    spellCheck={field.kind !== 'stringList'}
                    required={required}
                    aria-required={required || undefined}
                    value={text}
                    onChange={(event) => onChange(name, event.target.value)}
                  />
                )}
              </FormField>
            );
        }
      })}
    </>
  );
}
