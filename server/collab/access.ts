import type { ConnectionInfo } from './room.ts';

/**
 * What the co-editing service asks of the app about a connection; the app answers it (see
 * server/documents/access.ts), so that collab knows documents and connections, not tables or roles.
 */

/** A close code and reason: 4400-4499 for refusals the stock provider must not retry. */
export interface Refusal {
  code: number;
  reason: string;
}

export interface Admission {
  docName: string;
  info: ConnectionInfo;
  sessionId: string;
  /** When the session ends unless it is used (and renewed) meanwhile: the connection is decided again then. */
  sessionExpiresAt: Date;
}

export type UpgradeDecision = ({ ok: true } & Admission) | { ok: false; refusal: Refusal };

/** What an upgrade request carries that decides it; kept, so an open connection can be decided again. */
export interface UpgradeRequest {
  url: string;
  cookie: string | undefined;
  origin: string | undefined;
}

/**
 * Decides an upgrade (and later, the same connection again). Throws only when it cannot decide
 * (the database did not answer): the runtime then closes with a transient code.
 */
export type AuthorizeDocument = (request: UpgradeRequest, docName: string) => Promise<UpgradeDecision>;

/** Whether a document refuses writes now (a consent round, an archived plan). */
export type IsDocumentLocked = (docName: string) => Promise<boolean>;

/**
 * Where the content derived from a document (HTML, plain text, last editor) goes, in the same
 * transaction as its updates; the capability that owns the document kind decides what to keep.
 */
export interface DerivedContent {
  docName: string;
  html: string | null;
  text: string | null;
  editorUserId: string | null;
  /** Everyone who edited since the content was last derived (the draft history names them). */
  editorUserIds: readonly string[];
  at: Date;
}
