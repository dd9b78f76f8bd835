import { FormattedMessage } from 'react-intl';
import type { CreatedAccount } from '../../../common/schemas/accounts.ts';
import { Email } from '../components/Email.tsx';
import { useT } from '../i18n/use-t.ts';
import { useShownOnce } from '../components/use-shown-once.ts';

/**
 * The new account's one-time password, shown once: it lives only in this component's state and
 * is gone when the section is closed. Focus moves here so keyboard users land on it.
 */
export function OneTimePassword({ created, onDone }: { created: CreatedAccount; onDone: () => void }) {
  const t = useT();
  const { ref, copied, copy } = useShownOnce(created.initialPassword);

  return (
    <section ref={ref} className="section card card-highlight" aria-labelledby="created-heading" tabIndex={-1}>
      <h2 id="created-heading">{t('accounts.created.title')}</h2>
      <p>
        <FormattedMessage id="accounts.created.intro" values={{ email: <Email address={created.account.email} /> }} />
      </p>
      <p className="secret-row">
        <code className="secret" translate="no" id="initial-password">
          {created.initialPassword}
        </code>
        <button type="button" className="button" onClick={() => void copy()}>
          {t('accounts.created.copy')}
        </button>
      </p>
      <p role="status" className="live-region">
        {copied === 'yes' && t('accounts.created.copied')}
        {copied === 'no' && t('accounts.created.copyFailed')}
      </p>
      <p className="notice">{t('accounts.created.warning')}</p>
      <button type="button" className="button button-primary" onClick={onDone}>
        {t('accounts.created.done')}
      </button>
    </section>
  );
}
