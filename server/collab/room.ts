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

/**
 * Bytes received but not yet stored, counted over every room of a process. While the database is
 * away rooms keep their batches in memory; past the limit they refuse new writes (the writer keeps
 * them and offers them again on reconnect) rather than grow without bound or drop anything.
 */
export class PendingBudget {
  used = 0;
  constructor(readonly limit: number) {}
  get full(): boolean {
    return this.used >= this.limit;
  }
}

export interface RoomOptions {
  store: DocStore;
  now(): Date;
  /** Persistence batch window: updates within it are merged into one stored row. */
  flushDelayMs?: number;
  /** Compact the log into a snapshot once it holds this many rows. */
  compactAfter?: number;
  /** Shared by the rooms of a process; a room alone gets its own 64 MB. */
  budget?: PendingBudget;
  log?: (level: 'info' | 'warn' | 'error', message: string, fields?: Record<string, unknown>) => void;
}

interface Client {
  info: ConnectionInfo;
  awarenessIds: Set<number>;
}

/** An update that carries nothing: what a client with nothing new answers to step 1. */
const isEmptyUpdate = (update: Uint8Array) => update.byteLength === 2 && update[0] === 0 && update[1] === 0;

/**
 * One collaborative document and its connections, speaking the y-websocket protocol. The state is
 * loaded before the first message is answered, writes are checked per message, and updates are
 * stored in short merged batches; a failed store keeps the batch and retries.
 *
 * Invariants: nothing a client sends can throw out of `receive` (a frame that breaks anything closes
 * that one connection with 4400); a timer-driven flush never rejects unhandled; an update applied
 * here stays pending until the store has it, whatever the store does meanwhile.
 */
export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  private readonly clients = new Map<Connection, Client>();
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private readonly budget: PendingBudget;
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
    this.budget = options.budget ?? new PendingBudget(64 * 1024 * 1024);
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
      for (const connection of [...this.clients.keys()]) this.send(connection, step1);
    }
  }

  get size(): number {
    return this.clients.size;
  }

  /** The people connected now, each once, in the order they came. */
  userIds(): string[] {
    return [...new Set([...this.clients.values()].map((client) => client.info.userId))];
  }

  join(connection: Connection, info: ConnectionInfo): void {
    this.clients.set(connection, { info, awarenessIds: new Set() });
    this.send(connection, syncStep1(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) this.send(connection, awarenessMessage(this.awareness, states));
  }

  leave(connection: Connection): void {
    const client = this.clients.get(connection);
    if (!client) return;
    this.clients.delete(connection);
    if (client.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...client.awarenessIds], null);
    }
  }

  /** Handles one frame; anything malformed, or anything that fails on it, closes only this connection. */
  receive(connection: Connection, data: Uint8Array): void {
    const client = this.clients.get(connection);
    if (!client) return;
    try {
      this.handle(connection, client, data);
    } catch (error) {
      // Yjs and the awareness protocol read what they are given without bounds checks of their own.
      this.reject(connection, CLOSE.badMessage, error);
    }
  }

  private handle(connection: Connection, client: Client, data: Uint8Array): void {
    if (data.byteLength > MAX_MESSAGE_BYTES) return this.reject(connection, CLOSE.tooLarge);
    const message = decodeClientMessage(data);
    if (!message) return this.reject(connection, CLOSE.badMessage);
    switch (message.type) {
      case 'sync-step1':
        this.send(connection, syncStep2(this.doc, message.stateVector));
        return;
      case 'sync-step2':
      case 'sync-update':
        // Read-only and locked: the update is dropped; the client keeps receiving the document.
        if (!client.info.canWrite || this.locked || isEmptyUpdate(message.update)) return;
        if (this.budget.full) return this.reject(connection, CLOSE.storageFull);
        Y.applyUpdate(this.doc, message.update, connection);
        return;
      case 'awareness':
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, connection);
        return;
      case 'query-awareness':
        this.send(connection, awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
        return;
    }
  }

  /** A connection whose socket fails on send is closed; the others go on. */
  private send(connection: Connection, data: Uint8Array): void {
    try {
      connection.send(data);
    } catch (error) {
      this.options.log?.('warn', 'collab send failed', { room: this.name, error: String(error) });
      this.leave(connection);
    }
  }

  private reject(connection: Connection, why: { code: number; reason: string }, error?: unknown): void {
    this.options.log?.('warn', 'collab connection closed', {
      room: this.name,
      code: why.code,
      reason: why.reason,
      ...(error !== undefined ? { error: String(error) } : {}),
    });
    this.drop(connection, why);
  }

  private drop(connection: Connection, why: { code: number; reason: string }): void {
    this.leave(connection);
    try {
      connection.close(why.code, why.reason);
    } catch {
      // already gone
    }
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const message = updateMessage(update);
    for (const connection of [...this.clients.keys()]) {
      if (connection !== origin) this.send(connection, message);
    }
    const editor = this.clients.get(origin as Connection);
    if (editor) this.lastEditor = editor.info.userId;
    this.pending.push(update);
    this.pendingBytes += update.byteLength;
    this.budget.used += update.byteLength;
    // Flush on the window's boundaries, shared by every room in the process, so that the store can
    // write all rooms' batches of one window together; no update waits longer than one window.
    const window = this.options.flushDelayMs ?? 100;
    this.scheduleFlush(window - (Date.now() % window));
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
    for (const connection of [...this.clients.keys()]) this.send(connection, message);
  };

  /** A flush that nobody awaits: its failure is logged by store() and retried from there. */
  private scheduleFlush(delayMs: number): void {
    this.flushTimer ??= setTimeout(() => {
      this.flush().catch(() => undefined);
    }, delayMs);
  }

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
      const bytes = this.pendingBytes;
      this.pending = [];
      this.pendingBytes = 0;
      const editor = this.lastEditor;
      try {
        this.logLength = await this.options.store.append(this.name, this.merge(batch), {
          ...this.derive(),
          editorUserId: editor,
          at: this.options.now(),
        });
        this.budget.used -= bytes;
        this.retryDelayMs = 100;
      } catch (error) {
        // Keep the batch in front of anything newer and try again later; the room stays loaded.
        this.pending = [...batch, ...this.pending];
        this.pendingBytes += bytes;
        this.options.log?.('error', 'storing document updates failed', {
          room: this.name,
          pendingBytes: this.pendingBytes,
          error: String(error),
        });
        this.scheduleFlush(this.retryDelayMs);
        this.retryDelayMs = Math.min(this.retryDelayMs * 2, 5_000);
        throw error;
      }
    }
    if (this.logLength >= (this.options.compactAfter ?? 500)) {
      try {
        await this.options.store.compact(this.name, Y.encodeStateAsUpdate(this.doc), this.options.now());
        this.logLength = 0;
      } catch (error) {
        // Compaction only makes loading faster; the log still holds everything. Try at the next flush.
        this.options.log?.('warn', 'compacting a document failed', { room: this.name, error: String(error) });
      }
    }
  }

  /** Every update here came out of this document, so they merge; should that ever fail, the full state serves. */
  private merge(batch: Uint8Array[]): Uint8Array {
    try {
      return batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    } catch {
      return Y.encodeStateAsUpdate(this.doc);
    }
  }

  /** Derived HTML and text, or null (keep the stored ones) when the document cannot be rendered. */
  private derive(): { html: string | null; text: string | null } {
    try {
      return renderDocument(this.doc);
    } catch (error) {
      this.options.log?.('error', 'deriving document content failed', { room: this.name, error: String(error) });
      return { html: null, text: null };
    }
  }

  get hasPendingUpdates(): boolean {
    return this.pending.length > 0 || this.flushing !== undefined;
  }

  /** Closes every connection (with a transient code, so clients reconnect) after a final flush. */
  async shutdown(why: { code: number; reason: string } = CLOSE.shuttingDown): Promise<void> {
    try {
      await this.flush();
    } finally {
      for (const connection of [...this.clients.keys()]) this.drop(connection, why);
      this.destroy();
    }
  }

  destroy(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    // What was never stored is no longer held for; it is gone with the process (kill -9 semantics).
    this.budget.used -= this.pendingBytes;
    this.pendingBytes = 0;
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
