import { useEffect } from 'react';
import { navigate, type AppPath } from '../router.ts';

/** Replaces the current history entry, so Back does not return to the redirecting address. */
export function Redirect({ to }: { to: AppPath }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
