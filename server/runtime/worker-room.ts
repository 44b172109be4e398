/**
 * One Durable Object per document (wrangler.toml: DOCUMENTS), running the same room as Node
 * (server/collab/room.ts) over the WebSocket Hibernation API. The Worker has authenticated and
 * authorized the connection and passes what it decided in a header; this object is not reachable
 * otherwise. Updates go into the object's own SQLite storage as the room applies them (the journal), and
 * the output gate holds every message the room sends until that write is durable, so no peer sees an
 * update that an eviction could lose; batches then go to PostgreSQL as on Node, and leave the journal.
 */
import { DurableObject } from 'cloudflare:workers';
import type { Admission, UpgradeRequest } from '../collab/access.ts';
import { pgDocStore } from '../collab/pg-doc-store.ts';
import type { UpdateJournal } from '../collab/persistence.ts';
import { CLOSE } from '../collab/protocol.ts';
import { renderDocument, replaceDocument, replaceWithState, type TextBlock } from '../collab/render.ts';
import { Room, type Connection, type ConnectionInfo } from '../collab/room.ts';
import * as Y from 'yjs';
import type { Db } from '../db/db.ts';
import { systemClock } from '../deps.ts';
import { authorizeDocument, isDocumentLocked } from '../documents/access.ts';
import { writeDerivedContent } from '../documents/content.ts';
import { openPostgres } from './postgres.ts';
import { liveDirectory } from './worker-directory.ts';

/** The header in which the Worker hands its decision to the object. */
export const ADMISSION_HEADER = 'x-tafelwerk-admission';

export interface RoomEnv {
  HYPERDRIVE: { connectionString: string };
  LIVE: DurableObjectNamespace;
  DOCUMENT_JURISDICTION?: string;
  TRUSTED_ORIGINS?: string;
  PUBLIC_URL?: string;
  /** How often open connections are decided again (default 60 s). */
  COLLAB_RECHECK_SECONDS?: string;
}

/** A document's full state and derived content, as CollabControl.snapshot returns it. */
export interface DocumentState {
  state: Uint8Array;
  html: string;
  text: string;
}

/** What a socket keeps through hibernation: its document, who, what they may do, and what decided it (to decide again). */
interface Attachment {
  docName: string;
  info: ConnectionInfo;
  sessionId: string;
  upgrade: UpgradeRequest;
}

function sqliteJournal(storage: DurableObjectState['storage']): UpdateJournal {
  storage.sql.exec(
    'create table if not exists journal (seq integer primary key autoincrement, editor text, data blob not null)',
  );
  return {
    append(update, editor) {
      return storage.sql
        .exec<{ seq: number }>('insert into journal (editor, data) values (?, ?) returning seq', editor, update)
        .one().seq;
    },
    entries() {
      return storage.sql
        .exec<{ seq: number; editor: string | null; data: ArrayBuffer }>(
          'select seq, editor, data from journal order by seq',
        )
        .toArray()
        .map((row) => ({ seq: row.seq, editor: row.editor, update: new Uint8Array(row.data) }));
    },
    clearThrough(seq) {
      storage.sql.exec('delete from journal where seq <= ?', seq);
    },
  };
}

export class DocumentRoom extends DurableObject<RoomEnv> {
  private room: Promise<Room> | undefined;
  private db: Db | undefined;
  /** Commands working on the room now: it is not let go under them. */
  private busy = 0;
  /** The room's view of each WebSocket; rebuilt from the sockets' attachments after hibernation. */
  private readonly connections = new Map<WebSocket, Connection>();
  /** Reports to the live directory, one after another, so that the last one sent is the current list. */
  private reporting: Promise<void> = Promise.resolve();

  async fetch(request: Request): Promise<Response> {
    const admission = JSON.parse(request.headers.get(ADMISSION_HEADER) ?? 'null') as Admission | null;
    if (!admission) return new Response('not for the public', { status: 403 });
    const pair = new WebSocketPair();
    const [client, server] = [pair[0], pair[1]];
    this.ctx.acceptWebSocket(server);
    const upgrade: UpgradeRequest = {
      url: request.url,
      cookie: request.headers.get('cookie') ?? undefined,
      origin: request.headers.get('origin') ?? undefined,
    };
    server.serializeAttachment({
      docName: admission.docName,
      info: admission.info,
      sessionId: admission.sessionId,
      upgrade,
    } satisfies Attachment);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + this.recheckMs());
    // Known before the room loads, so that loading does not take it for a socket from before hibernation.
    const connection = this.connectionFor(server);
    try {
      const room = await this.loadRoom(admission.docName);
      room.join(connection, admission.info);
      this.reportLive(admission.docName);
    } catch (error) {
      console.error('document load failed', admission.docName, String(error));
      server.close(CLOSE.loadFailed.code, CLOSE.loadFailed.reason);
    }
    return new Response(null, { status: 101, webSocket: client });
  }

  /**
   * Access follows the session and the role while a document is open. Logging out, a password change and
   * a changed role reach the object at once through the live directory (the RPC methods below); what no
   * event announces (a session that expired or was ended in the database) the object finds on an alarm
   * (every COLLAB_RECHECK_SECONDS), which also renews its list in the directory.
   */
  async alarm(): Promise<void> {
    await this.decideAgain(() => true);
    const [first] = this.openSockets();
    if (first) this.reportLive(first.docName);
    if (this.ctx.getWebSockets().length > 0) await this.ctx.storage.setAlarm(Date.now() + this.recheckMs());
  }

  /** Closes a logged-out session's connections (4401). */
  async closeSession(sessionId: string): Promise<void> {
    await this.closeWhere((a) => a.sessionId === sessionId);
  }

  /** Closes the connections of a person's other sessions: their password changed (4401). */
  async closeOtherSessions(userId: string, keepSessionId: string | null): Promise<void> {
    await this.closeWhere((a) => a.info.userId === userId && a.sessionId !== keepSessionId);
  }

  /** Decides a person's connections again now: their role changed (4403 without access, 4000 to rejoin). */
  async recheckUser(userId: string): Promise<void> {
    await this.decideAgain((a) => a.info.userId === userId);
  }

  private async closeWhere(match: (attachment: Attachment) => boolean): Promise<void> {
    for (const socket of this.ctx.getWebSockets()) {
      const attachment = socket.deserializeAttachment() as Attachment;
      if (!match(attachment)) continue;
      try {
        socket.close(CLOSE.unauthenticated.code, CLOSE.unauthenticated.reason);
      } catch {
        // closing already
      }
      await this.gone(socket, attachment.docName);
    }
  }

  /** 4401 once the session is gone, 4403 once access is, 4000 (rejoin) when the person now writes differently. */
  private async decideAgain(which: (attachment: Attachment) => boolean): Promise<void> {
    for (const socket of this.ctx.getWebSockets()) {
      const attachment = socket.deserializeAttachment() as Attachment;
      if (!which(attachment)) continue;
      let decision: Awaited<ReturnType<typeof authorizeDocument>>;
      try {
        decision = await authorizeDocument(
          { db: this.database(), sessionClock: systemClock, config: this.accessConfig() },
          attachment.upgrade,
          attachment.docName,
        );
      } catch {
        continue; // the database is away: keep the connection, decide at the next alarm
      }
      const why = !decision.ok
        ? decision.refusal
        : decision.info.canWrite !== attachment.info.canWrite
          ? CLOSE.accessChanged
          : null;
      if (why) {
        socket.close(why.code, why.reason);
        await this.gone(socket, attachment.docName);
      }
    }
  }

  /** The attachments of the sockets still open (1: OPEN; one being closed is in CLOSING already). */
  private openSockets(): Attachment[] {
    return this.ctx
      .getWebSockets()
      .filter((socket) => socket.readyState === 1)
      .map((socket) => socket.deserializeAttachment() as Attachment);
  }

  /**
   * Sends the directory this document's open connections. A list is valid for two alarm periods: the
   * alarm renews it, and one left by an object that died without saying so stops counting.
   */
  private reportLive(docName: string): void {
    this.reporting = this.reporting
      .then(() =>
        liveDirectory(this.env).setDocument(
          docName,
          this.openSockets().map((a) => ({ userId: a.info.userId, sessionId: a.sessionId })),
          2 * this.recheckMs() + 10_000,
        ),
      )
      .catch((error: unknown) => console.warn('live directory not updated', docName, String(error)));
    this.ctx.waitUntil(this.reporting);
  }

  private recheckMs(): number {
    const seconds = Number(this.env.COLLAB_RECHECK_SECONDS ?? 60);
    return (Number.isFinite(seconds) && seconds > 0 ? seconds : 60) * 1000;
  }

  private accessConfig() {
    return {
      trustedOrigins: (this.env.TRUSTED_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      ...(this.env.PUBLIC_URL ? { publicUrl: this.env.PUBLIC_URL } : {}),
    };
  }

  /**
   * One connection, let go after 10 s without use: every live document has an object, and each object's
   * connection is one to Hyperdrive (which pools them in front of PostgreSQL) or, locally, one PostgreSQL
   * backend each: the benchmark's 500 busy documents ran a local PostgreSQL of 200 connections out of them.
   */
  private database(): Db {
    this.db ??= openPostgres(this.env.HYPERDRIVE.connectionString, { max: 1, idleTimeoutSeconds: 10 });
    return this.db;
  }

  // What the app's commands ask of a document (CollabControl, worker-collab.ts), as RPC methods.

  /** The lock in the loaded room, if any (the database is the source of truth; a load reads it). */
  async setLocked(_docName: string, locked: boolean): Promise<void> {
    (await this.room?.catch(() => undefined))?.setLocked(locked);
  }

  /** Brings the stored derived content up to date: only a loaded room (or an unreplayed journal) can be ahead. */
  async refreshContent(docName: string): Promise<void> {
    if (!this.room && this.journalEmpty()) return;
    await this.withRoom(docName, (room) => room.flush({ derive: true }));
  }

  async snapshot(docName: string): Promise<DocumentState> {
    return this.withRoom(docName, (room) => this.stored(room));
  }

  async replaceContent(docName: string, blocks: TextBlock[]): Promise<DocumentState> {
    return this.withRoom(docName, (room) => {
      replaceDocument(room.doc, blocks, 'server');
      return this.stored(room);
    });
  }

  async replaceWithState(docName: string, state: Uint8Array): Promise<DocumentState> {
    return this.withRoom(docName, (room) => {
      replaceWithState(room.doc, state, 'server');
      return this.stored(room);
    });
  }

  private async stored(room: Room): Promise<DocumentState> {
    await room.flush({ derive: true });
    return { state: Y.encodeStateAsUpdate(room.doc), ...renderDocument(room.doc) };
  }

  /** Runs `work` on the room, loading it if needed, and lets it go again if nobody is connected. */
  private async withRoom<T>(docName: string, work: (room: Room) => Promise<T>): Promise<T> {
    const room = await this.loadRoom(docName);
    this.busy++;
    try {
      return await work(room);
    } finally {
      this.busy--;
      if (this.busy === 0 && room.size === 0 && !room.hasPendingUpdates && this.room) {
        room.destroy();
        this.room = undefined;
      }
    }
  }

  private journalEmpty(): boolean {
    return sqliteJournal(this.ctx.storage).entries().length === 0;
  }

  async webSocketMessage(socket: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const attachment = socket.deserializeAttachment() as Attachment;
    let room: Room;
    try {
      room = await this.loadRoom(attachment.docName);
    } catch {
      return socket.close(CLOSE.loadFailed.code, CLOSE.loadFailed.reason);
    }
    if (typeof message === 'string') return socket.close(CLOSE.badMessage.code, CLOSE.badMessage.reason);
    // Room.receive never throws: a frame that breaks anything closes this connection alone.
    room.receive(this.connectionFor(socket), new Uint8Array(message));
  }

  async webSocketClose(socket: WebSocket, code: number, reason: string): Promise<void> {
    // Completes the closing handshake, whoever began it; without it the client waits out its own timeout.
    try {
      socket.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // closed already
    }
    await this.gone(socket, (socket.deserializeAttachment() as Attachment).docName);
  }

  async webSocketError(socket: WebSocket): Promise<void> {
    await this.gone(socket, (socket.deserializeAttachment() as Attachment).docName);
  }

  /** The last one out stores everything with its derived content and lets the room go (the object may then hibernate). */
  private async gone(socket: WebSocket, docName: string): Promise<void> {
    const connection = this.connections.get(socket);
    this.connections.delete(socket);
    this.reportLive(docName);
    const room = await this.room?.catch(() => undefined);
    if (!room || !connection) return;
    room.leave(connection);
    if (room.size > 0) return;
    try {
      await room.flush({ derive: true });
    } catch {
      return; // kept in the journal and retried by the room; it stays loaded meanwhile
    }
    if (room.size === 0) {
      room.destroy();
      this.room = undefined;
    }
  }

  private connectionFor(socket: WebSocket): Connection {
    let connection = this.connections.get(socket);
    if (!connection) {
      connection = {
        send: (data) => {
          try {
            socket.send(data);
          } catch {
            // closing already
          }
        },
        close: (code, reason) => socket.close(code, reason),
      };
      this.connections.set(socket, connection);
    }
    return connection;
  }

  /**
   * The room, loaded once per life of the object: from PostgreSQL and the journal. After hibernation
   * the sockets are still open; they join the new room again (each is sent the sync step anew).
   */
  private loadRoom(docName: string): Promise<Room> {
    this.room ??= (async () => {
      const db = this.database();
      const room = await Room.load(
        docName,
        {
          store: pgDocStore(db, { sink: writeDerivedContent }),
          now: () => systemClock.now(),
          journal: sqliteJournal(this.ctx.storage),
          log: (level, message, fields) => console[level === 'info' ? 'log' : level](message, fields ?? {}),
        },
        await isDocumentLocked(db, docName),
      );
      for (const socket of this.ctx.getWebSockets()) {
        if (this.connections.has(socket)) continue;
        const attachment = socket.deserializeAttachment() as Attachment | null;
        if (attachment?.docName === docName) room.join(this.connectionFor(socket), attachment.info);
      }
      return room;
    })();
    this.room.catch(() => (this.room = undefined));
    return this.room;
  }
}
