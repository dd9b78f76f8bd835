import { useEffect, useId, useRef, useState } from 'react';
import { Check } from '../../components/Check.tsx';
import { useT } from '../../i18n/use-t.ts';

interface PseudonymiseDialogProps {
  open: boolean;
  busy: boolean;
  onConfirm: (options: { pseudonymiseAccount: boolean }) => void;
  onCancel: () => void;
}

/**
 * The confirmation step before a retired contact's personal data is replaced by pseudonyms: says it
 * cannot be undone, and asks whether the person's account goes too. Like ConfirmDialog (a modal
 * <dialog>, Escape cancels, Cancel has the focus), with the account choice added.
 */
export function PseudonymiseDialog({ open, busy, onConfirm, onCancel }: PseudonymiseDialogProps) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const messageId = useId();
  const accountId = useId();
  const [pseudonymiseAccount, setPseudonymiseAccount] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setPseudonymiseAccount(false);
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{t('entry.pseudonymise.title')}</h2>
      <p id={messageId}>{t('entry.pseudonymise.message')}</p>
      <Check
        id={accountId}
        label={t('entry.pseudonymise.account')}
        checked={pseudonymiseAccount}
        disabled={busy}
        onChange={setPseudonymiseAccount}
      />
      <div className="dialog-actions">
        <button
          type="button"
          className="button button-danger"
          onClick={() => onConfirm({ pseudonymiseAccount })}
          disabled={busy}
        >
          {t('entry.pseudonymise.confirm')}
        </button>
        <button type="button" className="button" onClick={onCancel} autoFocus>
          {t('app.cancel')}
        </button>
      </div>
    </dialog>
  );
}
