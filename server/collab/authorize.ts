import { can } from '../../shared/permissions.ts';
import { validateSessionToken } from '../auth/sessions.ts';
import type { Db } from '../db/db.ts';
import type { Clock } from '../deps.ts';
import { findSection } from '../sections/queries.ts';
import { roleAt } from '../tables/queries.ts';
import type { ConnectionInfo } from './room.ts';

export const DOC_NAME = /^section:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export type UpgradeDecision =
  { ok: true; docName: string; info: ConnectionInfo } | { ok: false; status: 400 | 401 | 403 | 404; message: string };

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * Decides a WebSocket upgrade before any document data is sent: the session cookie must be valid,
 * the request must come from our own origin (no cross-site WebSocket hijacking), and the person
 * must hold a role at the section's table that lets them read it. Runtime-free, shared by Node and Workers.
 */
export async function authorizeUpgrade(
  deps: { db: Db; clock: Clock; trustedOrigins: readonly string[] },
  request: { url: string; cookie: string | undefined; origin: string | undefined },
  docName: string,
): Promise<UpgradeDecision> {
  const match = DOC_NAME.exec(docName);
  if (!match?.[1]) return { ok: false, status: 404, message: 'no such document' };
  const requestOrigin = new URL(request.url).origin;
  if (
    request.origin !== undefined &&
    request.origin !== requestOrigin &&
    !deps.trustedOrigins.includes(request.origin)
  ) {
    return { ok: false, status: 403, message: `origin ${request.origin} is not accepted` };
  }
  const token = cookieValue(request.cookie, 'tafelwerk_session');
  const session = token ? await validateSessionToken(deps.db, token, deps.clock.now()) : null;
  if (!session) return { ok: false, status: 401, message: 'log in first' };
  const section = await findSection(deps.db, match[1]);
  const role = section ? await roleAt(deps.db, section.tableId, session.userId) : null;
  if (!section || !role) return { ok: false, status: 404, message: 'no such document' };
  if (!can(role, 'section.read')) return { ok: false, status: 403, message: 'no access to this document' };
  return { ok: true, docName, info: { userId: session.userId, canWrite: can(role, 'section.edit') } };
}

export async function isSectionLocked(db: Db, docName: string): Promise<boolean> {
  const id = DOC_NAME.exec(docName)?.[1];
  if (!id) return true;
  // Archived sections, and the sections of an archived plan, are history: nobody writes in them.
  const rows = await db.query<{ locked: boolean }>(
    `select s.locked or s.archived_at is not null or p.archived_at is not null as locked
       from sections s join plans p on p.id = s.plan_id where s.id = $1`,
    [id],
  );
  return rows[0]?.locked ?? true;
}
