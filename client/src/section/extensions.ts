import type { Extensions } from '@tiptap/core';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';

/**
 * The document's building blocks (nodes and marks), without the co-editing plugins: the editor adds
 * Collaboration and the carets to these, and the diff builds its schema from them, so a version is
 * read with exactly the schema it was written in.
 */
export const documentExtensions: Extensions = [
  // Yjs keeps the history (per person, through Collaboration): ProseMirror's own undo would fight it.
  StarterKit.configure({ undoRedo: false, link: { openOnClick: false } }),
  TableKit,
];
