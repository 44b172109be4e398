import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { DocStore, FlushInfo } from '../../server/collab/doc-store.ts';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../server/collab/protocol.ts';
import { renderDocument } from '../../server/collab/render.ts';
import type { Connection, Room } from '../../server/collab/room.ts';

/** A DocStore in memory that can be told to fail. */
export class MemoryStore implements DocStore {
  log = new Map<string, Uint8Array[]>();
  snapshots = new Map<string, Uint8Array>();
  flushes: FlushInfo[] = [];
  /** Documents whose last stored batches came without derived content. */
  behind = new Set<string>();
  failNext = 0;
  async load(name: string) {
    const tail = this.log.get(name) ?? [];
    const snapshot = this.snapshots.get(name);
    return {
      updates: snapshot ? [snapshot, ...tail] : [...tail],
      logLength: tail.length,
      derivedBehind: this.behind.has(name),
    };
  }
  async derivedBehind() {
    return [...this.behind].sort();
  }
  async append(name: string, update: Uint8Array, info: FlushInfo) {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('database unavailable');
    }
    const tail = this.log.get(name) ?? [];
    tail.push(update);
    this.log.set(name, tail);
    this.flushes.push(info);
    if (info.text === null) this.behind.add(name);
    else this.behind.delete(name);
  }
  async saveDerived(name: string, info: FlushInfo) {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('database unavailable');
    }
    this.flushes.push(info);
    if (info.text !== null) this.behind.delete(name);
  }
  async compact(name: string, state: Uint8Array) {
    this.snapshots.set(name, state);
    this.log.set(name, []);
  }
}

/**
 * A client speaking the y-websocket protocol to the room through an in-memory connection, the way
 * the stock provider does: it answers the server's step 1 and applies what arrives.
 */
export class FakeClient implements Connection {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  closed: { code: number; reason: string } | null = null;
  received = 0;
  connected = false;
  constructor(private readonly room: Room) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this || !this.connected) return;
      this.toServer((encoder) => syncProtocol.writeUpdate(encoder, update));
    });
  }
  /** Leaves the room and keeps editing offline, like a laptop with its lid closed. */
  disconnect() {
    this.connected = false;
    this.room.leave(this);
  }
  connect(userId: string, canWrite: boolean) {
    this.connected = true;
    this.room.join(this, { userId, canWrite });
    this.toServer((encoder) => syncProtocol.writeSyncStep1(encoder, this.doc));
    return this;
  }
  toServer(write: (encoder: encoding.Encoder) => void, type = MESSAGE_SYNC) {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, type);
    write(encoder);
    this.room.receive(this, encoding.toUint8Array(encoder));
  }
  raw(bytes: Uint8Array) {
    this.room.receive(this, bytes);
  }
  send(data: Uint8Array) {
    if (!this.connected) return;
    this.received++;
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
      if (encoding.length(reply) > 1) this.room.receive(this, encoding.toUint8Array(reply));
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    }
  }
  close(code: number, reason: string) {
    this.connected = false;
    this.closed = { code, reason };
  }
  type(text: string) {
    const fragment = this.doc.getXmlFragment('default');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    fragment.insert(fragment.length, [paragraph]);
  }
  text() {
    return renderDocument(this.doc).text;
  }
}
