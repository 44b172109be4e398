import { z } from 'zod';

/** POST /api/notifications/read: some notifications by id, or all of them. */
export const markReadBody = z.union([
  z.strictObject({ ids: z.array(z.number().int().min(1).max(2_147_483_647)).min(1).max(200) }),
  z.strictObject({ all: z.literal(true) }),
]);
