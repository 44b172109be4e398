import { useCallback, useEffect, useState } from 'react';

/** Loads data for a page and reloads it on demand; keeps the error for the page to show. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const run = useCallback(load, deps);
  const reload = useCallback(async () => {
    try {
      setData(await run());
      setError(null);
    } catch (cause) {
      setError(cause);
    }
  }, [run]);
  useEffect(() => {
    let cancelled = false;
    run().then(
      (value) => {
        if (!cancelled) {
          setData(value);
          setError(null);
        }
      },
      (cause: unknown) => {
        if (!cancelled) setError(cause);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [run]);
  return { data, setData, error, reload };
}
