import { useEditorState, type Editor } from '@tiptap/react';
import { useState } from 'react';
import { CommentButton } from '../comments/CommentButton.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.nl.ts';
import { LinkDialog } from './LinkDialog.tsx';
import { leaveTable } from './tableKeys.ts';

/**
 * The editor's toolbar: marks and blocks, a link dialog, and, while the cursor is in a table, the
 * controls to add and remove rows and columns (Tab moves between cells, Escape leaves the table).
 */
export function EditorToolbar({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const [linking, setLinking] = useState(false);
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      link: e.isActive('link'),
      table: e.isActive('table'),
    }),
  });
  const button = (label: string, active: boolean, run: () => void) => (
    <button type="button" className="tw-tool" aria-pressed={active} onClick={run}>
      {label}
    </button>
  );
  const tableAction = (key: MessageKey, run: () => boolean, testId: string) => (
    <button type="button" className="tw-tool" onClick={() => void run()} data-testid={testId}>
      {t(key)}
    </button>
  );
  const chain = () => editor.chain().focus();
  return (
    <>
      <div role="toolbar" aria-label={t('editor.toolbar')} className="tw-toolbar">
        {button(t('editor.bold'), state.bold, () => chain().toggleBold().run())}
        {button(t('editor.italic'), state.italic, () => chain().toggleItalic().run())}
        {button(t('editor.heading2'), state.h2, () => chain().toggleHeading({ level: 2 }).run())}
        {button(t('editor.heading3'), state.h3, () => chain().toggleHeading({ level: 3 }).run())}
        {button(t('editor.bulletList'), state.bullet, () => chain().toggleBulletList().run())}
        {button(t('editor.orderedList'), state.ordered, () => chain().toggleOrderedList().run())}
        {button(t('editor.quote'), state.quote, () => chain().toggleBlockquote().run())}
        {button(t('editor.link'), state.link || linking, () => setLinking(true))}
        {button(t('editor.table'), state.table, () =>
          chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
        )}
        <CommentButton editor={editor} />
      </div>
      {state.table ? (
        <div role="toolbar" aria-label={t('editor.tableToolbar')} className="tw-toolbar tw-table-toolbar">
          {tableAction('editor.rowBefore', () => chain().addRowBefore().run(), 'table-row-before')}
          {tableAction('editor.rowAfter', () => chain().addRowAfter().run(), 'table-row-after')}
          {tableAction('editor.rowDelete', () => chain().deleteRow().run(), 'table-row-delete')}
          {tableAction('editor.columnBefore', () => chain().addColumnBefore().run(), 'table-column-before')}
          {tableAction('editor.columnAfter', () => chain().addColumnAfter().run(), 'table-column-after')}
          {tableAction('editor.columnDelete', () => chain().deleteColumn().run(), 'table-column-delete')}
          {tableAction('editor.headerRow', () => chain().toggleHeaderRow().run(), 'table-header-row')}
          {tableAction('editor.tableDelete', () => chain().deleteTable().run(), 'table-delete')}
          {tableAction('editor.tableLeave', () => leaveTable(editor) && editor.commands.focus(), 'table-leave')}
        </div>
      ) : null}
      {linking ? <LinkDialog editor={editor} onClose={() => setLinking(false)} /> : null}
    </>
  );
}
