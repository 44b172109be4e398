import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SectionState } from '../../shared/consensus.ts';
import type { ErrorBody, ErrorCode } from '../../shared/errors.ts';

/** An error that crosses the API boundary as `{ error: { code, message, details? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);
export const forbidden = (message = 'your role at this table does not allow this') =>
  new ApiError(403, 'forbidden', message);
export const conflict = (message: string, details?: unknown) => new ApiError(409, 'conflict', message, details);

/** 409 with a section's current state: the client learns where the section really is. */
export const stateConflict = (section: { state: SectionState }, what: string) =>
  new ApiError(409, 'conflict', `${what} is not possible while the section is ${section.state}`, {
    state: section.state,
  });

/**
 * A value that is well-formed but breaks a rule (e.g. a percentage over 100): 400, shaped like schema
 * errors, with a code the client can word in the user's language.
 */
export const invalid = (path: string, message: string, code?: string) =>
  new ApiError(400, 'validation_failed', `invalid body: ${path}: ${message}`, {
    issues: [{ path, message, ...(code ? { code } : {}) }],
  });

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

export function respondWithError(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
  return c.json(errorBody(error.code, error.message, error.details), error.status);
}
