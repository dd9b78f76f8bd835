import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from './client.ts';

export interface Resource<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  /** Fetches again (after a change the page made). */
  reload: () => void;
  /** Replaces the data with what a write returned, without another round trip. */
  setData: (data: T) => void;
}

/**
 * Loads data for a page and keeps the latest answer only: a slow response to an older filter
 * never overwrites a newer one. `load` must be memoised (useCallback) on what it depends on.
 */
export function useResource<T>(load: () => Promise<T>): Resource<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    load().then(
      (value) => {
        if (!live) return;
        setData(value);
        setLoading(false);
      },
      (caught: unknown) => {
        if (!live) return;
        setError(toApiError(caught));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [load, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { data, error, loading, reload, setData };
}
