import type { Locator } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Puts the caret at the very end of an editor's text, as ProseMirror sees it, and waits until it does.
 *
 * Why not just click and press Control+End: the browser moves its selection at once, but ProseMirror
 * learns of it from the `selectionchange` event, and Chromium runs queued input before that event on a
 * busy machine. A command key pressed next (Enter, a toolbar button) then acts on the old caret, the start
 * of the text: a table or paragraph lands before the section's text instead of after it.
 */
export async function caretToEnd(editor: Locator): Promise<void> {
  await editor.click();
  await expect
    .poll(
      async () => {
        await editor.page().keyboard.press('Control+End');
        return editor.evaluate((element) => {
          // Tiptap hangs the editor on its element; only what the test needs of it is typed here.
          interface Node {
            isTextblock: boolean;
            lastChild: Node | null;
            content: { size: number };
          }
          interface View {
            state: { doc: Node; selection: { empty: boolean; from: number } };
            posAtDOM(node: globalThis.Node, offset: number): number;
          }
          const view = (element as Element & { editor?: { view: View } }).editor?.view;
          const selection = window.getSelection();
          if (!view || !selection?.anchorNode || !selection.isCollapsed) return false;
          // The end of the last textblock: one position back for each node closed after it.
          let node = view.state.doc;
          let end = node.content.size;
          while (!node.isTextblock && node.lastChild) {
            node = node.lastChild;
            end -= 1;
          }
          const { empty, from } = view.state.selection;
          // Where ProseMirror has the caret is where the browser shows it (the event has come through).
          return empty && from === end && from === view.posAtDOM(selection.anchorNode, selection.anchorOffset);
        });
      },
      { timeout: 10_000 },
    )
    .toBe(true);
}
