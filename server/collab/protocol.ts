import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';

/** The y-websocket protocol's message types: every type the server accepts is listed here. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP1 = syncProtocol.messageYjsSyncStep1;
export const SYNC_STEP2 = syncProtocol.messageYjsSyncStep2;
export const SYNC_UPDATE = syncProtocol.messageYjsUpdate;

/** Close codes. 4400-4499 tell the stock provider not to reconnect; others are transient. */
export const CLOSE = {
  badMessage: { code: 4400, reason: 'malformed or unknown message' },
  unauthenticated: { code: 4401, reason: 'log in first' },
  forbidden: { code: 4403, reason: 'no access to this document' },
  notFound: { code: 4404, reason: 'no such document' },
  tooLarge: { code: 1009, reason: 'message larger than 2 MB' },
  // Transient: the database is away and this room holds as much unstored work as it may. The client
  // keeps its edits (the update was not applied here) and offers them again when it reconnects.
  storageFull: { code: 1013, reason: 'changes cannot be stored right now; they stay with you, try again later' },
  // A refused upgrade that may succeed later (the database did not answer): the provider retries.
  unavailable: { code: 1013, reason: 'the server cannot check your access right now; try again later' },
  loadFailed: { code: 1011, reason: 'document could not be loaded; try again' },
  shuttingDown: { code: 1012, reason: 'server restarting' },
  // Transient on purpose: the client reconnects and the upgrade decides again with the new role.
  accessChanged: { code: 4000, reason: 'your access to this document changed' },
} as const;

export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

export function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function syncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-step2' | 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' };

/**
 * A state vector is a count and that many (client id, clock) pairs, nothing more. Yjs reads one
 * without bounds checks in the middle of answering it, so a truncated one must never get that far.
 */
function isStateVector(bytes: Uint8Array): boolean {
  const decoder = decoding.createDecoder(bytes);
  const entries = decoding.readVarUint(decoder);
  for (let i = 0; i < entries; i++) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
  }
  return !decoding.hasContent(decoder);
}

/** Decodes one frame completely, or returns null for anything malformed, unknown or with trailing bytes. */
export function decodeClientMessage(data: Uint8Array): ClientMessage | null {
  try {
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    let message: ClientMessage;
    if (type === MESSAGE_SYNC) {
      const syncType = decoding.readVarUint(decoder);
      const payload = decoding.readVarUint8Array(decoder);
      if (syncType === SYNC_STEP1) {
        if (!isStateVector(payload)) return null;
        message = { type: 'sync-step1', stateVector: payload };
      } else if (syncType === SYNC_STEP2) message = { type: 'sync-step2', update: payload };
      else if (syncType === SYNC_UPDATE) message = { type: 'sync-update', update: payload };
      else return null;
    } else if (type === MESSAGE_AWARENESS) {
      message = { type: 'awareness', update: decoding.readVarUint8Array(decoder) };
    } else if (type === MESSAGE_QUERY_AWARENESS) {
      message = { type: 'query-awareness' };
    } else {
      return null;
    }
    return decoding.hasContent(decoder) ? null : message;
  } catch {
    return null;
  }
}
