import { fieldProblemsOf, type FieldProblem } from '../../../shared/field-problems.ts';
import { ApiError } from '../api/client.ts';
import type { Translate } from '../i18n/i18n.tsx';

/** The field problems of a refused request (400 validation_failed); none for any other error. */
export function fieldProblems(error: unknown): FieldProblem[] {
  return error instanceof ApiError && error.code === 'validation_failed' ? fieldProblemsOf(error.details) : [];
}

/** A problem in the catalog's words (`field.<code>`), with its bounds filled in. */
export function fieldProblemText(t: Translate, problem: FieldProblem): string {
  const params: Record<string, number> = {};
  if (problem.min !== undefined) params.min = problem.min;
  if (problem.max !== undefined) params.max = problem.max;
  return t(`field.${problem.code}`, params);
}

/** Whether a problem is about the field at `path` or something inside it (`targets` covers `targets.0.year`). */
export const concerns = (problem: FieldProblem, path: string): boolean =>
  problem.path === path || problem.path.startsWith(`${path}.`);

/**
 * The text to show next to the field at `path`, for Field's `error`; undefined when the field is fine.
 * Forms pass the paths they show this way to ErrorAlert's `inline`, so that the alert does not repeat them.
 */
export function fieldError(t: Translate, error: unknown, path: string): string | undefined {
  const texts = fieldProblems(error)
    .filter((problem) => concerns(problem, path))
    .map((problem) => fieldProblemText(t, problem));
  return texts.length ? [...new Set(texts)].join(' ') : undefined;
}
