import * as Y from 'yjs';
import { CLOSE } from './protocol.ts';
import { renderDocument, replaceDocument, replaceWithState, type TextBlock } from './render.ts';
import { Room, type Connection, type ConnectionInfo, type RoomOptions } from './room.ts';

/**
 * The rooms loaded in this process, one per document. Joins of a room that is still loading share
 * the load; a room with no connections is flushed and unloaded after a grace period.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<Room>>();
  /** The rooms whose load has finished, for synchronous questions (who is here). */
  private readonly loaded = new Map<string, Room>();
  private readonly idleTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly options: RoomOptions & { idleUnloadMs?: number },
    private readonly isLocked: (docName: string) => Promise<boolean>,
  ) {}

  get loadedCount(): number {
    return this.rooms.size;
  }

  isLoaded(name: string): boolean {
    return this.rooms.has(name);
  }

  async room(name: string): Promise<Room> {
    let room = this.rooms.get(name);
    if (!room) {
      room = (async () => Room.load(name, this.options, await this.isLocked(name)))();
      this.rooms.set(name, room);
      room.then((r) => this.loaded.set(name, r)).catch(() => undefined);
      // A failed load must not leave a broken entry behind (nor an empty room that would overwrite).
      room.catch(() => this.rooms.delete(name));
    }
    return room;
  }

  async join(name: string, connection: Connection, info: ConnectionInfo): Promise<Room> {
    const room = await this.room(name);
    const timer = this.idleTimers.get(name);
    if (timer) {
      clearTimeout(timer);
      this.idleTimers.delete(name);
    }
    room.join(connection, info);
    return room;
  }

  leave(room: Room, connection: Connection): void {
    room.leave(connection);
    if (room.size > 0) return;
    const timer = setTimeout(() => void this.unloadIfIdle(room), this.options.idleUnloadMs ?? 30_000);
    this.idleTimers.set(room.name, timer);
  }

  private async unloadIfIdle(room: Room): Promise<void> {
    this.idleTimers.delete(room.name);
    if (room.size > 0) return;
    try {
      await room.flush({ derive: true });
    } catch {
      return; // the room retries its store; it unloads on a later idle check
    }
    if (room.size > 0 || room.hasPendingUpdates) return;
    this.rooms.delete(room.name);
    this.loaded.delete(room.name);
    room.destroy();
  }

  /** Who is connected to each of these documents right now (documents nobody has open are left out). */
  presence(names: readonly string[]): Map<string, readonly string[]> {
    const result = new Map<string, readonly string[]>();
    for (const name of names) {
      const users = this.loaded.get(name)?.userIds() ?? [];
      if (users.length > 0) result.set(name, users);
    }
    return result;
  }

  /**
   * The document's full state as stored, after flushing what is pending: what a version freezes.
   * Loads the room if needed (and lets it unload again when nobody is in it).
   */
  async snapshot(name: string): Promise<{ state: Uint8Array; html: string; text: string }> {
    const room = await this.room(name);
    try {
      await room.flush({ derive: true });
      return { state: Y.encodeStateAsUpdate(room.doc), ...renderDocument(room.doc) };
    } finally {
      this.unloadLaterIfIdle(room);
    }
  }

  /**
   * Brings a loaded document's stored HTML and text up to date (they are derived once a minute
   * while people type): before someone reads them. A document not loaded is up to date already.
   */
  async refreshContent(name: string): Promise<void> {
    await this.loaded.get(name)?.flush({ derive: true });
  }

  /**
   * Renders again the derived content that a process which died (kill -9, power) left behind its
   * log, before anyone reads it: each such document is loaded, derived and let go like a room nobody
   * is in. One at a time; a document that fails is logged and left for its next load.
   */
  async catchUpDerived(): Promise<number> {
    let done = 0;
    for (const name of await this.options.store.derivedBehind()) {
      try {
        const room = await this.room(name);
        try {
          await room.flush({ derive: true });
          done++;
        } finally {
          this.unloadLaterIfIdle(room);
        }
      } catch (error) {
        this.options.log?.('error', 'catching up derived content failed', { room: name, error: String(error) });
      }
    }
    return done;
  }

  /** Replaces the document's content (a compromise or a ruling), live for everyone in it, and stores it. */
  async replaceContent(name: string, blocks: TextBlock[]): Promise<{ state: Uint8Array; html: string; text: string }> {
    return this.replace(name, (doc) => replaceDocument(doc, blocks, 'server'));
  }

  /** Replaces the document's content with another document's (a proposal's stored state), structure for structure. */
  async replaceWithState(name: string, state: Uint8Array): Promise<{ state: Uint8Array; html: string; text: string }> {
    return this.replace(name, (doc) => replaceWithState(doc, state, 'server'));
  }

  private async replace(name: string, change: (doc: Y.Doc) => void) {
    const room = await this.room(name);
    try {
      change(room.doc);
      await room.flush({ derive: true });
      return { state: Y.encodeStateAsUpdate(room.doc), ...renderDocument(room.doc) };
    } finally {
      this.unloadLaterIfIdle(room);
    }
  }

  private unloadLaterIfIdle(room: Room): void {
    if (room.size > 0 || this.idleTimers.has(room.name)) return;
    const timer = setTimeout(() => void this.unloadIfIdle(room), this.options.idleUnloadMs ?? 30_000);
    this.idleTimers.set(room.name, timer);
  }

  /** Sets a document's lock in its loaded room, if any (the database is the source of truth). */
  async setLocked(name: string, locked: boolean): Promise<void> {
    const room = this.rooms.get(name);
    if (room) (await room).setLocked(locked);
  }

  /** Stores what every loaded room holds; failures stay pending in their rooms and are retried there. */
  async flushAll(): Promise<void> {
    await Promise.allSettled([...this.loaded.values()].map((room) => room.flush()));
  }

  /** Flushes every room and closes its connections; for shutdown. */
  async closeAll(): Promise<void> {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    this.rooms.clear();
    this.loaded.clear();
    await Promise.allSettled(
      rooms.map((result) => (result.status === 'fulfilled' ? result.value.shutdown(CLOSE.shuttingDown) : undefined)),
    );
  }
}
