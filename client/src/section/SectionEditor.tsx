import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { useEffect } from 'react';
import type { MeResponse } from '../../../shared/api.ts';
import { CARET_LABEL_TEXT, colorFor } from '../../../shared/colors.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { documentExtensions } from './extensions.ts';
import type { Collab } from './useCollab.ts';

interface CaretUser {
  name?: string;
  organization?: string;
  color?: string;
}

/** Only a `#rrggbb` colour is trusted from another client's awareness state; anything else gets grey. */
const caretColor = (user: CaretUser) => (/^#[0-9a-f]{6}$/i.test(user.color ?? '') ? user.color! : '#4b5563');

/** Another person's caret: a coloured bar with their name and organization above it (styles.css). */
function renderCaret(user: CaretUser): HTMLElement {
  const color = caretColor(user);
  const caret = document.createElement('span');
  caret.className = 'collaboration-carets__caret';
  caret.dataset.testid = 'remote-caret';
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = color;
  label.style.color = CARET_LABEL_TEXT;
  // Plain text nodes: a name from another client never becomes markup.
  label.append(document.createTextNode(user.name ?? '?'));
  if (user.organization) {
    const organization = document.createElement('span');
    organization.className = 'collaboration-carets__organization';
    organization.textContent = user.organization;
    label.append(document.createTextNode(' · '), organization);
  }
  caret.append(label);
  return caret;
}

/** Another person's selection: their colour, light enough to read the text through (hex alpha 33). */
const renderSelection = (user: CaretUser) => ({
  nodeName: 'span',
  class: 'collaboration-carets__selection',
  style: `background-color: ${caretColor(user)}33`,
});

function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useI18n();
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
    }),
  });
  const button = (label: string, active: boolean, run: () => void) => (
    <button type="button" className="tw-tool" aria-pressed={active} onClick={run}>
      {label}
    </button>
  );
  return (
    <div role="toolbar" aria-label={t('editor.toolbar')} className="tw-toolbar">
      {button(t('editor.bold'), state.bold, () => editor.chain().focus().toggleBold().run())}
      {button(t('editor.italic'), state.italic, () => editor.chain().focus().toggleItalic().run())}
      {button(t('editor.heading2'), state.h2, () => editor.chain().focus().toggleHeading({ level: 2 }).run())}
      {button(t('editor.heading3'), state.h3, () => editor.chain().focus().toggleHeading({ level: 3 }).run())}
      {button(t('editor.bulletList'), state.bullet, () => editor.chain().focus().toggleBulletList().run())}
      {button(t('editor.orderedList'), state.ordered, () => editor.chain().focus().toggleOrderedList().run())}
      {button(t('editor.quote'), state.quote, () => editor.chain().focus().toggleBlockquote().run())}
      {button(t('editor.link'), state.link, () => {
        if (editor.isActive('link')) return void editor.chain().focus().unsetLink().run();
        const href = window.prompt(t('editor.linkPrompt'), 'https://');
        if (href && /^(https?:|mailto:)/i.test(href)) editor.chain().focus().setLink({ href }).run();
      })}
      {button(t('editor.table'), false, () =>
        editor.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(),
      )}
    </div>
  );
}

/**
 * The Tiptap editor bound to a live document (a section, a report's narrative part), with everyone's
 * caret. `label` names the text for screen readers when it is not a section's (several on one page).
 */
export function SectionEditor({
  collab,
  me,
  editable,
  label,
}: {
  collab: Collab;
  me: MeResponse;
  editable: boolean;
  label?: string;
}) {
  const { t } = useI18n();
  const editor = useEditor(
    {
      extensions: [
        ...documentExtensions,
        Collaboration.configure({ document: collab.doc }),
        CollaborationCaret.configure({
          provider: collab.provider,
          user: {
            id: me.user.id,
            name: me.user.name,
            organization: me.user.organization.name,
            color: colorFor(me.user.id),
          },
          render: renderCaret,
          selectionRender: renderSelection,
        }),
      ],
      editable,
      editorProps: {
        attributes: { 'aria-label': label ?? t('editor.label'), class: 'tw-prose', 'data-testid': 'editor' },
      },
    },
    [collab.doc, collab.provider],
  );
  useEffect(() => {
    editor?.setEditable(editable);
  }, [editor, editable]);
  if (!editor) return null;
  return (
    <div className="tw-editor">
      {editable ? <Toolbar editor={editor} /> : null}
      <EditorContent editor={editor} />
    </div>
  );
}
