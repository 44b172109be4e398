import type { z } from 'zod';
import type { ErrorCode } from '../../shared/errors.ts';
import type { Action } from '../../shared/permissions.ts';

/** An error reply a route can give, with when it happens. */
export interface ErrorCase {
  status: number;
  code: ErrorCode;
  when: string;
}

/** A reply other than the main success and the error body: a second success status, or /health's 503. */
export interface OtherReply {
  status: number;
  schema: z.ZodType;
  when: string;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Hono's path syntax, under /api. */
  path: string;
  /** Unique and camelCase: the name generated clients give the operation. */
  operationId: string;
  tag: string;
  summary: string;
  /** The action of the permission matrix the route checks at the table (none: any signed-in person, or public). */
  permission?: Action;
  /** Reachable without a session. */
  public?: boolean;
  body?: z.ZodType;
  query?: z.ZodType;
  /** The success body: a schema of shared/api-schemas (named there), or null for 204 No Content. */
  reply: z.ZodType | null;
  /** The success status; 200 unless given. */
  status?: number;
  otherReplies?: OtherReply[];
  /** When the route refuses with 409 conflict: the state rules it enforces. */
  conflict?: string;
  /** Errors beyond those that follow from the flags above (see errors.ts). */
  errors?: ErrorCase[];
  devOnly?: boolean;
}
