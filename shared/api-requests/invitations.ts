import { z } from 'zod';
import { ROLES } from '../roles.ts';
import { email, newPassword } from './auth.ts';

export const inviteBody = z.strictObject({
  email,
  name: z.string().trim().min(1).max(200),
  organizationId: z.uuid(),
  role: z.enum(ROLES),
});

export const acceptBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  password: newPassword.optional(),
});

/** Invitation tokens are base32 (see crypto/tokens.ts); anything else cannot be one. */
export const invitationToken = z.string().regex(/^[a-z2-7]{16,64}$/);
