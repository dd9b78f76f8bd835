import { useEffect, useState } from 'react';
import type { State } from '../../../common/schemas/states.ts';
import type { ApiError } from './client.ts';
import { listStates } from './endpoints.ts';

let cached: Promise<State[]> | null = null;

/** The 195 States change only with a release: fetch them once per page load and share them. */
function loadStates(): Promise<State[]> {
  cached ??= listStates().then(
    (list) => list.items,
    (error: unknown) => {
      cached = null;
      throw error;
    },
  );
  return cached;
}

/** Forgets the shared list (tests, sign-out). */
export function forgetStates(): void {
  cached = null;
}

export interface StatesResult {
  states: State[] | null;
  error: ApiError | null;
}

export function useStates(): StatesResult {
  const [result, setResult] = useState<StatesResult>({ states: null, error: null });
  useEffect(() => {
    let live = true;
    loadStates().then(
      (states) => live && setResult({ states, error: null }),
      (error: ApiError) => live && setResult({ states: null, error }),
    );
    return () => {
      live = false;
    };
  }, []);
  return result;
}
