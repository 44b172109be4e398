import { z } from 'zod';
import type { MailPreference, TodoItem, TodoResponse } from '../api.ts';
import { MAIL_FREQUENCIES, TODO_KINDS } from '../api-todo.ts';
import { replySchema, timestamp, uuid } from './registry.ts';

export const todoItemSchema = replySchema<TodoItem>()(
  'TodoItem',
  z.object({
    kind: z.enum(TODO_KINDS),
    table: z.object({ id: uuid, name: z.string() }),
    title: z.string(),
    versionNumber: z.int().min(1).nullable(),
    deadline: timestamp.nullable(),
    since: timestamp,
    link: z.string().regex(/^\/(?!\/)/),
  }),
  'Something the signed-in person is asked to do, with the in-app place to do it',
);

export const todoResponseSchema = replySchema<TodoResponse>()(
  'TodoResponse',
  z.object({ items: z.array(todoItemSchema), mailFrequency: z.enum(MAIL_FREQUENCIES) }),
);

export const mailPreferenceSchema = replySchema<MailPreference>()(
  'MailPreference',
  z.object({ frequency: z.enum(MAIL_FREQUENCIES) }),
);
