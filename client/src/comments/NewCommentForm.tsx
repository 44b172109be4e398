import { Button, Heading, Textarea } from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { CommentAnchor } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { Field } from '../components/Field.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { Comments } from './CommentsContext.tsx';

export type RunAction = <T>(action: () => Promise<T>, success: string) => Promise<boolean>;

/** The form for a new comment on the passage chosen in the editor, shown with that passage quoted. */
export function NewCommentForm({
  comments,
  anchor,
  run,
  busy,
}: {
  comments: Comments;
  anchor: CommentAnchor;
  run: RunAction;
  busy: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const [body, setBody] = useState('');
  const [missing, setMissing] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  // The button is in the editor's toolbar, the form beside the text: take the focus along to it.
  useEffect(() => textRef.current?.focus(), [anchor]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) {
      setMissing(true);
      textRef.current?.focus();
      return;
    }
    await run(async () => {
      const { thread } = await endpoints.startCommentThread(comments.sectionId, { anchor, body: body.trim() });
      comments.setDraft(null);
      comments.activate(thread.id);
      await comments.reload();
    }, t('comments.added'));
  }

  return (
    <form className="tw-comment-form" onSubmit={submit} noValidate data-testid="comment-form" aria-labelledby={id}>
      <Heading level={3} id={id}>
        {t('comments.new')}
      </Heading>
      <blockquote className="tw-comment-quote" data-testid="comment-form-quote">
        {anchor.quote}
      </blockquote>
      <Field id={`${id}-body`} label={t('comments.body')} error={missing ? t('comments.bodyRequired') : null}>
        <Textarea
          ref={textRef}
          rows={3}
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            if (e.target.value.trim()) setMissing(false);
          }}
          data-testid="comment-body"
        />
      </Field>
      <div className="tw-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="comment-submit">
          {t('comments.submit')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => comments.setDraft(null)}>
          {t('comments.cancel')}
        </Button>
      </div>
    </form>
  );
}
