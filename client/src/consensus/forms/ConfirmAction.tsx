import { Button, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';

/** A button that asks once more, in the page (not a browser dialog), before it acts. */
export function ConfirmAction(props: {
  label: string;
  question: string;
  yes: string;
  busy: boolean;
  testId: string;
  onConfirm(): Promise<boolean>;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const yesRef = useRef<HTMLButtonElement>(null);
  const questionId = useId();
  useEffect(() => {
    if (asking) yesRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <Button
        appearance="secondary-action-button"
        disabled={props.busy}
        onClick={() => setAsking(true)}
        data-testid={props.testId}
      >
        {props.label}
      </Button>
    );
  }
  return (
    <div role="group" aria-labelledby={questionId} className="tw-confirm" data-testid={`${props.testId}-dialog`}>
      <Paragraph id={questionId}>{props.question}</Paragraph>
      <div className="tw-actions">
        <Button
          ref={yesRef}
          appearance="primary-action-button"
          disabled={props.busy}
          onClick={async () => {
            if (await props.onConfirm()) setAsking(false);
          }}
          data-testid={`${props.testId}-confirm`}
        >
          {props.yes}
        </Button>
        <Button appearance="secondary-action-button" disabled={props.busy} onClick={() => setAsking(false)}>
          {t('consensus.cancel')}
        </Button>
      </div>
    </div>
  );
}
