import type { TlpLabel } from '../../../../common/communications.ts';
import { useT } from '../../i18n/use-t.ts';
import { TLP_HINTS, tlpColour } from './comm-labels.ts';

/**
 * A TLP label as FIRST TLP 2.0 writes it: the exact text ("TLP:AMBER+STRICT", never translated,
 * always left to right) in its colour on black.
 */
export function TlpBadge({ tlp }: { tlp: TlpLabel }) {
  return (
    <span className={`tlp tlp-${tlpColour(tlp)}`} dir="ltr" translate="no">
      {tlp}
    </span>
  );
}

/** The label across the top of a page or a message, with what it allows in the reader's language. */
export function TlpBanner({ tlp }: { tlp: TlpLabel }) {
  const t = useT();
  return (
    <div className={`tlp-banner tlp-banner-${tlpColour(tlp)}`}>
      <TlpBadge tlp={tlp} />
      <span className="tlp-banner-text">{t(TLP_HINTS[tlp])}</span>
    </div>
  );
}
