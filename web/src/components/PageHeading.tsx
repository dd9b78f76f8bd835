import { useEffect } from 'react';

/**
 * The page's one <h1>. It also names the browser tab, and takes focus after client-side
 * navigation (tabIndex -1) so screen-reader users hear where they arrived.
 */
export function PageHeading({ children }: { children: string }) {
  useEffect(() => {
    document.title = `${children} — pocdir`;
  }, [children]);
  return (
    <h1 id="page-title" tabIndex={-1}>
      {children}
    </h1>
  );
}
