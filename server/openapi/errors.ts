import { ROLES } from '../../shared/roles.ts';
import { can } from '../../shared/permissions.ts';
import { isAction, type ErrorCase, type RouteDeclaration } from '../http/route.ts';

/**
 * The error replies of an operation, derived from what it is rather than written per route: the
 * middleware and helpers every route goes through decide most of them.
 *
 * - every route: 500 internal (an unexpected failure, logged) and 503 unavailable (the database does
 *   not answer; nothing was changed, retry after Retry-After) — server/app.ts;
 * - a JSON body (readJson, server/http/validate.ts): 400 invalid_json or validation_failed, and 415
 *   when it is not application/json;
 * - a query: 400 validation_failed;
 * - a session (requireUser): 401 unauthenticated;
 * - a write (POST, PUT, PATCH, DELETE): 403 forbidden_origin from the CSRF check (checkOrigin) and
 *   413 payload_too_large for bodies over 1 MB (bodyLimit), both in server/app.ts;
 * - a permission that not every role holds (shared/permissions.ts): 403 forbidden;
 * - an id in the path of a signed-in route: 404 not_found, also for whoever has no role at its table;
 * - a state rule (`conflict`): 409 conflict;
 * - and what the operation lists in `errors` (e.g. 429 on login).
 */
export function errorCases(op: RouteDeclaration): ErrorCase[] {
  const cases: ErrorCase[] = [];
  const add = (status: number, code: ErrorCase['code'], when: string) => cases.push({ status, code, when });
  const write = op.method !== 'get';
  if (op.body) {
    add(400, 'invalid_json', 'the body is not valid JSON');
    add(
      400,
      'validation_failed',
      'the body breaks its schema or a rule of the domain; details.fields name each field with a code (shared/field-problems.ts)',
    );
  }
  if (op.query)
    add(400, 'validation_failed', 'the query breaks its schema; details.fields name each field with a code');
  if (op.permission !== 'public') add(401, 'unauthenticated', 'not signed in');
  if (write) add(403, 'forbidden_origin', 'a browser sent it from another site (Origin or Sec-Fetch-Site)');
  const permission = op.permission;
  if (isAction(permission) && !ROLES.every((role) => can(role, permission))) {
    add(403, 'forbidden', "the person's role at the table does not allow it (see the permission)");
  }
  if (op.permission !== 'public' && op.path.includes(':')) {
    add(404, 'not_found', 'no such resource, or the person has no role at its table');
  }
  if (op.conflict) add(409, 'conflict', op.conflict);
  if (write) add(413, 'payload_too_large', 'the body is larger than 1 MB');
  if (op.body) add(415, 'validation_failed', 'the body is not application/json');
  cases.push(...(op.errors ?? []));
  add(500, 'internal', 'an unexpected failure; it has been logged');
  add(503, 'unavailable', 'the database is unavailable; nothing was changed, retry after Retry-After seconds');
  return cases;
}

/** The error cases by status, in order; a status with an other reply (e.g. /health's 503) keeps that. */
export function errorsByStatus(op: RouteDeclaration): Map<number, ErrorCase[]> {
  const taken = new Set((op.otherReplies ?? []).map((reply) => reply.status));
  const byStatus = new Map<number, ErrorCase[]>();
  for (const error of errorCases(op).sort((a, b) => a.status - b.status)) {
    if (taken.has(error.status)) continue;
    byStatus.set(error.status, [...(byStatus.get(error.status) ?? []), error]);
  }
  return byStatus;
}
