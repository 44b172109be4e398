import { Extension, type Editor } from '@tiptap/core';

/**
 * Keyboard use of tables in the editor: Tab and Shift-Tab move between cells (the table extension's
 * own keys), but Tab in the last cell leaves the table instead of adding row after row, and Escape or
 * Ctrl/Cmd-Enter leave it from any cell: the cursor goes to the paragraph below the table (one is
 * added when the table ends the document), so a keyboard user is never trapped in it.
 */

/** The position right after the table the selection is in, or null outside a table. */
function afterTable(editor: Editor): number | null {
  const { $from } = editor.state.selection;
  for (let depth = $from.depth; depth > 0; depth--) {
    if ($from.node(depth).type.name === 'table') return $from.after(depth);
  }
  return null;
}

export function leaveTable(editor: Editor): boolean {
  const after = afterTable(editor);
  if (after === null) return false;
  const next = editor.state.doc.nodeAt(after);
  if (next?.isTextblock)
    return editor
      .chain()
      .setTextSelection(after + 1)
      .scrollIntoView()
      .run();
  return editor
    .chain()
    .insertContentAt(after, { type: 'paragraph' })
    .setTextSelection(after + 1)
    .scrollIntoView()
    .run();
}

export const TableKeys = Extension.create({
  name: 'tableKeys',
  // Before the table extension's own Tab, which adds a row in the last cell.
  priority: 1000,
  addKeyboardShortcuts() {
    return {
      Tab: () => afterTable(this.editor) !== null && !this.editor.can().goToNextCell() && leaveTable(this.editor),
      Escape: () => leaveTable(this.editor),
      'Mod-Enter': () => leaveTable(this.editor),
    };
  },
});
