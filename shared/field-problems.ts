/**
 * What can be wrong with one field of a request, as a code the client words from its catalog
 * (`field.<code>`, Dutch and English) next to the field: the server never sends prose to show.
 * The first group comes from schema checks (server/http/field-problems.ts maps zod's issues onto it),
 * the rest from rules of the domain that a command checks.
 */
export const FIELD_CODES = [
  // schema checks
  'required',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'invalid_email',
  'invalid_format',
  'invalid_period',
  'invalid_choice',
  'invalid_type',
  'not_whole',
  'out_of_range',
  'end_before_start',
  'duplicate_year',
  'unknown_field',
  'nothing_to_change',
  'invalid_characters',
  'invalid',
  // rules of the domain
  'not_finite',
  'percent_range',
  'count_whole',
  'not_negative',
  'no_plan_period',
  'target_outside_period',
  'period_not_started',
  'period_before_baseline',
  'not_a_member',
  'unknown_template',
  'plan_archived',
  'order_mismatch',
  'unknown_goal',
  'unknown_principle',
  'unknown_part',
  'wrong_password',
  'password_required',
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];

export const isFieldCode = (code: unknown): code is FieldCode =>
  typeof code === 'string' && (FIELD_CODES as readonly string[]).includes(code);

/**
 * One problem with one field: its dotted path in the request (`targets.0.value`; '' for the request as
 * a whole), the code, and the numbers the text needs (`min`, `max`).
 */
export interface FieldProblem {
  path: string;
  code: FieldCode;
  min?: number;
  max?: number;
}

/**
 * The details of a 400 validation_failed: `fields` is the contract; `issues` repeats them with an
 * English message for whoever reads the API by hand (and for clients written before `fields`).
 */
export interface ValidationDetails {
  fields: FieldProblem[];
  issues: Array<{ path: string; message: string; code: FieldCode }>;
}

/** Reads the field problems out of an error's details; anything unexpected is left out. */
export function fieldProblemsOf(details: unknown): FieldProblem[] {
  const fields = (details as { fields?: unknown } | null | undefined)?.fields;
  if (!Array.isArray(fields)) return [];
  // Checked by hand rather than with a zod schema: this runs in the browser on the login page, whose
  // first download must stay small (zod is ~22 kB compressed).
  const codes: readonly string[] = FIELD_CODES;
  const optionalNumber = (value: unknown) =>
    value === undefined || (typeof value === 'number' && Number.isFinite(value));
  return fields.flatMap((field: unknown): FieldProblem[] => {
    if (typeof field !== 'object' || field === null) return [];
    const { path, code, min, max } = field as Record<string, unknown>;
    if (typeof path !== 'string' || typeof code !== 'string' || !codes.includes(code)) return [];
    if (!optionalNumber(min) || !optionalNumber(max)) return [];
    return [
      {
        path,
        code: code as FieldCode,
        ...(min !== undefined ? { min: min as number } : {}),
        ...(max !== undefined ? { max: max as number } : {}),
      },
    ];
  });
}
