import { parseDocumentName } from '../../shared/documents.ts';
import { validateSessionToken } from '../auth/commands.ts';
import { CLOSE } from '../collab/protocol.ts';
import type { UpgradeDecision, UpgradeRequest } from '../collab/access.ts';
import type { Db } from '../db/db.ts';
import type { AppConfig, Clock } from '../deps.ts';
import { allowedOrigins } from '../http/origins.ts';
import { isProposalDocumentLocked, proposalDocumentAccess } from '../consensus/proposal-documents.ts';
import { isReportDocumentLocked, reportDocumentAccess } from '../reports/documents.ts';
import { isSectionDocumentLocked, sectionDocumentAccess } from '../sections/documents.ts';

/**
 * The app's answers to the co-editing service: who may open a document, and whether it is locked.
 * Each document kind (shared/documents.ts) is answered by the capability that owns it.
 */

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

const refuse = (refusal: { code: number; reason: string }): UpgradeDecision => ({ ok: false, refusal });

/**
 * Decides a WebSocket upgrade before any document data is sent: the request must come from an origin
 * our HTTP side accepts too (no cross-site WebSocket hijacking), the session cookie must be valid, and
 * the person must be allowed to read the document. Refusals carry a close code in 4400-4499, so the
 * stock provider stops retrying. Throws only when the database cannot answer.
 */
export async function authorizeDocument(
  deps: { db: Db; sessionClock: Clock; config: Pick<AppConfig, 'trustedOrigins' | 'publicUrl'> },
  request: UpgradeRequest,
  docName: string,
): Promise<UpgradeDecision> {
  const ref = parseDocumentName(docName);
  if (!ref) return refuse(CLOSE.notFound);
  if (request.origin !== undefined && !allowedOrigins(request.url, deps.config).has(request.origin)) {
    return refuse({ code: CLOSE.forbidden.code, reason: 'requests from this origin are not accepted' });
  }
  const token = cookieValue(request.cookie, 'tafelwerk_session');
  const session = token ? await validateSessionToken(deps.db, token, deps.sessionClock.now()) : null;
  if (!session) return refuse(CLOSE.unauthenticated);
  const access =
    ref.kind === 'section'
      ? await sectionDocumentAccess(deps.db, ref.id, session.userId)
      : ref.kind === 'report'
        ? await reportDocumentAccess(deps.db, ref.id, ref.part, session.userId)
        : await proposalDocumentAccess(deps.db, ref.id, session.userId);
  if (!access) return refuse(CLOSE.notFound);
  if (!access.read) return refuse(CLOSE.forbidden);
  return {
    ok: true,
    docName,
    info: { userId: session.userId, canWrite: access.write },
    sessionId: session.id,
    sessionExpiresAt: session.expiresAt,
  };
}

/** Whether a document refuses writes now; anything that is not one of our documents does. */
export async function isDocumentLocked(db: Db, docName: string): Promise<boolean> {
  const ref = parseDocumentName(docName);
  if (!ref) return true;
  if (ref.kind === 'proposal') return isProposalDocumentLocked(db, ref.id);
  return ref.kind === 'section' ? isSectionDocumentLocked(db, ref.id) : isReportDocumentLocked(db, ref.id);
}
