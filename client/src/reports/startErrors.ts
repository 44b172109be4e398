import { ApiError } from '../api/client.ts';

export type StartRefusal = { kind: 'not_started' } | { kind: 'exists'; reportId: string | null };

/**
 * The refusals of starting a report that the form words itself rather than with the server's English
 * message: a period that has not begun (400 with code period_not_started), and a report of that kind
 * and period that exists already (409, with its id, so that the form can link to it).
 */
export function startRefusal(error: unknown): StartRefusal | null {
  if (!(error instanceof ApiError)) return null;
  const details = error.details as { issues?: Array<{ code?: unknown }>; reportId?: unknown } | undefined;
  if (error.code === 'validation_failed' && details?.issues?.[0]?.code === 'period_not_started') {
    return { kind: 'not_started' };
  }
  if (error.code === 'conflict') {
    return { kind: 'exists', reportId: typeof details?.reportId === 'string' ? details.reportId : null };
  }
  return null;
}
