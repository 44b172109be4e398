/**
 * Zod schemas of the reply bodies in shared/api.ts, for the OpenAPI document (server/openapi/) and the
 * tests that check real replies against it. The interfaces in shared/api.ts stay the types the code
 * uses; each schema here is bound to its interface so that the two cannot drift apart.
 */
import { z } from 'zod';

/** The reply schemas by name: the OpenAPI document lists them under components/schemas. */
export const apiSchemas = z.registry<{ id: string; description?: string }>();

type Exactly<T, S extends z.ZodType> = [T] extends [z.output<S>]
  ? unknown
  : { 'the schema has a field its type lacks, or requires one the type leaves optional': true };

/**
 * Names the schema of a type of shared/api.ts. It does not compile unless the schema's output and the
 * type are assignable to each other: a field added to, removed from or changed in either breaks the build.
 */
export function replySchema<T>() {
  return <S extends z.ZodType<T>>(id: string, schema: S & Exactly<T, S>, description?: string): S => {
    apiSchemas.add(schema as z.ZodType, description ? { id, description } : { id });
    return schema;
  };
}

/** Row ids are UUIDs. */
export const uuid = z.uuid();
/** A moment, as Date.toISOString() writes it. */
export const timestamp = z.iso.datetime();
/** A calendar day, YYYY-MM-DD. */
export const day = z.iso.date();
