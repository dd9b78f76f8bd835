import { FormField } from '../../components/FormField.tsx';

interface CodeFieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
}

/**
 * A six-digit code from an authenticator app: the numeric keypad on phones, and the browser's or
 * password manager's one-time-code autofill. autoFocus where typing the code is the one thing the
 * page asks for (the sign-in step), so nobody has to find the field first.
 */
export function CodeField({ id, label, hint, value, onChange, autoFocus = false }: CodeFieldProps) {
  return (
    <FormField id={id} label={label} hint={hint}>
      {(control) => (
        <input
          {...control}
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9 ]*"
          maxLength={7}
          required
          spellCheck={false}
          className="input-code"
          autoFocus={autoFocus}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FormField>
  );
}
