import { can } from '../../shared/permissions.ts';
import { validateSessionToken } from '../auth/sessions.ts';
import type { Db } from '../db/db.ts';
import type { AppConfig, Clock } from '../deps.ts';
import { allowedOrigins } from '../http/origins.ts';
import { findSection } from '../sections/queries.ts';
import { roleAt } from '../tables/queries.ts';
import { CLOSE } from './protocol.ts';
import type { ConnectionInfo } from './room.ts';

export const DOC_NAME = /^section:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export interface Refusal {
  code: number;
  reason: string;
}

export interface Admission {
  docName: string;
  info: ConnectionInfo;
  sessionId: string;
  /** When the session ends unless it is used (and renewed) meanwhile: the connection is checked again then. */
  sessionExpiresAt: Date;
}

export type UpgradeDecision = ({ ok: true } & Admission) | { ok: false; refusal: Refusal };

/** What an upgrade request carries that decides it; kept, so an open connection can be decided again. */
export interface UpgradeRequest {
  url: string;
  cookie: string | undefined;
  origin: string | undefined;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

const refuse = (refusal: Refusal): UpgradeDecision => ({ ok: false, refusal });

/**
 * Decides a WebSocket upgrade before any document data is sent: the request must come from an origin
 * our HTTP side accepts too (no cross-site WebSocket hijacking), the session cookie must be valid, and
 * the person must hold a role at the section's table that lets them read it. Refusals carry a close
 * code in 4400-4499, so the stock provider stops retrying. Runtime-free, shared by Node and Workers;
 * it throws only when the database cannot answer, which the runtime reports as transient.
 */
export async function authorizeUpgrade(
  deps: { db: Db; sessionClock: Clock; config: Pick<AppConfig, 'trustedOrigins' | 'publicUrl'> },
  request: UpgradeRequest,
  docName: string,
): Promise<UpgradeDecision> {
  const match = DOC_NAME.exec(docName);
  if (!match?.[1]) return refuse(CLOSE.notFound);
  if (request.origin !== undefined && !allowedOrigins(request.url, deps.config).has(request.origin)) {
    return refuse({ code: CLOSE.forbidden.code, reason: 'requests from this origin are not accepted' });
  }
  const token = cookieValue(request.cookie, 'tafelwerk_session');
  const session = token ? await validateSessionToken(deps.db, token, deps.sessionClock.now()) : null;
  if (!session) return refuse(CLOSE.unauthenticated);
  const section = await findSection(deps.db, match[1]);
  const role = section ? await roleAt(deps.db, section.tableId, session.userId) : null;
  if (!section) return refuse(CLOSE.notFound);
  if (!role || !can(role, 'section.read')) return refuse(CLOSE.forbidden);
  return {
    ok: true,
    docName,
    info: { userId: session.userId, canWrite: can(role, 'section.edit') },
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
  };
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
