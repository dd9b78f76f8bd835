import { useEffect, useRef, useState } from 'react';
import type { Locale } from '../../../common/locales.ts';
import { toApiError, type ApiError } from '../api/client.ts';
import { tokenFromHash } from '../router.ts';

export type StateNames = ReadonlyMap<string, Record<Locale, string>>;

/** The visitor may have no account: the UN names come with the page's code (as on the acceptance page). */
async function loadStateNames(): Promise<StateNames> {
  const module = await import('../../../data/states.json');
  return new Map(module.default.map((state) => [state.m49, state.names]));
}

export type LinkPhase<T> =
  { kind: 'working' } | { kind: 'invalid' } | { kind: 'failed'; error: ApiError } | { kind: 'done'; answer: T };

function isLinkProblem(error: ApiError): boolean {
  return error.code === 'ACKNOWLEDGEMENT_LINK_INVALID' || error.code === 'VALIDATION_FAILED';
}

/** One request per token, even when React runs the effect twice (StrictMode): the link is single-use. */
const requests = new Map<string, Promise<unknown>>();
function submitOnce<T>(key: string, submit: () => Promise<T>): Promise<T> {
  let pending = requests.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = submit();
    requests.set(key, pending);
    // A failure for another reason than the link may be retried.
    pending.catch(() => requests.delete(key));
  }
  return pending;
}

/**
 * The state of a public page behind a single-use link (token in the URL fragment): it submits the
 * token once on arrival, tells an unknown or used link apart from a failure that may be retried, loads
 * State names for the answer, and moves focus to the result for screen readers.
 */
export function useSingleUseLink<T>(kind: string, submit: (token: string) => Promise<T>) {
  const [token] = useState(tokenFromHash);
  const [phase, setPhase] = useState<LinkPhase<T>>(token ? { kind: 'working' } : { kind: 'invalid' });
  const [round, setRound] = useState(0);
  const [names, setNames] = useState<StateNames | null>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const submitRef = useRef(submit);

  useEffect(() => {
    if (!token) return;
    let live = true;
    submitOnce(`${kind}:${token}`, () => submitRef.current(token)).then(
      (answer) => live && setPhase({ kind: 'done', answer }),
      (caught: unknown) => {
        if (!live) return;
        const error = toApiError(caught);
        setPhase(isLinkProblem(error) ? { kind: 'invalid' } : { kind: 'failed', error });
      },
    );
    loadStateNames().then(
      (loaded) => live && setNames(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [kind, token, round]);

  useEffect(() => {
    if (phase.kind === 'done' || phase.kind === 'invalid') resultRef.current?.focus();
  }, [phase.kind]);

  const retry = () => {
    setPhase({ kind: 'working' });
    setRound((n) => n + 1);
  };
  return { phase, names, resultRef, retry };
}
