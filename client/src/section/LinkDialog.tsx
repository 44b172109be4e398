import type { Editor } from '@tiptap/react';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** Only web and mail addresses become links (the server renders nothing else as a link either). */
export const isLinkAddress = (href: string) => /^(https?:\/\/[^\s]+|mailto:[^\s@]+@[^\s@]+)$/i.test(href.trim());

/**
 * Adding or changing a link, in the page rather than the browser's prompt(): a labelled field that says
 * in Dutch what is wrong, "Link verwijderen" for an existing link, Escape to cancel, and focus back in
 * the text afterwards.
 */
export function LinkDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const { t } = useI18n();
  const fieldId = useId();
  const errorId = useId();
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [href, setHref] = useState(current || 'https://');
  const [error, setError] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const close = () => {
    onClose();
    editor.commands.focus();
  };
  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!isLinkAddress(href)) return setError(true);
    editor.chain().focus().extendMarkRange('link').setLink({ href: href.trim() }).run();
    onClose();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    }
  };
  return (
    <form
      className="tw-link-dialog"
      role="group"
      aria-label={t('editor.linkDialog')}
      onSubmit={apply}
      onKeyDown={onKeyDown}
      noValidate
    >
      <label htmlFor={fieldId}>{t('editor.linkAddress')}</label>
      <input
        ref={input}
        id={fieldId}
        type="url"
        className="utrecht-textbox utrecht-textbox--html-input"
        value={href}
        onChange={(event) => {
          setHref(event.target.value);
          setError(false);
        }}
        aria-invalid={error || undefined}
        aria-describedby={error ? errorId : undefined}
        data-testid="link-address"
      />
      {error ? (
        <p id={errorId} className="tw-field-error" role="alert">
          {t('editor.linkInvalid')}
        </p>
      ) : null}
      <div className="tw-actions">
        <button type="submit" className="tw-tool" data-testid="link-apply">
          {t('editor.linkApply')}
        </button>
        {current ? (
          <button
            type="button"
            className="tw-tool"
            onClick={() => {
              editor.chain().focus().extendMarkRange('link').unsetLink().run();
              onClose();
            }}
          >
            {t('editor.linkRemove')}
          </button>
        ) : null}
        <button type="button" className="tw-tool" onClick={close}>
          {t('consensus.cancel')}
        </button>
      </div>
    </form>
  );
}
