import { FormField } from './FormField.tsx';

interface NumberFieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  min: number;
  max: number;
  /** As typed, so a half-typed value is not rewritten under the reader's fingers; the form parses it. */
  value: string;
  onChange: (value: string) => void;
}

/** A short whole-number field (hours, months) with its label, hint and error. */
export function NumberField({ id, label, hint, error, min, max, value, onChange }: NumberFieldProps) {
  return (
    <FormField id={id} label={label} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          className="input-short"
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}
