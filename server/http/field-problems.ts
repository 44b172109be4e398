import type { z } from 'zod';
import { isFieldCode, type FieldCode, type FieldProblem } from '../../shared/field-problems.ts';
import { PERIOD_PATTERN } from '../../shared/goals.ts';

/**
 * Patterns whose failure has a code of its own, so that the client can say what the value should look
 * like; keyed as zod reports them (the regular expression as a string, slashes included).
 */
const PATTERN_CODES = new Map<string, FieldCode>([
  [String(PERIOD_PATTERN), 'invalid_period'],
  [String(/^\d{4}-H[12]$/), 'invalid_period'],
]);

/** A field problem with the English message it replaces, for `details.issues`. */
export type FieldIssue = FieldProblem & { message: string };

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

const bound = (n: number | bigint): number => Number(n);

/** One zod issue as field problems (unknown keys give one each); `input` tells a missing value from a wrong one. */
function problemsOf(issue: z.core.$ZodIssue, input: unknown): FieldIssue[] {
  const path = issue.path.map(String).join('.');
  const one = (code: FieldCode, extra: { min?: number; max?: number } = {}): FieldIssue[] => [
    { path, code, ...extra, message: issue.message },
  ];
  switch (issue.code) {
    case 'invalid_type': {
      const value = valueAt(input, issue.path);
      if (value === undefined || value === null || value === '') return one('required');
      return one(issue.expected === 'int' ? 'not_whole' : 'invalid_type');
    }
    case 'too_small': {
      const min = bound(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? one('required') : one('too_short', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return one('too_few', { min });
      return one('out_of_range', { min });
    }
    case 'too_big': {
      const max = bound(issue.maximum);
      if (issue.origin === 'string') return one('too_long', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return one('too_many', { max });
      return one('out_of_range', { max });
    }
    case 'invalid_format': {
      // An empty e-mail address is missing rather than malformed.
      const value = valueAt(input, issue.path);
      if (typeof value === 'string' && value.trim() === '') return one('required');
      if (issue.format === 'email') return one('invalid_email');
      const special = issue.pattern ? PATTERN_CODES.get(issue.pattern) : undefined;
      return one(special ?? 'invalid_format');
    }
    case 'not_multiple_of':
      return one('not_whole');
    case 'invalid_value':
      return one('invalid_choice');
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: [...issue.path.map(String), key].join('.'),
        code: 'unknown_field' as const,
        message: issue.message,
      }));
    case 'custom': {
      const code: unknown = issue.params?.code;
      return one(isFieldCode(code) ? code : 'invalid');
    }
    default:
      return one('invalid');
  }
}

/** zod's issues as field problems, the request's own value (`input`) at hand to see what is missing. */
export function fieldIssues(error: z.ZodError, input: unknown): FieldIssue[] {
  return error.issues.flatMap((issue) => problemsOf(issue, input));
}
