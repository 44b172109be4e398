import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { ReportDetail, ReportQuestion } from '../../../shared/api.ts';
import { StatusMessage } from '../components/ErrorAlert.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { partLabel } from './parts.ts';
import { AnswerForm, AskForm } from './QuestionForms.tsx';

function Question({
  report,
  question,
  onAnswered,
}: {
  report: ReportDetail;
  question: ReportQuestion;
  onAnswered(question: ReportQuestion): void;
}) {
  const { t, formatDateTime } = useI18n();
  return (
    <li
      id={`question-${question.id}`}
      className="tw-card"
      data-testid="question"
      data-answered={question.answer ? 'true' : 'false'}
    >
      <Paragraph small className="tw-muted">
        {t('reports.questions.askedBy', {
          name: question.askedBy.name,
          organization: question.askedBy.organizationName,
          date: formatDateTime(question.askedAt),
        })}
        {question.partId ? (
          <>
            {' · '}
            {t('reports.questions.about')}{' '}
            <a href={`#part-${question.partId}`} className="utrecht-link" data-testid="question-part">
              {partLabel(t, report, question.partId)}
            </a>
          </>
        ) : null}
      </Paragraph>
      <Paragraph className="tw-pre" data-testid="question-text">
        {question.text}
      </Paragraph>
      {question.answer ? (
        <blockquote className="tw-quoted" data-testid="question-answer">
          <Paragraph small className="tw-muted">
            {t('reports.questions.answeredBy', {
              name: question.answer.by.name,
              organization: question.answer.by.organizationName,
              date: formatDateTime(question.answer.at),
            })}
          </Paragraph>
          <Paragraph className="tw-pre" data-testid="question-answer-text">
            {question.answer.text}
          </Paragraph>
        </blockquote>
      ) : report.can.answer ? (
        <AnswerForm question={question} onAnswered={onAnswered} />
      ) : (
        <Paragraph data-testid="question-unanswered">{t('reports.questions.unanswered')}</Paragraph>
      )}
    </li>
  );
}

/**
 * Council questions (raadsvragen) on this report and their answers, with dates; a council member asks,
 * the secretariat answers. Shown on published reports, and on a draft only if it carries questions.
 */
export function ReportQuestions({
  report,
  onChanged,
}: {
  report: ReportDetail;
  onChanged(report: ReportDetail): void;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState<string | null>(null);
  if (report.status === 'draft' && report.questions.length === 0) return null;
  const replace = (question: ReportQuestion) => {
    const known = report.questions.some((q) => q.id === question.id);
    onChanged({
      ...report,
      questions: known
        ? report.questions.map((q) => (q.id === question.id ? question : q))
        : [...report.questions, question],
    });
  };
  return (
    <section
      id="questions"
      aria-labelledby="report-questions-heading"
      className="tw-panel"
      data-testid="report-questions"
    >
      <Heading level={2} id="report-questions-heading">
        {t('reports.questions.title')}
      </Heading>
      {report.questions.length === 0 ? (
        <Paragraph data-testid="questions-none">{t('reports.questions.none')}</Paragraph>
      ) : null}
      <ol className="tw-results">
        {report.questions.map((question) => (
          <Question
            key={question.id}
            report={report}
            question={question}
            onAnswered={(answered) => {
              replace(answered);
              setStatus(t('reports.questions.answered'));
            }}
          />
        ))}
      </ol>
      <StatusMessage text={status} />
      {report.can.ask ? <AskForm report={report} onAsked={replace} /> : null}
    </section>
  );
}
