import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import {
  awarenessMessage,
  CLOSE,
  decodeClientMessage,
  MAX_MESSAGE_BYTES,
  syncStep1,
  syncStep2,
  updateMessage,
} from './protocol.ts';
import { RoomPersistence, type PersistenceOptions } from './persistence.ts';
import type { StoredDocument } from './doc-store.ts';

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

export type RoomOptions = PersistenceOptions;

interface Client {
  info: ConnectionInfo;
  awarenessIds: Set<number>;
}

/** Rooms with at least this many connections merge the updates of one event-loop turn into one broadcast. */
const MERGE_BROADCASTS_FROM = 8;

/** Runs after the frames of this event-loop turn (setImmediate on Node; a zero timeout elsewhere). */
const defer: (fn: () => void) => void =
  typeof setImmediate === 'function' ? (fn) => void setImmediate(fn) : (fn) => void setTimeout(fn, 0);

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
  private readonly persistence: RoomPersistence;
  private destroyed = false;
  locked: boolean;

  private constructor(
    readonly name: string,
    private readonly options: RoomOptions,
    loaded: StoredDocument,
    locked: boolean,
  ) {
    this.doc = new Y.Doc();
    // Merging first is much faster than applying many small updates one by one.
    if (loaded.updates.length > 0) Y.applyUpdate(this.doc, Y.mergeUpdates(loaded.updates));
    this.persistence = new RoomPersistence(name, this.doc, options, loaded.logLength, loaded.derivedBehind);
    // What reached the journal but not the store (an evicted or restarted object): applied, and pending again.
    for (const entry of options.journal?.entries() ?? []) {
      Y.applyUpdate(this.doc, entry.update);
      this.persistence.add(entry.update, entry.editor, entry.seq);
    }
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
        if (this.persistence.full) return this.reject(connection, CLOSE.storageFull);
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
    this.persistence.add(update, this.clients.get(origin as Connection)?.info.userId ?? null);
    if (this.clients.size < MERGE_BROADCASTS_FROM) return this.broadcast(update, origin);
    // A big room: the updates that arrive in one turn of the event loop go out as one message, so that
    // n editors typing at once cost one send per connection instead of n. Deferred to the end of the
    // turn only, so a lone update waits no longer than the frames already queued with it.
    this.outgoing.push({ update, origin });
    if (this.outgoing.length === 1) defer(this.broadcastOutgoing);
  };

  private outgoing: Array<{ update: Uint8Array; origin: unknown }> = [];

  private broadcastOutgoing = (): void => {
    const batch = this.outgoing;
    this.outgoing = [];
    if (batch.length === 0 || this.destroyed) return;
    const origins = new Set(batch.map((b) => b.origin));
    // With one author the broadcast skips them; with several each author also gets their own edit
    // back, which Yjs ignores, rather than a message per author.
    const skip = origins.size === 1 ? batch[0]!.origin : undefined;
    let updates: Uint8Array[];
    try {
      updates = batch.length === 1 ? [batch[0]!.update] : [Y.mergeUpdates(batch.map((b) => b.update))];
    } catch {
      updates = batch.map((b) => b.update);
    }
    for (const update of updates) this.broadcast(update, skip);
  };

  private broadcast(update: Uint8Array, skip: unknown): void {
    const message = updateMessage(update);
    for (const connection of [...this.clients.keys()]) {
      if (connection !== skip) this.send(connection, message);
    }
  }

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

  /**
   * Stores everything pending; resolves when it is durable (or rejects after a failed attempt, which
   * the room retries). With `derive`, the stored HTML and text are brought up to date as well.
   */
  flush(options: { derive?: boolean } = {}): Promise<void> {
    return this.persistence.flush(options);
  }

  get hasPendingUpdates(): boolean {
    return this.persistence.hasPending;
  }

  /** Closes every connection (with a transient code, so clients reconnect) after a final flush. */
  async shutdown(why: { code: number; reason: string } = CLOSE.shuttingDown): Promise<void> {
    try {
      await this.flush({ derive: true });
    } finally {
      for (const connection of [...this.clients.keys()]) this.drop(connection, why);
      this.destroy();
    }
  }

  destroy(): void {
    this.destroyed = true;
    this.persistence.destroy();
    this.doc.off('update', this.onDocUpdate);
    this.awareness.off('update', this.onAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }
}
