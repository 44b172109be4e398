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
  'demo_login_disabled',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
