import { useEditorState, type Editor } from '@tiptap/react';
import { useI18n } from '../i18n/i18n.tsx';
import { useComments } from './CommentsContext.tsx';

/**
 * "Opmerking plaatsen" in the editor's toolbar: opens the form in the comments panel with the
 * selected passage. Works on a locked text too (commenting goes on during a round; selecting does).
 */
export function CommentButton({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const comments = useComments();
  const selected = useEditorState({ editor, selector: ({ editor: e }) => !e.state.selection.empty });
  // Only the section's own editor (a proposal's editor on the same page is not commented on).
  if (!comments?.canComment || comments.editor !== editor) return null;
  return (
    <button
      type="button"
      className="tw-tool tw-comment-tool"
      disabled={!selected}
      // Keep the editor's selection: the button must not take it away before it reads it.
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        const anchor = comments.anchorFromSelection();
        if (anchor) comments.setDraft(anchor);
      }}
      data-testid="comment-start"
    >
      {t('comments.add')}
    </button>
  );
}

/** The toolbar of a text the viewer cannot edit: only the comment button, when they may comment. */
export function CommentToolbar({ editor }: { editor: Editor }) {
  const { t } = useI18n();
  const comments = useComments();
  if (!comments?.canComment || comments.editor !== editor) return null;
  return (
    <div role="toolbar" aria-label={t('editor.toolbar')} className="tw-toolbar">
      <CommentButton editor={editor} />
    </div>
  );
}
