import { decodeBase64 } from '@oslojs/encoding';
import * as Y from 'yjs';
import { invalid } from '../http/errors.ts';

/**
 * Anchors arrive as base64 of `Y.encodeRelativePosition`. The server never resolves them (every client
 * has the document and the editor's mapping), but it refuses what no client could resolve: bytes that
 * do not decode as a relative position are a 400 at the boundary, not a thread nobody can place.
 */
export function checkRelativePosition(path: string, encoded: string): void {
  let decoded: Y.RelativePosition;
  try {
    decoded = Y.decodeRelativePosition(decodeBase64(encoded));
  } catch {
    throw invalid(path, 'not an encoded Yjs relative position', 'invalid_format');
  }
  // A position is relative to an item, or to a named type; one with neither points nowhere.
  if (!decoded.item && !decoded.type && !decoded.tname) {
    throw invalid(path, 'the relative position names no item and no type', 'invalid_format');
  }
}

export function checkAnchor(path: string, anchor: { start: string; end: string }): void {
  checkRelativePosition(`${path}.start`, anchor.start);
  checkRelativePosition(`${path}.end`, anchor.end);
}
