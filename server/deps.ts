import type { Context } from 'hono';
import type { TextBlock } from './collab/render.ts';
import type { Db } from './db/db.ts';
import type { PdfFonts } from './pdf/fonts.ts';
import type { Runtime } from '../shared/api.ts';

/** A clock that can be set (only with dev routes enabled: POST /api/dev/clock moves it for tests and demos). */
export interface SettableClock extends Clock {
  set(now: Date): void;
}

/** The system clock plus an offset. */
export function shiftableClock(): SettableClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    set: (now) => {
      offset = now.getTime() - Date.now();
    },
  };
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The table the mail is about; the development outbox shows it to that table's secretariat. */
  tableId?: string | undefined;
}

/** Delivers a mail or throws; the app records every mail in the outbox either way. */
export interface MailTransport {
  readonly kind: 'smtp' | 'api' | 'outbox';
  deliver(mail: OutgoingMail): Promise<void>;
}

/** Static client files (Workers' ASSETS binding has exactly this shape). */
export interface Assets {
  fetch(request: Request): Promise<Response>;
}

export interface AppConfig {
  /** Named by /api/health. */
  runtime: Runtime;
  /** production hides dev routes, forces Secure cookies and refuses demo logins unless allowed. */
  mode: 'development' | 'test' | 'production';
  /** Explicit opt-in to demo logins in production (e.g. a training environment). */
  allowDemoLogin: boolean;
  /** Origins allowed for state-changing requests besides the request's own (e.g. behind a TLS proxy). */
  trustedOrigins: readonly string[];
  /** The public base URL used in e-mailed links; defaults to the request's origin. */
  publicUrl?: string;
  /**
   * The address the server listens on, set once it listens: the base of links in notification mails
   * when publicUrl is not set and no request is at hand (the scheduler's reminders and digests).
   */
  serverUrl?: string;
  /** Mount /api/dev (outbox, settable clock): only when explicitly enabled, and never in production. */
  devRoutes: boolean;
}

/** What the app may ask of the runtime's collaboration rooms. */
export interface CollabControl {
  /** Who has each document open now (user ids). */
  presence(docNames: readonly string[]): Promise<Map<string, readonly string[]>>;
  /** Applies a section's lock to its loaded room, if any (the database is the source of truth). */
  setLocked(docName: string, locked: boolean): Promise<void>;
  /**
   * Brings the stored HTML and text of these documents up to date (they lag up to a minute while people
   * type); only a document someone has open can be behind.
   */
  refreshContent(docNames: readonly string[]): Promise<void>;
  /** The stored state and derived content of a document, with everything pending flushed first. */
  snapshot(docName: string): Promise<DocumentSnapshot>;
  /** Decides a person's open connections again (their role changed): gone access closes with 4403. */
  recheckUser(userId: string): Promise<void>;
  /** Closes the open connections of a session that was logged out (4401). */
  closeSession(sessionId: string): void;
  /** Closes the open connections of a person's other sessions (their password changed; 4401). */
  closeOtherSessions(userId: string, keepSessionId: string | null): void;
  /** Replaces a document's content with plain-text blocks, live, and stores it. */
  replaceContent(docName: string, blocks: TextBlock[]): Promise<DocumentSnapshot>;
  /** Replaces a document's content with another document's stored state, structure for structure, live. */
  replaceWithState(docName: string, state: Uint8Array): Promise<DocumentSnapshot>;
}

export interface DocumentSnapshot {
  state: Uint8Array;
  html: string;
  text: string;
}

export interface AppDeps {
  db: Db;
  /** Business time: deadlines, reminders, invitations. Dev routes may move it. */
  clock: Clock;
  /** Session lifetimes always run on the real wall clock, so moving `clock` never logs anyone out. */
  sessionClock: Clock;
  passwords: PasswordHasher;
  mail: MailTransport;
  config: AppConfig;
  /** The client's address as the runtime sees it, for rate limiting. */
  clientAddress(c: Context): string;
  assets?: Assets;
  collab?: CollabControl;
  /** The typeface PDFs are set in (server/pdf/fonts.ts); without it the PDF routes answer 503. */
  pdfFonts?: () => Promise<PdfFonts>;
  /** Present only when dev routes are enabled: lets /api/dev/clock move time. */
  devClock?: SettableClock;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}
