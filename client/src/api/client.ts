import type { ErrorCode } from '../../../shared/errors.ts';

/** An API error with its code, so that pages can show the catalog's text for it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'network',
    message: string,
    readonly retryAfterSeconds?: number,
    /** The error's details, e.g. `{ state }` when the consensus state machine refused (409). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type SessionLostListener = () => void;
const sessionLostListeners = new Set<SessionLostListener>();

/**
 * Called whenever the server answers 401 unauthenticated (the session expired or was ended elsewhere):
 * the session state forgets the person, and the login page brings them back. Returns the unsubscribe.
 */
export function onSessionLost(listener: SessionLostListener): () => void {
  sessionLostListeners.add(listener);
  return () => {
    sessionLostListeners.delete(listener);
  };
}

export async function api<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', 'network error');
  }
  const text = await response.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const error = (json as { error?: { code?: ErrorCode; message?: string; details?: unknown } } | null)?.error;
    if (response.status === 401 && error?.code === 'unauthenticated') {
      for (const listener of sessionLostListeners) listener();
    }
    const retryAfter = Number(response.headers.get('retry-after'));
    throw new ApiError(
      response.status,
      error?.code ?? 'internal',
      error?.message ?? response.statusText,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      error?.details,
    );
  }
  return json as T;
}
