import { useSyncExternalStore } from 'react';

/** The app's pages. The server answers every one of them with index.html. */
export type AppPath =
  | '/'
  | '/signin'
  | '/states'
  | '/accounts'
  | '/audit'
  | '/password'
  | '/security'
  | '/directory'
  | `/directory?${string}`
  | `/directory/entries/${string}`
  | '/nominations'
  | `/nominations/${string}`
  | `/nominations?${string}`
  | '/coverage'
  | '/my-state'
  | '/accept'
  | '/communications'
  | `/communications/${string}`
  | '/acknowledge'
  | '/ping-tests'
  | `/ping-tests/${string}`
  | '/ping';

const NAVIGATE_EVENT = 'pocdir:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

/** The current path, re-rendering on navigation and on the browser's back and forward buttons. */
export function usePath(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.pathname,
    () => '/',
  );
}

/** The current query string ("?type=update&entry=…"), re-rendering on navigation. */
export function useSearch(): string {
  return useSyncExternalStore(
    subscribe,
    () => window.location.search,
    () => '',
  );
}

let headingFocusPending = false;

/**
 * A page loaded on demand renders its heading after the navigation effect has run; it takes
 * the focus then (see PageHeading), so screen-reader users still hear where they arrived.
 */
export function deferHeadingFocus(): void {
  headingFocusPending = true;
}

export function takeDeferredHeadingFocus(): boolean {
  const pending = headingFocusPending;
  headingFocusPending = false;
  return pending;
}

export function navigate(path: AppPath, options: { replace?: boolean } = {}): void {
  if (window.location.pathname + window.location.search === path) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/**
 * A single-use token from an e-mailed link (/accept#…, /acknowledge#…, /ping#…). It travels in the
 * address's fragment, which browsers never send to a server nor put in a Referer.
 */
export function tokenFromHash(): string {
  return decodeURIComponent(window.location.hash.replace(/^#/, '')).trim();
}
