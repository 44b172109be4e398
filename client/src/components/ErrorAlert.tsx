import { Alert, Paragraph } from '@utrecht/component-library-react/css-module';
import { SECTION_STATES, type SectionState } from '../../../shared/consensus.ts';
import { ApiError } from '../api/client.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';

const PROBLEM_CODES = [
  'not_finite',
  'percent_range',
  'count_whole',
  'not_negative',
  'no_plan_period',
  'target_outside_period',
  'period_not_started',
  'period_before_baseline',
] as const;
type ProblemCode = (typeof PROBLEM_CODES)[number];
const isProblemCode = (code: string): code is ProblemCode => (PROBLEM_CODES as readonly string[]).includes(code);

export function errorText(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'network') return t('error.network');
    // The consensus state machine refused: say where the section stands now, in words.
    const state = (error.details as { state?: unknown } | undefined)?.state;
    if (error.code === 'conflict' && (SECTION_STATES as readonly unknown[]).includes(state)) {
      return t('error.conflictState', { state: t(`plan.state.${state as SectionState}`) });
    }
    // A broken rule with a code (a percentage over 100, a half year that has not started): the catalog words it.
    const issue = (error.details as { issues?: Array<{ code?: unknown }> } | undefined)?.issues?.[0];
    if (error.code === 'validation_failed' && typeof issue?.code === 'string' && isProblemCode(issue.code)) {
      return t(`problem.${issue.code}`);
    }
    return t(`error.${error.code}`, { message: error.message });
  }
  return t('error.internal');
}

/** Shows an API error in the catalog's words; role="alert" so screen readers announce it. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
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
