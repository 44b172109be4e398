import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Admission, AuthorizeDocument, UpgradeRequest } from '../collab/access.ts';
import type { LiveConnection, LiveConnections } from '../collab/live.ts';
import { CLOSE, MAX_MESSAGE_BYTES } from '../collab/protocol.ts';
import type { RoomRegistry } from '../collab/registry.ts';
import type { Connection, Room } from '../collab/room.ts';
import type { AppDeps } from '../deps.ts';

const PATH = /^\/collab\/([^/?]+)$/;

/** Not a collab address at all: plain HTTP 404, since no WebSocket client is waiting for a document here. */
function notAnEndpoint(socket: Duplex): void {
  const body = JSON.stringify({ error: { code: 'not_found', message: 'no such endpoint' } });
  socket.end(
    `HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function decodeDocName(raw: string): string | null {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

export interface CollabDeps {
  /** The app's answer to who may open a document (server/documents/access.ts). */
  authorize: AuthorizeDocument;
  log?: AppDeps['log'];
}

/**
 * Wires WebSocket upgrades at /collab/:docName to the rooms, after authorizing them. A refused
 * upgrade is accepted and closed at once with its 44xx code and reason: a browser sees no HTTP status
 * of a failed upgrade (only 1006), and the stock provider stops retrying only on a 44xx close.
 */
export function attachCollab(
  server: Server,
  deps: CollabDeps,
  registry: RoomRegistry,
  live: LiveConnections,
): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const closeWith = (ws: WebSocket, why: { code: number; reason: string }) => ws.close(why.code, why.reason);

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = PATH.exec(request.url?.split('?')[0] ?? '');
    const docName = path?.[1] ? decodeDocName(path[1]) : null;
    if (!docName) return notAnEndpoint(socket);
    const upgrade: UpgradeRequest = {
      url: `http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`,
      cookie: request.headers.cookie,
      origin: request.headers.origin,
    };
    const complete = (then: (ws: WebSocket) => void) => {
      try {
        wss.handleUpgrade(request, socket, head, then);
      } catch (error) {
        deps.log?.('warn', 'collab upgrade failed', { error: String(error) });
        socket.destroy();
      }
    };
    deps.authorize(upgrade, docName).then(
      (decision) => complete((ws) => (decision.ok ? accept(ws, upgrade, decision) : closeWith(ws, decision.refusal))),
      (error: unknown) => {
        // The database did not answer: transient, so the provider tries again.
        deps.log?.('error', 'collab upgrade could not be authorized', { error: String(error) });
        complete((ws) => closeWith(ws, CLOSE.unavailable));
      },
    );
  });

  function accept(ws: WebSocket, upgrade: UpgradeRequest, admission: Admission): void {
    const { docName, info } = admission;
    const connection: Connection = {
      send: (data) => {
        if (ws.readyState === ws.OPEN) ws.send(data);
      },
      close: (code, reason) => ws.close(code, reason),
    };
    const tracked: LiveConnection = {
      docName,
      userId: info.userId,
      sessionId: admission.sessionId,
      canWrite: info.canWrite,
      recheck: () => deps.authorize(upgrade, docName),
      close: (code, reason) => ws.close(code, reason),
    };
    live.add(tracked, admission.sessionExpiresAt);
    // Frames that arrive while the room loads wait for it: the state must be loaded before any sync.
    const queued: Uint8Array[] = [];
    let room: Room | undefined;
    let closed = false;
    ws.on('message', (data) => {
      // Room.receive never throws; this guard is for the conversion and anything added later.
      try {
        const bytes = toBytes(data);
        if (room) room.receive(connection, bytes);
        else if (queued.length < 1_000) queued.push(bytes);
        else closeWith(ws, CLOSE.badMessage);
      } catch (error) {
        deps.log?.('error', 'collab frame failed', { docName, error: String(error) });
        closeWith(ws, CLOSE.badMessage);
      }
    });
    ws.on('close', () => {
      closed = true;
      live.delete(tracked);
      if (room) registry.leave(room, connection);
    });
    ws.on('error', () => ws.terminate());
    registry.join(docName, connection, info).then(
      (joined) => {
        if (closed) return registry.leave(joined, connection);
        room = joined;
        for (const bytes of queued.splice(0)) joined.receive(connection, bytes);
      },
      (error: unknown) => {
        deps.log?.('error', 'document load failed', { docName, error: String(error) });
        closeWith(ws, CLOSE.loadFailed);
      },
    );
  }

  return {
    async close() {
      live.closeAll();
      await registry.closeAll();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
