import { useState } from 'react';
import { Check } from '../../components/Check.tsx';
import { useT } from '../../i18n/use-t.ts';
import { recoveryCodesFile } from './secret-format.ts';
import { useShownOnce } from '../../components/use-shown-once.ts';

interface RecoveryCodesOnceProps {
  codes: readonly string[];
  email: string;
  /** h2 on a page of its own, h3 inside the Security page's sections. */
  headingLevel?: 2 | 3;
  /** Called once the reader has ticked that the codes are stored. */
  onDone: () => void;
}

/**
 * New recovery codes, shown once: they live only in this component's state. Continuing needs the
 * reader to say they stored them, since nobody can show them again. Focus moves here on arrival.
 */
export function RecoveryCodesOnce({ codes, email, headingLevel = 2, onDone }: RecoveryCodesOnceProps) {
  const t = useT();
  const Heading = headingLevel === 3 ? 'h3' : 'h2';
  const [stored, setStored] = useState(false);
  const { ref, copied, copy } = useShownOnce(codes.join('\n'));

  function download() {
    const text = recoveryCodesFile(t('security.recovery.fileHeading', { email }), codes);
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'pocdir-recovery-codes.txt';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  return (
    <section
      ref={ref}
      id="recovery-codes"
      className="section card card-highlight"
      aria-labelledby="recovery-codes-heading"
      tabIndex={-1}
    >
      <Heading id="recovery-codes-heading">{t('security.recovery.newTitle')}</Heading>
      <p>{t('security.recovery.newIntro')}</p>
      <ol className="recovery-code-list" translate="no">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="toolbar">
        <button type="button" className="button" onClick={download}>
          {t('security.recovery.download')}
        </button>
        <button type="button" className="button" onClick={() => void copy()}>
          {t('security.recovery.copy')}
        </button>
      </div>
      <p role="status" className="live-region">
        {copied === 'yes' && t('security.recovery.copied')}
        {copied === 'no' && t('security.copyFailed')}
      </p>
      <p className="notice">{t('security.recovery.warning')}</p>
      <div className="form-actions recovery-confirm">
        <Check id="recovery-codes-stored" label={t('security.recovery.stored')} checked={stored} onChange={setStored} />
        <button
          type="button"
          id="recovery-codes-done"
          className="button button-primary"
          disabled={!stored}
          onClick={onDone}
        >
          {t('security.recovery.continue')}
        </button>
      </div>
    </section>
  );
}
