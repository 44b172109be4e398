import { Alert, Paragraph } from '@utrecht/component-library-react';
import { SECTION_STATES, type SectionState } from '../../../shared/consensus.ts';
import { ApiError } from '../api/client.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { concerns, fieldProblems, fieldProblemText } from './fieldErrors.ts';

export function errorText(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'network') return t('error.network');
    // The consensus state machine refused: say where the section stands now, in words.
    const state = (error.details as { state?: unknown } | undefined)?.state;
    if (error.code === 'conflict' && (SECTION_STATES as readonly unknown[]).includes(state)) {
      return t('error.conflictState', { state: t(`plan.state.${state as SectionState}`) });
    }
    // A refused field: the catalog words the problem (a percentage over 100, a half year not yet begun).
    const problem = fieldProblems(error)[0];
    if (problem) return fieldProblemText(t, problem);
    return t(`error.${error.code}`, { message: error.message });
  }
  return t('error.internal');
}

/**
 * Shows an API error in the catalog's words; role="alert" so screen readers announce it. A refused
 * request lists the problems of fields the form does not show next to the field itself (`inline`).
 */
export function ErrorAlert({ error, inline = [] }: { error: unknown; inline?: readonly string[] }) {
  const { t } = useI18n();
  if (!error) return null;
  const problems = fieldProblems(error);
  if (problems.length) {
    const elsewhere = problems.filter((problem) => !inline.some((path) => concerns(problem, path)));
    // Each field announces its own problem (Field's role="alert"); a second alert would only repeat it.
    if (elsewhere.length === 0) return null;
    return (
      <Alert type="error" role="alert">
        <Paragraph>{t('error.validation_failed')}</Paragraph>
        <ul>
          {elsewhere.map((problem, index) => (
            <li key={`${problem.path}:${index}`}>{fieldProblemText(t, problem)}</li>
          ))}
        </ul>
      </Alert>
    );
  }
  return (
    <Alert type="error" role="alert">
      <Paragraph>{errorText(t, error)}</Paragraph>
    </Alert>
  );
}

export function StatusMessage({ text }: { text: string | null }) {
  return (
    <div role="status" aria-live="polite" className="tw-status">
      {text ? (
        <Alert type="ok">
          <Paragraph>{text}</Paragraph>
        </Alert>
      ) : null}
    </div>
  );
}
