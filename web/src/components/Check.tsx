import type { ReactNode } from 'react';

interface CheckProps {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  describedBy?: string | undefined;
}

/** A checkbox with its label beside it (in reading order, so it mirrors in Arabic). */
export function Check({ id, label, checked, onChange, disabled = false, describedBy }: CheckProps) {
  return (
    <div className="check">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
