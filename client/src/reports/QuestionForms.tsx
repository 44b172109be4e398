import { Button, Heading, Select, SelectOption, Textarea } from '@utrecht/component-library-react';
import { useState, type FormEvent } from 'react';
import type { ReportDetail, ReportQuestion } from '../../../shared/api.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorAlert, StatusMessage } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { useAction } from '../components/useAction.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { partOptions } from './parts.ts';

/** A council member asks a question on the published report, about the whole of it or about one part. */
export function AskForm({ report, onAsked }: { report: ReportDetail; onAsked(question: ReportQuestion): void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [partId, setPartId] = useState('');
  const [missing, setMissing] = useState(false);
  const { run, error, status, busy } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!text.trim());
    if (!text.trim()) return;
    const ok = await run(
      async () => onAsked(await endpoints.askQuestion(report.id, { text: text.trim(), ...(partId ? { partId } : {}) })),
      t('reports.questions.asked'),
    );
    if (ok) {
      setText('');
      setPartId('');
    }
  }

  return (
    <form className="tw-panel" onSubmit={submit} noValidate data-testid="ask-form">
      <Heading level={3}>{t('reports.questions.ask')}</Heading>
      <ErrorAlert error={error} />
      <Field id="question-part" label={t('reports.questions.part')} hint={t('reports.questions.partHelp')}>
        <Select value={partId} onChange={(e) => setPartId(e.target.value)} data-testid="ask-part">
          <SelectOption value="">{t('reports.questions.wholeReport')}</SelectOption>
          {partOptions(t, report).map((option) => (
            <SelectOption key={option.id} value={option.id}>
              {option.label}
            </SelectOption>
          ))}
        </Select>
      </Field>
      <Field
        id="question-text"
        label={t('reports.questions.text')}
        error={missing ? t('reports.questions.textRequired') : undefined}
      >
        <Textarea required rows={4} value={text} onChange={(e) => setText(e.target.value)} data-testid="ask-text" />
      </Field>
      <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="ask-submit">
        {t('reports.questions.submit')}
      </Button>
      <StatusMessage text={status} />
    </form>
  );
}

/** The secretariat answers one question; the asker is notified (in-app and by e-mail). */
export function AnswerForm({
  question,
  onAnswered,
}: {
  question: ReportQuestion;
  onAnswered(question: ReportQuestion): void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [missing, setMissing] = useState(false);
  const { run, error, busy } = useAction();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!text.trim());
    if (!text.trim()) return;
    await run(async () => onAnswered(await endpoints.answerQuestion(question.id, text.trim())));
  }

  return (
    <form onSubmit={submit} noValidate data-testid="answer-form">
      <ErrorAlert error={error} />
      <Field
        id={`answer-${question.id}`}
        label={t('reports.questions.answerLabel', { name: question.askedBy.name })}
        error={missing ? t('reports.questions.answerRequired') : undefined}
      >
        <Textarea required rows={4} value={text} onChange={(e) => setText(e.target.value)} data-testid="answer-text" />
      </Field>
      <Button type="submit" appearance="primary-action-button" disabled={busy} data-testid="answer-submit">
        {t('reports.questions.answerSubmit')}
      </Button>
    </form>
  );
}
