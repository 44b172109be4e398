import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormLabel,
  Heading,
  Paragraph,
  RadioButton,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react/css-module';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { OpenedRound, SectionConsensus } from '../../../shared/api.ts';
import { POSITION_KINDS, POSITION_NEEDS_TEXT, type PositionKind } from '../../../shared/consensus.ts';
import { endpoints, type NewMediationStep } from '../api/endpoints.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDeadline } from './deadline.ts';

/**
 * Runs one consensus action: the panel keeps it busy, shows its error or success and reloads what
 * changed. Resolves true on success so that a form can clear itself.
 */
export type Act = <T extends SectionConsensus | OpenedRound>(
  work: () => Promise<T>,
  success: string | ((result: T) => string),
) => Promise<boolean>;

interface ActionProps {
  consensus: SectionConsensus;
  act: Act;
  busy: boolean;
}

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

/** A textarea with its label, an optional description, and the browser's own "required" check. */
function TextField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  description?: string;
  rows?: number;
  testId: string;
}) {
  const id = useId();
  return (
    <FormField>
      <FormLabel htmlFor={id}>{props.label}</FormLabel>
      {props.description ? <FormFieldDescription id={`${id}-help`}>{props.description}</FormFieldDescription> : null}
      <Textarea
        id={id}
        required
        rows={props.rows ?? 4}
        aria-describedby={props.description ? `${id}-help` : undefined}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      />
    </FormField>
  );
}

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
  const [text, setText] = useState('');
  const [missingText, setMissingText] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  const needsText = kind !== null && POSITION_NEEDS_TEXT[kind];

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!kind) return;
    if (needsText && text.trim() === '') {
      setMissingText(true);
      textRef.current?.focus();
      return;
    }
    const body = text.trim() ? { kind, text: text.trim() } : { kind };
    if (await act(() => endpoints.statePosition(round.id, body), t('position.form.saved'))) {
      setKind(null);
      setText('');
      setMissingText(false);
    }
  }

  return (
    <form className="tw-panel" onSubmit={submit} noValidate data-testid="position-form">
      <Heading level={4}>{t('position.form.title', { organization: organization.name })}</Heading>
      {current ? (
        <Paragraph data-testid="position-current">
          {t('position.form.current', { position: t(`position.kind.${current.kind}`) })}
        </Paragraph>
      ) : null}
      <Fieldset>
        <FieldsetLegend>{t('position.form.legend')}</FieldsetLegend>
        {POSITION_KINDS.map((option) => (
          <FormField type="radio" key={option}>
            <RadioButton
              id={`${id}-${option}`}
              name={`${id}-kind`}
              value={option}
              checked={kind === option}
              onChange={() => {
                setKind(option);
                setMissingText(false);
              }}
              data-testid={`position-kind-${option}`}
            />
            <FormLabel htmlFor={`${id}-${option}`} type="radio">
              {t(`position.choice.${option}`)}
            </FormLabel>
          </FormField>
        ))}
      </Fieldset>
      <FormField invalid={missingText}>
        <FormLabel htmlFor={`${id}-text`}>
          {kind && POSITION_NEEDS_TEXT[kind]
            ? t(kind === 'object' ? 'position.form.text.object' : 'position.form.text.consent_with_remarks')
            : t('position.form.text.optional')}
        </FormLabel>
        {missingText ? (
          <p className="tw-field-error" id={`${id}-error`} role="alert">
            {t('position.form.textRequired')}
          </p>
        ) : null}
        <Textarea
          id={`${id}-text`}
          ref={textRef}
          rows={4}
          required={needsText}
          invalid={missingText}
          aria-describedby={missingText ? `${id}-error` : undefined}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim()) setMissingText(false);
          }}
          data-testid="position-text"
        />
      </FormField>
      <div>
        <Button type="submit" appearance="primary-action-button" disabled={busy || !kind} data-testid="position-submit">
          {t('position.form.submit')}
        </Button>
      </div>
    </form>
  );
}

export function EscalateForm({ consensus, act, busy }: ActionProps) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await act(() => endpoints.escalate(consensus.sectionId, reason.trim()), t('consensus.escalate.done'))) {
      setReason('');
    }
  }
  return (
    <form className="tw-panel" onSubmit={submit} data-testid="escalate-form">
      <Heading level={4}>{t('consensus.escalate.title')}</Heading>
      <TextField label={t('consensus.escalate.reason')} value={reason} onChange={setReason} testId="escalate-reason" />
      <div>
        <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="escalate-submit">
          {t('consensus.escalate.submit')}
        </Button>
      </div>
    </form>
  );
}

/** Today in the viewer's time zone, as YYYY-MM-DD for a date input. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const STEP_KINDS: Array<NewMediationStep['kind']> = ['meeting', 'call', 'written'];

export function MediationStepForm({ consensus, act, busy }: ActionProps) {
  const { t } = useI18n();
  const id = useId();
  const [occurredOn, setOccurredOn] = useState(today);
  const [kind, setKind] = useState<NewMediationStep['kind']>('meeting');
  const [note, setNote] = useState('');
  const escalation = consensus.escalation!;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const step = { occurredOn, kind, note: note.trim() };
    if (await act(() => endpoints.addMediationStep(escalation.id, step), t('consensus.mediate.done'))) setNote('');
  }
  return (
    <form className="tw-panel" onSubmit={submit} data-testid="mediation-form">
      <Heading level={4}>{t('consensus.mediate.title')}</Heading>
      <div className="tw-inline-fields">
        <FormField>
          <FormLabel htmlFor={`${id}-date`}>{t('consensus.mediate.date')}</FormLabel>
          <Textbox
            id={`${id}-date`}
            type="date"
            required
            value={occurredOn}
            onChange={(e) => setOccurredOn(e.target.value)}
            data-testid="mediation-date"
          />
        </FormField>
        <FormField>
          <FormLabel htmlFor={`${id}-kind`}>{t('consensus.mediate.kind')}</FormLabel>
          <Select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => setKind(e.target.value as NewMediationStep['kind'])}
            data-testid="mediation-kind"
          >
            {STEP_KINDS.map((option) => (
              <SelectOption key={option} value={option}>
                {t(`mediation.kind.${option}`)}
              </SelectOption>
            ))}
          </Select>
        </FormField>
      </div>
      <TextField label={t('consensus.mediate.note')} value={note} onChange={setNote} testId="mediation-note" />
      <div>
        <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="mediation-submit">
          {t('consensus.mediate.submit')}
        </Button>
      </div>
    </form>
  );
}

export function CompromiseForm({ consensus, act, busy }: ActionProps) {
  const { t, language } = useI18n();
  const [text, setText] = useState('');
  const [loadError, setLoadError] = useState<unknown>(null);
  const escalation = consensus.escalation!;
  async function copyCurrent() {
    if (consensus.currentVersion === null) return;
    try {
      const version = await endpoints.version(consensus.sectionId, consensus.currentVersion);
      setText(version.text.split('\n').join('\n\n'));
      setLoadError(null);
    } catch (cause) {
      setLoadError(cause);
    }
  }
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await act(
      () => endpoints.proposeCompromise(escalation.id, text.trim()),
      (opened) =>
        'round' in opened
          ? t('consensus.propose.done', {
              version: opened.version.number,
              date: formatDeadline(language, opened.round.deadline),
            })
          : '',
    );
    if (ok) setText('');
  }
  return (
    <form className="tw-panel" onSubmit={submit} data-testid="compromise-form">
      <Heading level={4}>{t('consensus.propose.title')}</Heading>
      <Paragraph>{t('consensus.propose.intro')}</Paragraph>
      <ErrorAlert error={loadError} />
      {consensus.currentVersion !== null ? (
        <div>
          <Button appearance="secondary-action-button" onClick={() => void copyCurrent()} disabled={busy}>
            {t('consensus.propose.useCurrent')}
          </Button>
        </div>
      ) : null}
      <TextField
        label={t('consensus.propose.text')}
        description={t('consensus.plainTextHelp')}
        value={text}
        onChange={setText}
        rows={10}
        testId="compromise-text"
      />
      <div>
        <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="compromise-submit">
          {t('consensus.propose.submit')}
        </Button>
      </div>
    </form>
  );
}

export function ReferralForm({ consensus, act, busy }: ActionProps) {
  const { t } = useI18n();
  const [report, setReport] = useState('');
  const escalation = consensus.escalation!;
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await act(() => endpoints.refer(escalation.id, report.trim()), t('consensus.refer.done'))) setReport('');
  }
  return (
    <form className="tw-panel" onSubmit={submit} data-testid="referral-form">
      <Heading level={4}>{t('consensus.refer.title')}</Heading>
      <Paragraph>{t('consensus.refer.intro')}</Paragraph>
      <TextField label={t('consensus.refer.report')} value={report} onChange={setReport} testId="referral-report" />
      <div>
        <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="referral-submit">
          {t('consensus.refer.submit')}
        </Button>
      </div>
    </form>
  );
}

/** A municipal delegate drafts the ruling (or replaces the current draft, whose endorsements then lapse). */
export function RulingForm({ consensus, act, busy }: ActionProps) {
  const { t } = useI18n();
  const draft = consensus.ruling && consensus.ruling.effectiveAt === null ? consensus.ruling : null;
  const [text, setText] = useState(draft?.text ?? '');
  const [rationale, setRationale] = useState(draft?.rationale ?? '');
  async function submit(event: FormEvent) {
    event.preventDefault();
    await act(
      () => endpoints.draftRuling(consensus.sectionId, { text: text.trim(), rationale: rationale.trim() }),
      t('consensus.draftRuling.done'),
    );
  }
  return (
    <form className="tw-panel" onSubmit={submit} data-testid="ruling-form">
      <Heading level={4}>{t('consensus.draftRuling.title')}</Heading>
      {draft ? <Paragraph>{t('consensus.draftRuling.redraft')}</Paragraph> : null}
      <TextField
        label={t('consensus.draftRuling.text')}
        description={t('consensus.plainTextHelp')}
        value={text}
        onChange={setText}
        rows={8}
        testId="ruling-text"
      />
      <TextField
        label={t('consensus.draftRuling.rationale')}
        value={rationale}
        onChange={setRationale}
        testId="ruling-rationale"
      />
      <div>
        <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="ruling-submit">
          {t('consensus.draftRuling.submit')}
        </Button>
      </div>
    </form>
  );
}
