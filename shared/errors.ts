import { z } from 'zod';

/** Error codes the API returns in `{ error: { code, message, details? } }`; the client maps them to Dutch text. */
export const ERROR_CODES = [
  'invalid_json',
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'forbidden_origin',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'invitation_invalid',
  'login_required',
  'wrong_account',
  'demo_login_disabled',
  'internal',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/** ErrorBody as a schema: the OpenAPI document describes every error reply with it. */
export const errorBodySchema = z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), details: z.unknown().optional() }),
}) satisfies z.ZodType<ErrorBody>;
