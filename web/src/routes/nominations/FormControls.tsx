import type { ReactNode } from 'react';
import { FormField } from '../../components/FormField.tsx';
import { fieldIdOf } from './nomination-errors.ts';

/** The field errors of the last submission, by field name ("details.emails.0"). */
export type FieldErrors = ReadonlyMap<string, string>;

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
  hint?: string | undefined;
  type?: 'text' | 'email' | 'tel' | 'date';
  required?: boolean;
  maxLength?: number;
  list?: string;
  dir?: 'ltr' | 'auto';
  autoComplete?: string;
  className?: string;
}

/** A labelled input named like the API field, showing the server's verdict on it. */
export function TextField({
  name,
  label,
  value,
  onChange,
  errors,
  hint,
  type = 'text',
  required = false,
  maxLength,
  list,
  dir = 'auto',
  autoComplete = 'off',
  className,
}: TextFieldProps) {
  return (
    <FormField id={fieldIdOf(name)} label={label} hint={hint} error={errors.get(name)}>
      {(control) => (
        <input
          {...control}
          name={name}
          type={type}
          dir={dir}
          className={className}
          required={required}
          aria-required={required || undefined}
          maxLength={maxLength}
          list={list}
          autoComplete={autoComplete}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}

interface TextAreaFieldProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors: FieldErrors;
  hint?: string | undefined;
  rows?: number;
  maxLength?: number;
  required?: boolean;
  monospace?: boolean;
}

export function TextAreaField({
  name,
  label,
  value,
  onChange,
  errors,
  hint,
  rows = 3,
  maxLength,
  required = false,
  monospace = false,
}: TextAreaFieldProps) {
  return (
    <FormField id={fieldIdOf(name)} label={label} hint={hint} error={errors.get(name)}>
      {(control) => (
        <textarea
          {...control}
          name={name}
          rows={rows}
          dir={monospace ? 'ltr' : 'auto'}
          className={monospace ? 'textarea-code' : undefined}
          maxLength={maxLength}
          required={required}
          aria-required={required || undefined}
          spellCheck={!monospace}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}

interface SelectFieldProps<V extends string> {
  name: string;
  label: string;
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
  errors: FieldErrors;
  hint?: string | undefined;
  disabled?: boolean;
}

export function SelectField<V extends string>({
  name,
  label,
  value,
  options,
  onChange,
  errors,
  hint,
  disabled = false,
}: SelectFieldProps<V>) {
  return (
    <FormField id={fieldIdOf(name)} label={label} hint={hint} error={errors.get(name)}>
      {(control) => (
        <select
          {...control}
          name={name}
          value={value}
          disabled={disabled}
          onChange={(event) => {
            const chosen = options.find((option) => option.value === event.target.value);
            if (chosen) onChange(chosen.value);
          }}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

/** A group of fields with a visible legend and, for list-level problems (too few e-mails), its error. */
export function Fieldset({
  legend,
  name,
  errors,
  hint,
  children,
}: {
  legend: string;
  name?: string;
  errors?: FieldErrors;
  hint?: string;
  children: ReactNode;
}) {
  const error = name ? errors?.get(name) : undefined;
  const id = name ? fieldIdOf(name) : undefined;
  return (
    <fieldset
      className={error ? 'fieldset field-invalid' : 'fieldset'}
      id={id}
      tabIndex={id ? -1 : undefined}
      aria-describedby={error && id ? `${id}-error` : undefined}
    >
      <legend>{legend}</legend>
      {hint && <p className="field-hint">{hint}</p>}
      {error && id && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
      {children}
    </fieldset>
  );
}
