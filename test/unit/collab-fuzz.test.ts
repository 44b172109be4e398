import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../server/collab/protocol.ts';
import { buildDocument, renderDocument } from '../../server/collab/render.ts';
import { Room } from '../../server/collab/room.ts';
import { FakeClient, MemoryStore } from '../support/collab-fakes.ts';

const now = () => new Date('2026-03-02T09:00:00Z');

/** A small seeded generator (mulberry32): the same frames on every run, so a failure can be replayed. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (max: number) => Math.floor(next() * max),
    bytes(length: number) {
      return Uint8Array.from({ length }, () => Math.floor(next() * 256));
    },
  };
}
type Random = ReturnType<typeof random>;

/** Real payloads of each kind, for the fuzzer to cut short and flip bits in. */
function samples() {
  const doc = new Y.Doc();
  buildDocument(doc, [{ heading: 'Kop' }, { paragraph: 'Een alinea met wat tekst.' }, { bullets: ['een', 'twee'] }]);
  const other = new Y.Doc();
  Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('later')]);
  other.getXmlFragment('default').insert(1, [paragraph]);
  other.getXmlFragment('default').delete(0, 1);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: 'Fuzz', color: '#123456' }, cursor: { anchor: 1, head: 4 } });
  return {
    update: Y.encodeStateAsUpdate(doc),
    diff: Y.encodeStateAsUpdate(other, Y.encodeStateVector(doc)),
    stateVector: Y.encodeStateVector(other),
    awareness: awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
  };
}

/** A payload: random bytes, a real one cut short, or a real one with bytes flipped. */
function payload(rng: Random, real: Uint8Array): Uint8Array {
  switch (rng.int(3)) {
    case 0:
      return rng.bytes(rng.int(40));
    case 1:
      return real.slice(0, rng.int(real.length));
    default: {
      const copy = real.slice();
      for (let i = 0, n = 1 + rng.int(4); i < n; i++) copy[rng.int(copy.length)] = rng.int(256);
      return copy;
    }
  }
}

/** A well-formed envelope (type and length prefix right) around a broken payload. */
function frame(rng: Random, real: ReturnType<typeof samples>): Uint8Array {
  const encoder = encoding.createEncoder();
  const kind = rng.int(6);
  if (kind <= 2) {
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    const [type, source] = [
      [syncProtocol.messageYjsSyncStep1, real.stateVector],
      [syncProtocol.messageYjsSyncStep2, real.update],
      [syncProtocol.messageYjsUpdate, real.diff],
    ][kind]!;
    encoding.writeVarUint(encoder, type as number);
    encoding.writeVarUint8Array(encoder, payload(rng, source as Uint8Array));
  } else if (kind === 3) {
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, payload(rng, real.awareness));
  } else if (kind === 4) {
    encoding.writeVarUint(encoder, MESSAGE_QUERY_AWARENESS);
    if (rng.int(2)) encoding.writeUint8Array(encoder, rng.bytes(rng.int(5)));
  } else {
    encoding.writeVarUint(encoder, 4 + rng.int(100));
    encoding.writeVarUint8Array(encoder, rng.bytes(rng.int(20)));
  }
  return encoding.toUint8Array(encoder);
}

async function setup(locked = false) {
  const store = new MemoryStore();
  const seed = new Y.Doc();
  buildDocument(seed, [{ heading: 'Doelen' }, { paragraph: 'Startversie van de sectie.' }]);
  store.snapshots.set('section:fuzz', Y.encodeStateAsUpdate(seed));
  const logs: unknown[] = [];
  const room = await Room.load(
    'section:fuzz',
    { store, now, flushDelayMs: 5, log: (_level, message, fields) => logs.push({ message, ...fields }) },
    locked,
  );
  return { store, room, logs };
}

describe('collab frame fuzzing', () => {
  it('a read-only member sending a truncated state vector ([0, 0, 1, 5]) is closed with 4400; the room goes on', async () => {
    const { room } = await setup();
    const writer = new FakeClient(room).connect('w', true);
    const reader = new FakeClient(room).connect('raadslid', false);
    expect(() => reader.raw(new Uint8Array([0, 0, 1, 5]))).not.toThrow();
    expect(reader.closed?.code).toBe(4400);
    writer.type('gaat gewoon door');
    expect(renderDocument(room.doc).text).toContain('gaat gewoon door');
    expect(writer.closed).toBeNull();
  });

  for (const [who, canWrite, locked, frames] of [
    ['a writer', true, false, 5_000],
    ['a read-only member', false, false, 5_000],
    ['a writer while the section is locked', true, true, 2_000],
  ] as const) {
    it(`survives ${frames} broken frames from ${who}, closing only the sender and keeping the document`, async () => {
      const { room, store } = await setup(locked);
      const rng = random(canWrite ? (locked ? 3 : 1) : 2);
      const real = samples();
      const watcher = new FakeClient(room).connect('watcher', true);
      const before = Y.encodeStateAsUpdate(room.doc);
      let sender = new FakeClient(room).connect('fuzzer', canWrite);
      let closedBy4400 = 0;
      for (let i = 0; i < frames; i++) {
        const bytes = frame(rng, real);
        expect(() => sender.raw(bytes), `frame ${i}: ${[...bytes]}`).not.toThrow();
        if (sender.closed) {
          expect(sender.closed.code, `frame ${i}: ${[...bytes]}`).toBe(4400);
          closedBy4400++;
          sender = new FakeClient(room).connect('fuzzer', canWrite);
        }
      }
      expect(closedBy4400).toBeGreaterThan(100);
      expect(watcher.closed).toBeNull();
      // The watcher still converges with the room, and a normal edit still goes through and is stored.
      expect(watcher.text()).toBe(renderDocument(room.doc).text);
      if (!canWrite || locked) expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before);
      expect(renderDocument(room.doc).text).toContain('Startversie van de sectie.');
      if (locked) room.setLocked(false);
      watcher.type('Na het fuzzen getypt.');
      await room.flush();
      const reloaded = await Room.load('section:fuzz', { store, now });
      expect(renderDocument(reloaded.doc).text).toContain('Na het fuzzen getypt.');
      expect(renderDocument(reloaded.doc).text).toBe(watcher.text());
      // Thousands of frames through Yjs: seconds alone, but the whole suite shares two cores with it.
    }, 120_000);
  }
});
