import { z } from 'zod';

export const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email({ message: 'not a valid e-mail address' }))
  .transform((value) => value.toLowerCase());

/** Long enough to resist guessing; capped so that hashing cannot be used to burn CPU. */
export const newPassword = z.string().min(12, 'at least 12 characters').max(200);

export const loginBody = z.strictObject({
  email,
  password: z.string().min(1).max(200),
});

export const passwordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword,
});
