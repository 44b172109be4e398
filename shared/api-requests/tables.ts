import { z } from 'zod';
import { ROLES, RULING_RULES } from '../roles.ts';

export const rulesBody = z.strictObject({
  responsePeriodDays: z.number().int().min(1).max(60),
  silenceIsConsent: z.boolean(),
  rulingRule: z.enum(RULING_RULES),
});

export const phaseBody = z.strictObject({
  currentPhaseKey: z.string().min(1).max(64),
});

export const memberBody = z.strictObject({
  organizationId: z.uuid(),
});

export const roleBody = z.strictObject({
  role: z.enum(ROLES),
});

export const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  // An audit event id: a PostgreSQL integer, so anything larger cannot name one (and must not reach SQL).
  before: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});
