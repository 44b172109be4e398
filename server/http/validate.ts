import type { Context } from 'hono';
import { z } from 'zod';
import { ApiError } from './errors.ts';

function validationError(where: string, error: z.ZodError): ApiError {
  const issues = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = issues[0];
  const summary = first ? `${first.path || where}: ${first.message}` : 'invalid input';
  return new ApiError(400, 'validation_failed', `invalid ${where}: ${summary}`, { issues });
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
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationError('body', parsed.error);
  return parsed.data;
}

export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw validationError('query', parsed.error);
  return parsed.data;
}

export function readParam<S extends z.ZodType>(c: Context, name: string, schema: S): z.infer<S> {
  const parsed = schema.safeParse(c.req.param(name));
  if (!parsed.success) throw validationError(`parameter ${name}`, parsed.error);
  return parsed.data;
}

/** Ids are UUIDs; anything else cannot name a row, so it is a 404 rather than a database error. */
export function readId(c: Context, name: string, what: string): string {
  const value = c.req.param(name) ?? '';
  if (!z.uuid().safeParse(value).success) throw new ApiError(404, 'not_found', `${what} not found`);
  return value;
}
