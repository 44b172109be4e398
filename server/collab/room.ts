import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocStore } from './doc-store.ts';
import {
  awarenessMessage,
  CLOSE,
  decodeClientMessage,
  MAX_MESSAGE_BYTES,
  syncStep1,
  syncStep2,
  updateMessage,
} from './protocol.ts';
import { renderDocument } from './render.ts';

/** A client as the room sees it; the runtime adapts a WebSocket (ws, or a Durable Object's) to this. */
export interface Connection {
  send(data: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface ConnectionInfo {
  userId: string;
  /** The person's role allows editing; the room's lock can still refuse. */
  canWrite: boolean;
}

export interface RoomOptions {
  store: DocStore;
  now(): Date;
  /** Persistence batch window: updates within it are merged into one stored row. */
  flushDelayMs?: number;
  /** Compact the log into a snapshot once it holds this many rows. */
  compactAfter?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

interface Client {
  info: ConnectionInfo;
  awarenessIds: Set<number>;
}

/**
 * One collaborative document and its connections, speaking the y-websocket protocol. The state is
 * loaded before the first message is answered, writes are checked per message, and updates are
 * stored in short merged batches; a failed store keeps the batch and retries.
 */
export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  private readonly clients = new Map<Connection, Client>();
  private pending: Uint8Array[] = [];
  private lastEditor: string | null = null;
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> | undefined;
  private logLength: number;
  private retryDelayMs = 100;
  locked: boolean;

  private constructor(
    readonly name: string,
    private readonly options: RoomOptions,
    loaded: { updates: Uint8Array[]; logLength: number },
    locked: boolean,
  ) {
    this.doc = new Y.Doc();
    // Merging first is much faster than applying many small updates one by one.
    if (loaded.updates.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(loaded.updates));
    this.logLength = loaded.logLength;
    this.locked = locked;
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.awareness.setLocalState(null);
    this.doc.on('update', this.onDocUpdate);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  static async load(name: string, options: RoomOptions, locked = false): Promise<Room> {
    return new Room(name, options, await options.store.load(name), locked);
  }

  /** Locks or unlocks writes; on unlock every client is asked again for what the room does not have. */
  setLocked(locked: boolean): void {
    const wasLocked = this.locked;
    this.locked = locked;
    if (wasLocked && !locked) {
      const step1 = syncStep1(this.doc);
      for (const connection of this.clients.keys()) connection.send(step1);
    }
  }

  get size(): number {
    return this.clients.size;
  }

  /** Closes every connection of one person (their role changed: they reconnect and are authorized anew). */
  disconnectUser(userId: string, why: { code: number; reason: string }): number {
    let closed = 0;
    for (const [connection, client] of [...this.clients]) {
      if (client.info.userId !== userId) continue;
      this.leave(connection);
      connection.close(why.code, why.reason);
      closed++;
    }
    return closed;
  }

  /** The people connected now, each once, in the order they came. */
  userIds(): string[] {
    return [...new Set([...this.clients.values()].map((client) => client.info.userId))];
  }

  join(connection: Connection, info: ConnectionInfo): void {
    this.clients.set(connection, { info, awarenessIds: new Set() });
    connection.send(syncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) connection.send(awarenessMessage(this.awareness, states));
  }

  leave(connection: Connection): void {
    const client = this.clients.get(connection);
    if (!client) return;
    this.clients.delete(connection);
    if (client.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...client.awarenessIds], null);
    }
  }

  /** Handles one frame; anything malformed closes only this connection. */
  receive(connection: Connection, data: Uint8Array): void {
    const client = this.clients.get(connection);
    if (!client) return;
    if (data.byteLength > MAX_MESSAGE_BYTES) return this.reject(connection, CLOSE.tooLarge);
    const message = decodeClientMessage(data);
    if (!message) return this.reject(connection, CLOSE.badMessage);
    switch (message.type) {
      case 'sync-step1':
        connection.send(syncStep2(this.doc, message.stateVector));
        return;
      case 'sync-step2':
      case 'sync-update':
        // Read-only and locked: the update is dropped; the client keeps receiving the document.
        if (!client.info.canWrite || this.locked) return;
        try {
          Y.applyUpdate(this.doc, message.update, connection);
        } catch {
          this.reject(connection, CLOSE.badMessage);
        }
        return;
      case 'awareness':
        try {
          awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, connection);
        } catch {
          this.reject(connection, CLOSE.badMessage);
        }
        return;
      case 'query-awareness':
        connection.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
        return;
    }
  }

  private reject(connection: Connection, why: { code: number; reason: string }): void {
    this.options.log?.('warn', 'collab connection closed', { room: this.name, code: why.code, reason: why.reason });
    this.leave(connection);
    connection.close(why.code, why.reason);
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const message = updateMessage(update);
    for (const connection of this.clients.keys()) {
      if (connection !== origin) connection.send(message);
    }
    const editor = this.clients.get(origin as Connection);
    if (editor) this.lastEditor = editor.info.userId;
    this.pending.push(update);
    // Flush on the window's boundaries, shared by every room in the process, so that the store can
    // write all rooms' batches of one window together; no update waits longer than one window.
    const window = this.options.flushDelayMs ?? 100;
    this.flushTimer ??= setTimeout(() => void this.flush(), window - (Date.now() % window));
  };

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const client = this.clients.get(origin as Connection);
    if (client) {
      for (const id of added) client.awarenessIds.add(id);
      for (const id of removed) client.awarenessIds.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    const message = awarenessMessage(this.awareness, changed);
    for (const connection of this.clients.keys()) connection.send(message);
  };

  /** Stores everything pending; resolves when it is durable (or rejects after a failed attempt). */
  flush(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    this.flushing ??= this.store().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async store(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const editor = this.lastEditor;
      const { html, text } = renderDocument(this.doc);
      try {
        this.logLength = await this.options.store.append(this.name, Y.mergeUpdates(batch), {
          html,
          text,
          editorUserId: editor,
          at: this.options.now(),
        });
        this.retryDelayMs = 100;
      } catch (error) {
        // Keep the batch in front of anything newer and try again later; the room stays loaded.
        this.pending = [...batch, ...this.pending];
        this.options.log?.('error', 'storing document updates failed', { room: this.name, error: String(error) });
        this.flushTimer ??= setTimeout(() => void this.flush(), this.retryDelayMs);
        this.retryDelayMs = Math.min(this.retryDelayMs * 2, 10_000);
        throw error;
      }
    }
    if (this.logLength >= (this.options.compactAfter ?? 500)) {
      await this.options.store.compact(this.name, Y.encodeStateAsUpdate(this.doc), this.options.now());
      this.logLength = 0;
    }
  }

  get hasPendingUpdates(): boolean {
    return this.pending.length > 0 || this.flushing !== undefined;
  }

  /** Closes every connection (with a transient code, so clients reconnect) after a final flush. */
  async shutdown(why: { code: number; reason: string } = CLOSE.shuttingDown): Promise<void> {
    await this.flush();
    for (const connection of [...this.clients.keys()]) {
      this.leave(connection);
      connection.close(why.code, why.reason);
    }
    this.destroy();
  }

  destroy(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
