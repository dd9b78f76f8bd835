import { useEffect, useRef, useState } from 'react';

/**
 * A secret shown once (a one-time password, an API token, recovery codes): focus lands on its
 * section when it appears, so keyboard and screen-reader users find it, and `copy` puts it on the
 * clipboard, reporting 'yes' or 'no' (clipboards can be refused) for a live message.
 */
export function useShownOnce(secret: string) {
  const ref = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  useEffect(() => {
    ref.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  }

  return { ref, copied, copy };
}
