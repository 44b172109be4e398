import { useEditorState, type Editor } from '@tiptap/react';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { CommentThreadView } from '../../../shared/api.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Range } from './anchors.ts';
import { commentAnchorsKey } from './commentAnchors.ts';
import { CommentThreadCard, type Passage } from './CommentThreadCard.tsx';
import { useComments, type Comments } from './CommentsContext.tsx';
import { NewCommentForm } from './NewCommentForm.tsx';
import './comments.css';

type Passages = Record<string, Passage>;

/** Every thread's passage as the editor has it now (re-read on each transaction). */
function usePassages(editor: Editor | null): Passages {
  const passages = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const found: Passages = {};
      const value = e ? commentAnchorsKey.getState(e.state) : undefined;
      value?.ranges.forEach((range, id) => {
        found[id] = range ? { ...range, text: e!.state.doc.textBetween(range.from, range.to, '\n') } : null;
      });
      return found;
    },
  });
  return passages ?? {};
}

/** In the order of the text; passages no longer in it after the others, oldest first. */
const inTextOrder = (passages: Passages) => (a: CommentThreadView, b: CommentThreadView) =>
  (passages[a.id]?.from ?? Infinity) - (passages[b.id]?.from ?? Infinity) || a.createdAt.localeCompare(b.createdAt);

function showPassage(editor: Editor, range: Range) {
  if (editor.isEditable) editor.chain().focus().setTextSelection(range).run();
  else editor.commands.setTextSelection(range);
  const { node } = editor.view.domAtPos(range.from);
  const element = node instanceof Element ? node : node.parentElement;
  element?.scrollIntoView({ block: 'center' });
}

/**
 * The comments beside the section's text: open threads in the order of their passages, resolved ones
 * on request, and the form for a new comment once a passage is chosen in the editor. Nothing at all for
 * those who may not read the deliberation.
 */
export function CommentsPanel() {
  const comments = useComments();
  // Nothing until the first answer: those who may not read the deliberation never see an empty panel.
  if (!comments || comments.hidden || (comments.threads === null && !comments.loadError)) return null;
  return <CommentsPanelContent comments={comments} />;
}

function CommentsPanelContent({ comments }: { comments: Comments }) {
  const { t } = useI18n();
  const { run, error, status, busy } = useAction();
  const [showResolved, setShowResolved] = useState(false);
  const passages = usePassages(comments.editor);
  const sorted = [...(comments.threads ?? [])].sort(inTextOrder(passages));
  const open = sorted.filter((thread) => thread.resolvedAt === null);
  const resolved = sorted.filter((thread) => thread.resolvedAt !== null);

  const card = (thread: CommentThreadView) => (
    <li key={thread.id}>
      <CommentThreadCard
        thread={thread}
        passage={passages[thread.id]}
        active={comments.activeId === thread.id}
        canComment={comments.canComment}
        run={run}
        busy={busy}
        afterAction={comments.reload}
        onShow={() => {
          comments.activate(thread.id);
          const passage = passages[thread.id];
          if (passage && comments.editor) showPassage(comments.editor, passage);
        }}
      />
    </li>
  );

  return (
    <section className="tw-panel tw-comments" aria-labelledby="comments-heading" data-testid="comments-panel">
      <Heading level={2} id="comments-heading">
        {t('comments.title')}
      </Heading>
      {comments.draft ? (
        <NewCommentForm comments={comments} anchor={comments.draft} run={run} busy={busy} />
      ) : comments.canComment ? (
        <Paragraph small className="tw-muted">
          {t('comments.howTo')}
        </Paragraph>
      ) : null}
      <ErrorAlert error={error ?? comments.loadError} />
      <StatusMessage text={status} />
      {comments.threads === null ? null : open.length === 0 ? (
        <Paragraph data-testid="comments-none">{t('comments.none')}</Paragraph>
      ) : (
        <ol className="tw-comment-threads" aria-label={t('comments.openList')} data-testid="comments-open">
          {open.map(card)}
        </ol>
      )}
      {resolved.length > 0 ? (
        <>
          <div>
            <Button
              appearance="subtle-button"
              aria-expanded={showResolved}
              onClick={() => setShowResolved((shown) => !shown)}
              data-testid="comments-toggle-resolved"
            >
              {showResolved ? t('comments.hideResolved') : t('comments.showResolved', { count: resolved.length })}
            </Button>
          </div>
          {showResolved ? (
            <ol className="tw-comment-threads" aria-label={t('comments.resolvedList')} data-testid="comments-resolved">
              {resolved.map(card)}
            </ol>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
