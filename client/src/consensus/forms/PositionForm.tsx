import {
  Button,
  Fieldset,
  FieldsetLegend,
  Heading,
  Paragraph,
  RadioButton,
  Textarea,
} from '@utrecht/component-library-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import type { CommentAnchor } from '../../../../shared/api.ts';
import { POSITION_KINDS, POSITION_NEEDS_TEXT, type PositionKind } from '../../../../shared/consensus.ts';
import { endpoints } from '../../api/endpoints.ts';
import { useComments } from '../../comments/CommentsContext.tsx';
import { PassagePicker } from '../../comments/PassagePicker.tsx';
import { Field } from '../../components/Field.tsx';
import { useDisabledReason } from '../../components/DisabledReason.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ActionProps } from './act.ts';
import { useLandOnHash } from '../../todo/useLandOnHash.ts';

/** Consent, consent with a remark, a reasoned objection, or abstention — on behalf of one's organization. */
export function PositionForm({
  consensus,
  act,
  busy,
  organization,
}: ActionProps & { organization: { id: string; name: string } }) {
  const { t } = useI18n();
  const round = consensus.round!;
  const current = round.positions.find((p) => p.organization.id === organization.id) ?? null;
  const [kind, setKind] = useState<PositionKind | null>(null);
  const why = useDisabledReason(busy || kind ? null : t('position.whyKind'));
  const [text, setText] = useState('');
  const [missingText, setMissingText] = useState(false);
  // The passages an objection or a remark is about: threads beside the text, tied to the position.
  const [anchors, setAnchors] = useState<CommentAnchor[]>([]);
  const comments = useComments();
  const textRef = useRef<HTMLTextAreaElement>(null);
  useLandOnHash('position-form');
  const id = useId();
  const needsText = kind !== null && POSITION_NEEDS_TEXT[kind];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!kind || busy) return;
    if (needsText && text.trim() === '') {
      setMissingText(true);
      textRef.current?.focus();
      return;
    }
    const passages = needsText && anchors.length ? { anchors } : {};
    const body = text.trim() ? { kind, text: text.trim(), ...passages } : { kind, ...passages };
    // The form keeps what was stated (it is the organization's position now, and can be changed from
    // there) and the focus stays on the button; the panel announces the success in its status region.
    if (await act(() => endpoints.statePosition(round.id, body), t('position.form.saved'))) {
      setMissingText(false);
      setAnchors([]);
      // The passages became threads beside the text: show them now, not at the next refresh.
      if ('anchors' in passages) void comments?.reload();
    }
  }

  return (
    // id + tabIndex: mails link to #position-form, and the link lands the focus here.
    <form
      className="tw-panel tw-position-form"
      id="position-form"
      tabIndex={-1}
      onSubmit={submit}
      noValidate
      data-testid="position-form"
    >
      <Heading level={4}>{t('position.form.title', { organization: organization.name })}</Heading>
      {current ? (
        <Paragraph data-testid="position-current">
          {t('position.form.current', { position: t(`position.kind.${current.kind}`) })}
        </Paragraph>
      ) : null}
      <Fieldset>
        <FieldsetLegend>{t('position.form.legend')}</FieldsetLegend>
        {POSITION_KINDS.map((option) => (
          <Field type="radio" key={option} id={`${id}-${option}`} label={t(`position.choice.${option}`)}>
            <RadioButton
              name={`${id}-kind`}
              value={option}
              checked={kind === option}
              onChange={() => {
                setKind(option);
                setMissingText(false);
              }}
              data-testid={`position-kind-${option}`}
            />
          </Field>
        ))}
      </Fieldset>
      <Field
        id={`${id}-text`}
        label={
          kind && POSITION_NEEDS_TEXT[kind]
            ? t(kind === 'object' ? 'position.form.text.object' : 'position.form.text.consent_with_remarks')
            : t('position.form.text.optional')
        }
        error={missingText ? t('position.form.textRequired') : null}
      >
        <Textarea
          ref={textRef}
          rows={4}
          required={needsText}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim()) setMissingText(false);
          }}
          data-testid="position-text"
        />
      </Field>
      {needsText ? <PassagePicker anchors={anchors} onChange={setAnchors} /> : null}
      <div>
        <Button
          type="submit"
          appearance="primary-action-button"
          // Not disabled while it sends: a disabled button drops the keyboard focus to the page.
          disabled={!kind}
          aria-busy={busy || undefined}
          data-testid="position-submit"
          {...why.describedBy}
        >
          {t('position.form.submit')}
        </Button>
        {why.hint}
      </div>
    </form>
  );
}
