import { Extension } from '@tiptap/core';
import type { Node } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import type { CommentAnchor } from '../../../shared/api.ts';
import { bindingOf, decodeAnchor, resolveAnchor, type DecodedAnchor, type Range } from './anchors.ts';

/**
 * Highlights the passages that open comment threads are anchored to, and keeps every thread's range
 * (open or resolved) for the comments panel, which shows each passage as it reads now.
 */

/** What the comments panel tells the editor: the threads and which one is active. */
export interface AnchoredThread {
  id: string;
  anchor: CommentAnchor;
  open: boolean;
}

interface Tracked {
  id: string;
  open: boolean;
  anchor: DecodedAnchor | null;
}

export interface CommentAnchorsState {
  threads: readonly Tracked[];
  activeId: string | null;
  /** Every thread's passage in the current document; null when it is no longer in the text. */
  ranges: ReadonlyMap<string, Range | null>;
  decorations: DecorationSet;
}

interface Meta {
  threads?: readonly AnchoredThread[];
  activeId?: string | null;
}

export const commentAnchorsKey = new PluginKey<CommentAnchorsState>('commentAnchors');

/** Tells the editor which threads to highlight (and which one strongest). */
export function setCommentAnchors(tr: Transaction, meta: Meta): Transaction {
  return tr.setMeta(commentAnchorsKey, meta);
}

function resolveAll(state: EditorState, threads: readonly Tracked[]): Map<string, Range | null> {
  const binding = bindingOf(state);
  const size = state.doc.content.size;
  return new Map(
    threads.map((t) => [t.id, binding && t.anchor ? resolveAnchor(binding, t.anchor, size) : null] as const),
  );
}

/** Start and end move like their Yjs positions: typing at either edge stays outside the passage. */
function mapRange(range: Range | null, tr: Transaction): Range | null {
  if (!range) return null;
  const from = tr.mapping.map(range.from, 1);
  const to = tr.mapping.map(range.to, -1);
  return from < to ? { from, to } : null;
}

function decorate(doc: Node, value: Omit<CommentAnchorsState, 'decorations'>): DecorationSet {
  const decorations: Decoration[] = [];
  for (const thread of value.threads) {
    const range = value.ranges.get(thread.id);
    if (!thread.open || !range) continue;
    const active = thread.id === value.activeId;
    decorations.push(
      Decoration.inline(range.from, range.to, {
        class: active ? 'comment-anchor comment-anchor-active' : 'comment-anchor',
        'data-thread-id': thread.id,
      }),
    );
  }
  return DecorationSet.create(doc, decorations);
}

function apply(tr: Transaction, value: CommentAnchorsState, old: EditorState, next: EditorState) {
  const meta = tr.getMeta(commentAnchorsKey) as Meta | undefined;
  // A transaction from the Yjs binding: the Yjs document and the binding's mapping already match it.
  const fromYjs = tr.getMeta(ySyncPluginKey) !== undefined;
  if (!meta && !fromYjs && !tr.docChanged) return value;
  const threads = meta?.threads
    ? meta.threads.map((t) => ({ id: t.id, open: t.open, anchor: decodeAnchor(t.anchor) }))
    : value.threads;
  const activeId = meta && 'activeId' in meta ? (meta.activeId ?? null) : value.activeId;
  let ranges: Map<string, Range | null>;
  if (tr.docChanged && !fromYjs) {
    // A local edit reaches Yjs only after this transaction (in ySync's view update), so the relative
    // positions still resolve in the old document: map what they said there through the change.
    let before: Map<string, Range | null> | undefined;
    ranges = new Map(
      threads.map((t) => {
        const known = value.ranges.get(t.id);
        const was = known === undefined ? ((before ??= resolveAll(old, threads)).get(t.id) ?? null) : known;
        return [t.id, mapRange(was, tr)] as const;
      }),
    );
  } else {
    ranges = resolveAll(next, threads);
  }
  const state = { threads, activeId, ranges };
  return { ...state, decorations: decorate(next.doc, state) };
}

export interface CommentAnchorsOptions {
  /** A click on a highlighted passage makes its thread the active one. */
  onActivate: (threadId: string) => void;
}

export const CommentAnchors = Extension.create<CommentAnchorsOptions>({
  name: 'commentAnchors',
  addOptions() {
    return { onActivate: () => undefined };
  },
  addProseMirrorPlugins() {
    const { onActivate } = this.options;
    return [
      new Plugin<CommentAnchorsState>({
        key: commentAnchorsKey,
        state: {
          init: () => ({ threads: [], activeId: null, ranges: new Map(), decorations: DecorationSet.empty }),
          apply,
        },
        props: {
          decorations: (state) => commentAnchorsKey.getState(state)?.decorations,
          handleClick: (view, pos) => {
            const value = commentAnchorsKey.getState(view.state);
            const hit = value?.threads.find((t) => {
              const range = value.ranges.get(t.id);
              return t.open && range && range.from <= pos && pos <= range.to;
            });
            if (hit) onActivate(hit.id);
            return false;
          },
        },
      }),
    ];
  },
});
