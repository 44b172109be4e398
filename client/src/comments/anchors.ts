import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import type { EditorState } from '@tiptap/pm/state';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
  type ProsemirrorBinding,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { CommentAnchor } from '../../../shared/api.ts';

/**
 * Anchors are Yjs relative positions (shared/api-comments.ts): they follow the text through everyone's
 * edits. The editor's Yjs binding turns them into ProseMirror positions and back, with its own mapping
 * between the Yjs types and the document's nodes.
 */

/** The server refuses a longer quote (shared/api-requests/comments.ts). */
const MAX_QUOTE = 2000;

export interface Range {
  from: number;
  to: number;
}

/** Both ends of an anchor, decoded once. */
export interface DecodedAnchor {
  start: Y.RelativePosition;
  end: Y.RelativePosition;
}

/** The Yjs binding of an editor, once it has rendered the document (before that its mapping is empty). */
export function bindingOf(state: EditorState): ProsemirrorBinding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: ProsemirrorBinding | null } | undefined;
  const binding = sync?.binding;
  return binding && binding.prosemirrorView ? binding : null;
}

/**
 * The start sticks to the character after it (assoc 0): text typed right before the passage stays
 * outside it. y-tiptap makes every text position stick to the character before it, so redo the start.
 */
function startPosition(relative: Y.RelativePosition, doc: Y.Doc): Y.RelativePosition {
  const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
  if (!absolute || !(absolute.type instanceof Y.XmlText)) return relative;
  return Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, 0);
}

const encode = (position: Y.RelativePosition) => encodeBase64(Y.encodeRelativePosition(position));

/** The anchor of the editor's selection, or null when nothing (or only white space) is selected. */
export function selectionAnchor(state: EditorState): CommentAnchor | null {
  const { from, to, empty } = state.selection;
  if (empty) return null;
  const quote = state.doc.textBetween(from, to, '\n').trim();
  const binding = bindingOf(state);
  if (!quote || !binding) return null;
  const start = absolutePositionToRelativePosition(from, binding.type, binding.mapping) as Y.RelativePosition;
  // The end keeps y-tiptap's assoc -1: text typed right after the passage stays outside it.
  const end = absolutePositionToRelativePosition(to, binding.type, binding.mapping) as Y.RelativePosition;
  return { start: encode(startPosition(start, binding.doc)), end: encode(end), quote: quote.slice(0, MAX_QUOTE) };
}

/** Null for an anchor this client cannot read (it then shows the quote as no longer in the text). */
export function decodeAnchor(anchor: CommentAnchor): DecodedAnchor | null {
  try {
    return {
      start: Y.decodeRelativePosition(decodeBase64(anchor.start)),
      end: Y.decodeRelativePosition(decodeBase64(anchor.end)),
    };
  } catch {
    return null;
  }
}

/**
 * Where an anchored passage is now in the document the binding last rendered; null when it was
 * deleted (both ends meet) or cannot be found.
 */
export function resolveAnchor(binding: ProsemirrorBinding, anchor: DecodedAnchor, size: number): Range | null {
  const from = relativePositionToAbsolutePosition(binding.doc, binding.type, anchor.start, binding.mapping);
  const to = relativePositionToAbsolutePosition(binding.doc, binding.type, anchor.end, binding.mapping);
  if (from === null || to === null || from >= to || from < 0 || to > size) return null;
  return { from, to };
}
