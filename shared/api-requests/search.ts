import { z } from 'zod';

export const searchQuery = z.strictObject({ q: z.string().trim().min(1).max(200) });
