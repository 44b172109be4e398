import { z } from 'zod';
import { MAIL_FREQUENCIES } from '../api-todo.ts';

/** PUT /api/me/mail-preference: each notification by mail at once, or one digest a day at 07:00. */
export const mailPreferenceBody = z.strictObject({ frequency: z.enum(MAIL_FREQUENCIES) });
