import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect } from 'react';
import type { MeResponse } from '../../../shared/api.ts';
import { CARET_LABEL_TEXT, colorFor } from '../../../shared/colors.ts';
import { CommentToolbar } from '../comments/CommentButton.tsx';
import { CommentAnchors } from '../comments/commentAnchors.ts';
import { useComments } from '../comments/CommentsContext.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { EditorToolbar } from './EditorToolbar.tsx';
import { documentExtensions } from './extensions.ts';
import { TableKeys } from './tableKeys.ts';
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

/**
 * The Tiptap editor bound to a live document (a section, a report's narrative part), with everyone's
 * caret. `label` names the text for screen readers when it is not a section's (several on one page).
 */
export function SectionEditor({
  collab,
  me,
  editable,
  label,
  commentable = false,
}: {
  collab: Collab;
  me: MeResponse;
  editable: boolean;
  label?: string;
  /** The section's own text: comments beside it read this editor (not a proposal's on the same page). */
  commentable?: boolean;
}) {
  const { t } = useI18n();
  // On a section page the comments beside the text read this editor (comments/CommentsContext.tsx).
  const provided = useComments();
  const comments = commentable ? provided : null;
  const activate = comments?.activate;
  const setCommentsEditor = comments?.setEditor;
  const editor = useEditor(
    {
      extensions: [
        ...documentExtensions,
        TableKeys,
        ...(activate ? [CommentAnchors.configure({ onActivate: activate })] : []),
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
  useEffect(() => {
    if (!editor || !setCommentsEditor) return;
    setCommentsEditor(editor);
    return () => setCommentsEditor(null);
  }, [editor, setCommentsEditor]);
  if (!editor) return null;
  return (
    <div className="tw-editor">
      {editable ? <EditorToolbar editor={editor} /> : <CommentToolbar editor={editor} />}
      <EditorContent editor={editor} />
    </div>
  );
}
