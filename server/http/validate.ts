import type { Context } from 'hono';
import { z } from 'zod';
import { findUnstorableString } from '../../shared/text.ts';
import { ApiError, validationFailed } from './errors.ts';
import { fieldIssues } from './field-problems.ts';

/**
 * JSON can carry \u0000 and lone surrogates, which PostgreSQL text cannot hold: refused here, with
 * the field, instead of failing deep in a query.
 */
function refuseUnstorable(where: string, value: unknown): void {
  const path = findUnstorableString(value);
  if (path === null) return;
  const message = 'contains a character that cannot be stored (NUL or an unpaired surrogate)';
  throw validationFailed(where, [{ path, message, code: 'invalid_characters' }]);
}

/** A schema's refusal as a 400 naming each field with a code; `input` is the value that was refused. */
export function validationError(where: string, error: z.ZodError, input?: unknown): ApiError {
  return validationFailed(where, fieldIssues(error, input));
}

/** Reads and validates a JSON body; malformed JSON and schema violations become 400s with details. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const contentType = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    throw new ApiError(415, 'validation_failed', 'request body must be application/json');
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new ApiError(400, 'invalid_json', 'request body is not valid JSON');
  }
  refuseUnstorable('body', raw);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError('body', parsed.error, raw);
  return parsed.data;
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const query = c.req.query();
  refuseUnstorable('query', query);
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw validationError('query', parsed.error, query);
  return parsed.data;
}

export function readParam<S extends z.ZodType>(c: Context, name: string, schema: S): z.infer<S> {
  const value = c.req.param(name);
  refuseUnstorable(`parameter ${name}`, value);
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(`parameter ${name}`, parsed.error, value);
  return parsed.data;
}

/** Ids are UUIDs; anything else cannot name a row, so it is a 404 rather than a database error. */
export function readId(c: Context, name: string, what: string): string {
  const value = c.req.param(name) ?? '';
  if (!z.uuid().safeParse(value).success) throw new ApiError(404, 'not_found', `${what} not found`);
  return value;
}
