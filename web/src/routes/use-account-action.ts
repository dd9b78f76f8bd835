import { useState } from 'react';
import type { Account } from '../../../common/schemas/accounts.ts';
import { toApiError, type ApiError } from '../api/client.ts';
import { disableAccount, enableAccount, resetSecondFactor } from '../api/endpoints.ts';
import { isolate } from '../components/labels.ts';
import { useT } from '../i18n/use-t.ts';

/** What a row's buttons ask for: disable or enable the account, or reset its second factor. */
export type AccountAction = 'toggle' | 'resetSecondFactor';

interface PendingAction {
  account: Account;
  action: AccountAction;
}

interface AccountActionCallbacks {
  /** An account came back changed (disabled or enabled). */
  onUpdated: (account: Account) => void;
  /** The sentence announcing what was done. */
  setNotice: (text: string) => void;
  /** null when a new attempt starts. */
  setError: (error: ApiError | null) => void;
}

/**
 * The confirmation step of the accounts table's row actions: `ask` opens the dialog, whose props
 * (title, message, button) follow the action; confirming calls the API and reports a notice.
 */
export function useAccountAction({ onUpdated, setNotice, setError }: AccountActionCallbacks) {
  const t = useT();
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [busy, setBusy] = useState(false);

  async function run({ account, action }: PendingAction): Promise<string> {
    const email = isolate(account.email);
    if (action === 'resetSecondFactor') {
      const reset = await resetSecondFactor(account.id);
      return t('accounts.resetSecondFactor.notice', { email, count: reset.revokedSessions });
    }
    const updated = account.disabled ? await enableAccount(account.id) : await disableAccount(account.id);
    onUpdated(updated);
    return t(updated.disabled ? 'accounts.disabledNotice' : 'accounts.enabledNotice', { email });
  }

  async function confirm(): Promise<void> {
    if (!pending) return;
    setBusy(true);
    setError(null);
    try {
      setNotice(await run(pending));
    } catch (caught) {
      setError(toApiError(caught));
    } finally {
      setBusy(false);
      setPending(null);
    }
  }

  const email = isolate(pending?.account.email ?? '');
  const texts =
    pending?.action === 'resetSecondFactor'
      ? {
          title: t('accounts.resetSecondFactor.title'),
          message: t('accounts.resetSecondFactor.confirm', { email }),
          confirmLabel: t('accounts.resetSecondFactor.action'),
        }
      : pending?.account.disabled
        ? {
            title: t('accounts.enable.title'),
            message: t('accounts.enable.confirm', { email }),
            confirmLabel: t('accounts.enable.action'),
          }
        : {
            title: t('accounts.disable.title'),
            message: t('accounts.disable.confirm', { email }),
            confirmLabel: t('accounts.disable.action'),
          };

  return {
    ask: (account: Account, action: AccountAction) => setPending({ account, action }),
    dialog: {
      ...texts,
      open: pending !== null,
      busy,
      onConfirm: () => void confirm(),
      onCancel: () => setPending(null),
    },
  };
}
