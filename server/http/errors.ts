import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SectionState } from '../../shared/consensus.ts';
import type { ErrorBody, ErrorCode } from '../../shared/errors.ts';
import type { FieldCode, FieldProblem, ValidationDetails } from '../../shared/field-problems.ts';

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
 * A 400 validation_failed whose details name each field and what is wrong with it as a code (see
 * shared/field-problems.ts); the message and `issues` repeat it in English for whoever reads the API.
 */
export function validationFailed(where: string, problems: ReadonlyArray<FieldProblem & { message: string }>): ApiError {
  const first = problems[0];
  const summary = first ? `${first.path || where}: ${first.message}` : 'invalid input';
  const details: ValidationDetails = {
    fields: problems.map(({ message: _message, ...field }) => field),
    issues: problems.map(({ path, message, code }) => ({ path, message, code })),
  };
  return new ApiError(400, 'validation_failed', `invalid ${where}: ${summary}`, details);
}

/**
 * A value that is well-formed but breaks a rule (e.g. a percentage over 100): 400, shaped like schema
 * errors, with a code the client words in the user's language next to the field.
 */
export const invalid = (path: string, message: string, code: FieldCode) =>
  validationFailed('body', [{ path, code, message }]);

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details } };
}

export function respondWithError(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
  return c.json(errorBody(error.code, error.message, error.details), error.status);
}
