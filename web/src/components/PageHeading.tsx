import { useEffect, useRef } from 'react';
import { takeDeferredHeadingFocus } from '../router.ts';

/**
 * The page's one <h1>. It also names the browser tab, and takes focus after client-side
 * navigation (tabIndex -1) so screen-reader users hear where they arrived.
 */
export function PageHeading({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${children} — pocdir`;
  }, [children]);
  useEffect(() => {
    if (takeDeferredHeadingFocus()) ref.current?.focus();
  }, []);
  return (
    <h1 id="page-title" tabIndex={-1} ref={ref}>
      {children}
    </h1>
  );
}
