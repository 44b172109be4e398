import fc from 'fast-check';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  awarenessMessage,
  decodeClientMessage,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
  syncStep1,
  syncStep2,
  updateMessage,
} from '../../server/collab/protocol.ts';

/** A document with some text, and a second one that has seen part of it. */
function docs() {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hallo');
  const behind = new Y.Doc();
  Y.applyUpdate(behind, Y.encodeStateAsUpdate(doc));
  doc.getText('t').insert(5, ' wereld');
  return { doc, behind };
}

/** A frame as a client would write it: varuints and length-prefixed byte arrays, in order. */
function frame(...fields: Array<number | Uint8Array>): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const field of fields) {
    if (typeof field === 'number') encoding.writeVarUint(encoder, field);
    else encoding.writeVarUint8Array(encoder, field);
  }
  return encoding.toUint8Array(encoder);
}

const withTrailingByte = (bytes: Uint8Array, byte = 0) => Uint8Array.from([...bytes, byte]);

/** One valid frame of every type the server accepts. */
function validFrames() {
  const { doc, behind } = docs();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { name: 'Anna' } });
  return {
    'sync-step1': syncStep1(behind),
    'sync-step2': syncStep2(doc, Y.encodeStateVector(behind)),
    'sync-update': updateMessage(Y.encodeStateAsUpdate(doc)),
    awareness: awarenessMessage(awareness, [doc.clientID]),
    'query-awareness': frame(MESSAGE_QUERY_AWARENESS),
  };
}

describe('collab protocol: encoding and decoding', () => {
  it('uses the y-websocket message numbers', () => {
    expect([MESSAGE_SYNC, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS]).toEqual([0, 1, 3]);
    expect([SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE]).toEqual([0, 1, 2]);
  });

  it('decodes sync step 1 to the state vector it carries', () => {
    const { behind } = docs();
    const message = decodeClientMessage(syncStep1(behind));
    expect(message).toEqual({ type: 'sync-step1', stateVector: Y.encodeStateVector(behind) });
  });

  it('decodes an empty document’s state vector', () => {
    expect(decodeClientMessage(syncStep1(new Y.Doc()))).toEqual({
      type: 'sync-step1',
      stateVector: Uint8Array.of(0),
    });
  });

  it('decodes sync step 2 to an update that brings the other side up to date', () => {
    const { doc, behind } = docs();
    const message = decodeClientMessage(syncStep2(doc, Y.encodeStateVector(behind)));
    expect(message?.type).toBe('sync-step2');
    if (message?.type !== 'sync-step2') return;
    Y.applyUpdate(behind, message.update);
    expect(behind.getText('t').toString()).toBe('hallo wereld');
  });

  it('decodes an update message to the very update it wraps', () => {
    const { doc } = docs();
    const update = Y.encodeStateAsUpdate(doc);
    expect(decodeClientMessage(updateMessage(update))).toEqual({ type: 'sync-update', update });
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, update);
    expect(fresh.getText('t').toString()).toBe('hallo wereld');
  });

  it('decodes an awareness message to an update another peer can apply', () => {
    const { doc } = docs();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { name: 'Anna' } });
    const message = decodeClientMessage(awarenessMessage(awareness, [doc.clientID]));
    expect(message?.type).toBe('awareness');
    if (message?.type !== 'awareness') return;
    const peer = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(peer, message.update, 'test');
    expect(peer.getStates().get(doc.clientID)).toEqual({ user: { name: 'Anna' } });
  });

  it('decodes a query for awareness', () => {
    expect(decodeClientMessage(frame(MESSAGE_QUERY_AWARENESS))).toEqual({ type: 'query-awareness' });
  });

  it('decodes frames written by hand the same way', () => {
    const payload = Uint8Array.of(1, 2, 3);
    expect(decodeClientMessage(frame(MESSAGE_SYNC, SYNC_UPDATE, payload))).toEqual({
      type: 'sync-update',
      update: payload,
    });
    expect(decodeClientMessage(frame(MESSAGE_SYNC, SYNC_STEP2, payload))).toEqual({
      type: 'sync-step2',
      update: payload,
    });
    expect(decodeClientMessage(frame(MESSAGE_AWARENESS, payload))).toEqual({ type: 'awareness', update: payload });
    expect(decodeClientMessage(frame(MESSAGE_SYNC, SYNC_UPDATE, new Uint8Array()))).toEqual({
      type: 'sync-update',
      update: new Uint8Array(),
    });
  });
});

describe('collab protocol: what it refuses', () => {
  it('refuses an empty frame', () => {
    expect(decodeClientMessage(new Uint8Array())).toBeNull();
  });

  it('refuses unknown message types and sync subtypes', () => {
    for (const type of [2, 4, 5, 100, 2 ** 20]) expect(decodeClientMessage(frame(type)), `type ${type}`).toBeNull();
    for (const type of [2, 4, 100])
      expect(decodeClientMessage(frame(type, Uint8Array.of(0))), `type ${type}`).toBeNull();
    for (const syncType of [3, 4, 100]) {
      expect(decodeClientMessage(frame(MESSAGE_SYNC, syncType, Uint8Array.of(0))), `sync ${syncType}`).toBeNull();
    }
  });

  it('refuses every valid frame cut short', () => {
    for (const [type, bytes] of Object.entries(validFrames())) {
      for (let length = 0; length < bytes.length; length++) {
        expect(decodeClientMessage(bytes.slice(0, length)), `${type} cut to ${length} of ${bytes.length}`).toBeNull();
      }
    }
  });

  it('refuses every valid frame with trailing bytes', () => {
    for (const [type, bytes] of Object.entries(validFrames())) {
      expect(decodeClientMessage(bytes), type).not.toBeNull();
      for (const byte of [0, 1, 0x7f, 0xff])
        expect(decodeClientMessage(withTrailingByte(bytes, byte)), type).toBeNull();
      expect(decodeClientMessage(Uint8Array.from([...bytes, ...bytes])), `${type} twice`).toBeNull();
    }
  });

  it('refuses a varuint that does not end or does not fit', () => {
    expect(decodeClientMessage(Uint8Array.of(0x80))).toBeNull();
    expect(decodeClientMessage(new Uint8Array(12).fill(0xff))).toBeNull();
    expect(decodeClientMessage(Uint8Array.of(MESSAGE_SYNC, SYNC_UPDATE, 0xff, 0xff, 0xff, 0xff, 0x0f))).toBeNull();
  });

  it('refuses a payload length beyond the frame', () => {
    expect(decodeClientMessage(Uint8Array.of(MESSAGE_SYNC, SYNC_UPDATE, 5, 1, 2))).toBeNull();
    expect(decodeClientMessage(Uint8Array.of(MESSAGE_AWARENESS, 3, 1))).toBeNull();
  });

  describe('state vectors in sync step 1 are checked strictly', () => {
    const step1 = (stateVector: Uint8Array) => decodeClientMessage(frame(MESSAGE_SYNC, SYNC_STEP1, stateVector));

    it('accepts exactly a count and that many (client, clock) pairs', () => {
      expect(step1(Uint8Array.of(0))).toEqual({ type: 'sync-step1', stateVector: Uint8Array.of(0) });
      expect(step1(frame(2, 11, 5, 300, 7))).toEqual({ type: 'sync-step1', stateVector: frame(2, 11, 5, 300, 7) });
    });

    it('refuses an empty payload, a missing pair or half of one', () => {
      expect(step1(new Uint8Array())).toBeNull();
      expect(step1(frame(1))).toBeNull();
      expect(step1(frame(1, 11))).toBeNull();
      expect(step1(frame(2, 11, 5))).toBeNull();
      expect(step1(frame(2, 11, 5, 300))).toBeNull();
      expect(step1(Uint8Array.of(1, 11, 0x80))).toBeNull();
      expect(step1(frame(0xffffffff))).toBeNull();
    });

    it('refuses bytes after the last pair', () => {
      expect(step1(Uint8Array.of(0, 0))).toBeNull();
      expect(step1(withTrailingByte(frame(1, 11, 5)))).toBeNull();
    });

    it('refuses every cut of a real state vector, and accepts the whole', () => {
      const { doc, behind } = docs();
      const other = new Y.Doc();
      other.getText('t').insert(0, 'x');
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(behind));
      const stateVector = Y.encodeStateVector(doc);
      expect(step1(stateVector)).toEqual({ type: 'sync-step1', stateVector });
      for (let length = 0; length < stateVector.length; length++)
        expect(step1(stateVector.slice(0, length))).toBeNull();
    });

    it('decides on any bytes without throwing, and accepts only well-formed vectors', () => {
      const wellFormed = fc
        .array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 })
        .map((pairs) => frame(pairs.length, ...pairs.flat()));
      fc.assert(
        fc.property(wellFormed, (stateVector) => {
          expect(step1(stateVector)).toEqual({ type: 'sync-step1', stateVector });
          for (let length = 0; length < stateVector.length; length++) {
            expect(step1(stateVector.slice(0, length))).toBeNull();
          }
          expect(step1(withTrailingByte(stateVector))).toBeNull();
        }),
      );
    });
  });

  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const message = decodeClientMessage(bytes);
        if (message === null) return;
        expect(['sync-step1', 'sync-step2', 'sync-update', 'awareness', 'query-awareness']).toContain(message.type);
        // A frame that decodes has no slack: one more byte makes it invalid.
        expect(decodeClientMessage(withTrailingByte(bytes))).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });
});
