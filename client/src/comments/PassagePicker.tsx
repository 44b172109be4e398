import { Button, Paragraph } from '@utrecht/component-library-react';
import { useId, useState } from 'react';
import type { CommentAnchor } from '../../../shared/api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useComments } from './CommentsContext.tsx';
import './comments.css';

/** shared/api-requests/comments.ts's MAX_POSITION_ANCHORS; importing it would bring zod into the bundle. */
const MAX_POSITION_ANCHORS = 5;

/**
 * The passages an objection or a remark is about, chosen in the editor beside the form: each becomes a
 * thread beside the text, tied to the position. Only on a section page (it needs the editor).
 */
export function PassagePicker({
  anchors,
  onChange,
}: {
  anchors: readonly CommentAnchor[];
  onChange(anchors: CommentAnchor[]): void;
}) {
  const { t } = useI18n();
  const comments = useComments();
  const id = useId();
  const [notice, setNotice] = useState<string | null>(null);
  if (!comments?.editor) return null;
  const full = anchors.length >= MAX_POSITION_ANCHORS;

  function add() {
    const anchor = comments?.anchorFromSelection() ?? null;
    if (!anchor) return setNotice(t('position.form.passages.selectFirst'));
    if (anchors.some((a) => a.start === anchor.start && a.end === anchor.end))
      return setNotice(t('position.form.passages.already'));
    setNotice(null);
    onChange([...anchors, anchor]);
  }

  return (
    <div className="tw-passage-picker" role="group" aria-labelledby={id} data-testid="position-passages">
      <Paragraph id={id}>
        <strong>{t('position.form.passages.title')}</strong>{' '}
        <span className="tw-muted">{t('position.form.passages.hint', { max: MAX_POSITION_ANCHORS })}</span>
      </Paragraph>
      {anchors.length ? (
        <ul className="tw-passages">
          {anchors.map((anchor, index) => (
            <li key={`${anchor.start}:${anchor.end}`} data-testid="position-passage">
              <q>{anchor.quote}</q>{' '}
              <Button
                appearance="subtle-button"
                className="tw-link-button"
                aria-label={t('position.form.passages.removeLabel', { quote: anchor.quote.slice(0, 80) })}
                onClick={() => onChange(anchors.filter((_, i) => i !== index))}
                data-testid="position-passage-remove"
              >
                {t('position.form.passages.remove')}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      <div role="status" aria-live="polite" className="tw-status">
        {notice ? <Paragraph small>{notice}</Paragraph> : null}
      </div>
      <Button
        appearance="secondary-action-button"
        disabled={full}
        // Keep the editor's selection until the click reads it.
        onMouseDown={(event) => event.preventDefault()}
        onClick={add}
        data-testid="position-passage-add"
      >
        {t('position.form.passages.add')}
      </Button>
    </div>
  );
}
