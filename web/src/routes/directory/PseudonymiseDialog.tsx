import { useEffect, useId, useState } from 'react';
import { Check } from '../../components/Check.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { useT } from '../../i18n/use-t.ts';

interface PseudonymiseDialogProps {
  open: boolean;
  busy: boolean;
  onConfirm: (options: { pseudonymiseAccount: boolean }) => void;
  onCancel: () => void;
}

/**
 * The confirmation step before a retired contact's personal data is replaced by pseudonyms: says it
 * cannot be undone, and asks whether the person's account goes too (unticked each time it opens).
 */
export function PseudonymiseDialog({ open, busy, onConfirm, onCancel }: PseudonymiseDialogProps) {
  const t = useT();
  const accountId = useId();
  const [pseudonymiseAccount, setPseudonymiseAccount] = useState(false);

  useEffect(() => {
    if (open) setPseudonymiseAccount(false);
  }, [open]);

  return (
    <ConfirmDialog
      open={open}
      busy={busy}
      title={t('entry.pseudonymise.title')}
      message={t('entry.pseudonymise.message')}
      confirmLabel={t('entry.pseudonymise.confirm')}
      onConfirm={() => onConfirm({ pseudonymiseAccount })}
      onCancel={onCancel}
    >
      <Check
        id={accountId}
        label={t('entry.pseudonymise.account')}
        checked={pseudonymiseAccount}
        disabled={busy}
        onChange={setPseudonymiseAccount}
      />
    </ConfirmDialog>
  );
}
