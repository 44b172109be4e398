/*
 * Requests started before the page that needs them has rendered: on a first visit straight to a page
 * (a link in a mail) its data then travels while its code is still downloading (issue 17).
 */
const pending = new Map<string, Promise<unknown>>();

/** Starts a request now, for `take` to pick up later under the same key. */
export function prefetch(key: string, load: () => Promise<unknown>): void {
  if (pending.has(key)) return;
  const request = load();
  request.catch(() => undefined); // a failure is for `take` to deal with, not an unhandled rejection
  pending.set(key, request);
}

/**
 * The prefetched answer once (later calls load afresh, as a reload should); when it failed (it may have
 * left before the login did), a fresh request instead.
 */
export function take<T>(key: string, load: () => Promise<T>): Promise<T> {
  const request = pending.get(key) as Promise<T> | undefined;
  pending.delete(key);
  return request ? request.catch(load) : load();
}
