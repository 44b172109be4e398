import type { MailFrequency, MailPreference, TodoResponse } from '../../../shared/api.ts';
import { api } from '../api/client.ts';

/** The to-do routes (server/todo/routes.ts), beside the home page's list that uses them. */
export const todoEndpoints = {
  todo: () => api<TodoResponse>('GET', '/api/me/todo'),
  setMailFrequency: (frequency: MailFrequency) => api<MailPreference>('PUT', '/api/me/mail-preference', { frequency }),
};
