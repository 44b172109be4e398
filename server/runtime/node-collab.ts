import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { authorizeUpgrade } from '../collab/authorize.ts';
import { CLOSE, MAX_MESSAGE_BYTES } from '../collab/protocol.ts';
import type { RoomRegistry } from '../collab/registry.ts';
import type { Connection, Room } from '../collab/room.ts';
import type { Db } from '../db/db.ts';
import type { AppDeps, Clock } from '../deps.ts';

const PATH = /^\/collab\/([^/?]+)$/;

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({
    error: { code: status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : 'not_found', message },
  });
  const reason = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return data instanceof ArrayBuffer
    ? new Uint8Array(data)
    : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** Wires WebSocket upgrades at /collab/:docName to the rooms, after authorizing them. */
export function attachCollab(
  server: Server,
  deps: { db: Db; clock: Clock; trustedOrigins: readonly string[]; log?: AppDeps['log'] },
  registry: RoomRegistry,
): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = PATH.exec(request.url?.split('?')[0] ?? '');
    if (!path?.[1]) return refuse(socket, 404, 'no such endpoint');
    socket.on('error', () => socket.destroy());
    const url = `http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`;
    authorizeUpgrade(
      deps,
      { url, cookie: request.headers.cookie, origin: request.headers.origin },
      decodeURIComponent(path[1]),
    ).then(
      (decision) => {
        if (!decision.ok) return refuse(socket, decision.status, decision.message);
        wss.handleUpgrade(request, socket, head, (ws) => accept(ws, decision.docName, decision.info));
      },
      (error: unknown) => {
        deps.log?.('error', 'collab upgrade failed', { error: String(error) });
        refuse(socket, 404, 'document unavailable');
      },
    );
  });

  function accept(ws: WebSocket, docName: string, info: { userId: string; canWrite: boolean }): void {
    const connection: Connection = {
      send: (data) => {
        if (ws.readyState === ws.OPEN) ws.send(data);
      },
      close: (code, reason) => ws.close(code, reason),
    };
    // Frames that arrive while the room loads wait for it: the state must be loaded before any sync.
    const queued: Uint8Array[] = [];
    let room: Room | undefined;
    let closed = false;
    ws.on('message', (data) => {
      const bytes = toBytes(data);
      if (room) room.receive(connection, bytes);
      else queued.push(bytes);
    });
    ws.on('close', () => {
      closed = true;
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
        ws.close(CLOSE.loadFailed.code, CLOSE.loadFailed.reason);
      },
    );
  }

  return {
    async close() {
      await registry.closeAll();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
