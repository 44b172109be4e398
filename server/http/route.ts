import type { Context } from 'hono';
import type { z } from 'zod';
import type { ErrorCode } from '../../shared/errors.ts';
import type { Action } from '../../shared/permissions.ts';
import type { AppDeps } from '../deps.ts';
import { requireAccess, type TableAccess } from './access.ts';
import type { AppEnv, CurrentUser } from './app-env.ts';
import { notFound } from './errors.ts';
import { requireUser } from './middleware.ts';
import { readId, readJson, readQuery } from './validate.ts';

/**
 * Who may call a route: an action of shared/permissions.ts at the table the route's `:id` leads to
 * (404 for whoever has no role there, 403 for a role without the action); `login` for any signed-in
 * person; `public` for anyone.
 */
export type Permission = Action | 'login' | 'public';

/** Whether a permission is an action of shared/permissions.ts (rather than public, login or member). */
export function isAction(permission: Permission): permission is Action {
  return permission !== 'public' && permission !== 'login';
}

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

/**
 * A success reply that is a file rather than JSON (the adopted plan or a report as PDF): its media type
 * and what it is. The OpenAPI document describes it as binary content of that type.
 */
export interface FileReply {
  mediaType: string;
  description: string;
}

/** Whether a declared reply is a file (rather than a JSON schema, or null for 204). */
export function isFileReply(reply: z.ZodType | FileReply | null): reply is FileReply {
  return reply !== null && 'mediaType' in reply;
}

/** What the `:id` of a table-scoped route names, and how it leads to its table (null: there is no such thing). */
export interface Scope<S extends { tableId: string } = { tableId: string }> {
  what: string;
  find: (deps: AppDeps, id: string) => Promise<S | null>;
}

/** The default scope: `:id` is the table's own id. */
export const TABLE_SCOPE: Scope = { what: 'table', find: (_deps, id) => Promise.resolve({ tableId: id }) };

/**
 * A route, declared once beside its handler: the OpenAPI document, the permission check and the
 * validation of its input all come from this.
 */
export interface RouteDeclaration<
  P extends Permission = Permission,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  S extends { tableId: string } = { tableId: string },
> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Under /api, in Hono's syntax (`/tables/:id/goals`). */
  path: string;
  /** Unique and camelCase: the name generated clients give the operation. */
  operationId: string;
  tag: string;
  summary: string;
  permission: P;
  /** For an action: what `:id` names and how it leads to its table (default: the table itself). */
  scope?: Scope<S>;
  body?: B;
  query?: Q;
  /** The success body: a schema of shared/api-schemas (named there), a file (FileReply), or null for 204 No Content. */
  reply: z.ZodType | FileReply | null;
  /** The success status; 200 unless given. */
  status?: number;
  otherReplies?: OtherReply[];
  /** When the route refuses with 409 conflict: the state rules it enforces. */
  conflict?: string;
  /** Errors beyond those that follow from the fields above (see server/openapi/errors.ts). */
  errors?: ErrorCase[];
  devOnly?: boolean;
}

type Parsed<T> = T extends z.ZodType ? z.infer<T> : undefined;

/** Who is asking, as the permission has established it. */
type Caller<P extends Permission, S> = P extends 'public'
  ? { user: CurrentUser | null }
  : P extends 'login'
    ? { user: CurrentUser }
    : { user: CurrentUser; access: TableAccess; scope: S };

/** What a handler receives: the caller, the validated query, and its body (read when it asks, in its order). */
export type RouteInput<P extends Permission, B, Q, S> = Caller<P, S> & {
  query: Parsed<Q>;
  body: () => Promise<Parsed<B>>;
};

export interface DeclaredRoute {
  declaration: RouteDeclaration;
  handler: (c: Context<AppEnv>) => Promise<Response>;
}

/** Establishes the caller as the declaration's permission says: 401, 404 for a non-member, 403 without the action. */
async function caller(c: Context<AppEnv>, declaration: RouteDeclaration): Promise<Record<string, unknown>> {
  const { permission } = declaration;
  if (permission === 'public') return { user: c.var.user };
  if (permission === 'login') return { user: requireUser(c) };
  // As before the declarations: the id is read and looked up first (a malformed or unknown one is 404
  // even without a session), then the session (401), then the role at its table (404 or 403).
  const scope = declaration.scope ?? TABLE_SCOPE;
  const id = readId(c, 'id', scope.what);
  const found = await scope.find(c.var.deps, id);
  if (!found) throw notFound(scope.what);
  const access = await requireAccess(c, found.tableId, permission, scope.what);
  return { user: access.user, access, scope: found };
}

/** Declares a route and its handler; the handler runs only once the permission holds and the query is valid. */
export function route<
  const P extends Permission,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  S extends { tableId: string } = { tableId: string },
>(
  declaration: RouteDeclaration<P, B, Q, S>,
  handler: (c: Context<AppEnv>, input: RouteInput<P, B, Q, S>) => Response | Promise<Response>,
): DeclaredRoute {
  const { body, query } = declaration;
  return {
    declaration: declaration as unknown as RouteDeclaration,
    handler: async (c) => {
      const who = await caller(c, declaration as unknown as RouteDeclaration);
      const input = {
        ...who,
        query: query ? readQuery(c, query) : undefined,
        body: async () => (body ? readJson(c, body) : undefined),
      } as RouteInput<P, B, Q, S>;
      return handler(c, input);
    },
  };
}
