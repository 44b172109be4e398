import { Button, Paragraph, Textarea } from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CommentPositionRef, CommentThreadView } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { Field } from '../components/Field.tsx';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import type { Range } from './anchors.ts';
import type { RunAction } from './NewCommentForm.tsx';

/** A passage as it reads now; null when it is no longer in the text, undefined while not yet resolved. */
export type Passage = (Range & { text: string }) | null | undefined;

const POSITION_KEY = {
  object: 'comments.position.object',
  consent_with_remarks: 'comments.position.consent_with_remarks',
  consent: 'comments.position.consent',
  abstain: 'comments.position.abstain',
} as const;

const positionText = (t: Translate, position: CommentPositionRef) =>
  t(POSITION_KEY[position.kind], { organization: position.organizationName, version: position.versionNumber });

interface Props {
  thread: CommentThreadView;
  passage: Passage;
  active: boolean;
  canComment: boolean;
  run: RunAction;
  busy: boolean;
  afterAction(): Promise<void>;
  onShow(): void;
}

/**
 * One thread beside the text: the passage as it reads now (a button that shows it in the editor), what
 * opened it (a position, or the first comment), the comments, a reply box and "Afronden"/"Heropenen".
 */
export function CommentThreadCard({ thread, passage, active, canComment, run, busy, afterAction, onShow }: Props) {
  const { t, formatDateTime } = useI18n();
  const id = useId();
  const [reply, setReply] = useState('');
  const resolved = thread.resolvedAt !== null;
  const card = useRef<HTMLElement>(null);
  // A click on a highlighted passage in the editor activates its thread: bring the thread into view.
  useEffect(() => {
    if (active) card.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  async function sendReply(event: FormEvent) {
    event.preventDefault();
    if (!reply.trim()) return;
    const sent = await run(async () => {
      await endpoints.replyToComment(thread.id, reply.trim());
      await afterAction();
    }, t('comments.replied'));
    if (sent) setReply('');
  }
  const toggleResolved = () =>
    run(
      async () => {
        await (resolved ? endpoints.reopenComment(thread.id) : endpoints.resolveComment(thread.id));
        await afterAction();
      },
      resolved ? t('comments.reopened') : t('comments.resolvedDone'),
    );

  return (
    <article
      ref={card}
      className={`tw-comment-thread${active ? ' tw-comment-thread-active' : ''}${resolved ? ' tw-comment-thread-resolved' : ''}`}
      aria-labelledby={`${id}-passage`}
      data-testid="comment-thread"
      data-thread-id={thread.id}
      data-resolved={resolved ? 'true' : 'false'}
    >
      {thread.position ? (
        <Paragraph small className="tw-comment-position" data-testid="comment-position">
          {positionText(t, thread.position)}
        </Paragraph>
      ) : null}
      {passage ? (
        <button
          type="button"
          id={`${id}-passage`}
          className="tw-comment-passage"
          aria-label={t('comments.showPassage', { quote: passage.text })}
          aria-pressed={active}
          onClick={onShow}
          data-testid="comment-passage"
        >
          “{passage.text}”
        </button>
      ) : (
        <Paragraph id={`${id}-passage`} className="tw-comment-passage-static" data-testid="comment-passage-static">
          {passage === null ? (
            <span className="tw-badge tw-badge-stale" data-testid="comment-passage-gone">
              {t('comments.passageGone')}
            </span>
          ) : null}{' '}
          <span className={passage === null ? 'tw-comment-quote-gone' : undefined}>“{thread.anchor.quote}”</span>
        </Paragraph>
      )}
      {thread.comments.length ? (
        <ol className="tw-comment-list">
          {thread.comments.map((comment) => (
            <li key={comment.id} data-testid="comment">
              <Paragraph small className="tw-muted">
                <strong>{comment.author.name}</strong> ({comment.author.organizationName}) ·{' '}
                <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
              </Paragraph>
              <Paragraph className="tw-pre" data-testid="comment-body-text">
                {comment.body}
              </Paragraph>
            </li>
          ))}
        </ol>
      ) : null}
      {resolved && thread.resolvedBy && thread.resolvedAt ? (
        <Paragraph small className="tw-muted" data-testid="comment-resolved-by">
          {t('comments.resolvedBy', { name: thread.resolvedBy.name, date: formatDateTime(thread.resolvedAt) })}
        </Paragraph>
      ) : null}
      {canComment ? (
        <form className="tw-comment-reply" onSubmit={sendReply} noValidate>
          <Field id={`${id}-reply`} label={t('comments.reply')}>
            <Textarea rows={2} value={reply} onChange={(e) => setReply(e.target.value)} data-testid="comment-reply" />
          </Field>
          <div className="tw-actions">
            <Button
              type="submit"
              appearance="secondary-action-button"
              disabled={busy || !reply.trim()}
              data-testid="comment-reply-submit"
            >
              {t('comments.replySubmit')}
            </Button>
            <Button
              appearance="subtle-button"
              disabled={busy}
              onClick={() => void toggleResolved()}
              data-testid={resolved ? 'comment-reopen' : 'comment-resolve'}
            >
              {resolved ? t('comments.reopen') : t('comments.resolve')}
            </Button>
          </div>
        </form>
      ) : null}
    </article>
  );
}
