import type { ReactNode } from 'react';
import { navigate, type AppPath } from '../router.ts';

interface NavLinkProps {
  to: AppPath;
  current?: boolean;
  className?: string;
  children: ReactNode;
}

/** A real link (opens in a new tab, copies) that navigates without reloading on a plain click. */
export function NavLink({ to, current = false, className, children }: NavLinkProps) {
  return (
    <a
      href={to}
      className={className}
      aria-current={current ? 'page' : undefined}
      onClick={(event) => {
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(to);
      }}
    >
      {children}
    </a>
  );
}
