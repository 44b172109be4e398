import { useState } from 'react';

/**
 * Runs one user action against the API: keeps it busy while it runs, the error when it fails and a
 * success message when it worked (a text, or a text made from the action's result). Resolves true on
 * success, so that forms can reset themselves.
 */
export function useAction() {
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run<T>(
    action: () => Promise<T>,
    success: string | ((result: T) => string) | null = null,
  ): Promise<boolean> {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      const result = await action();
      setStatus(typeof success === 'function' ? success(result) : success);
      return true;
    } catch (cause) {
      setError(cause);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { run, error, status, busy };
}
