import {
  devClockResponseSchema,
  healthOkSchema,
  healthUnavailableSchema,
  meResponseSchema,
  okResponseSchema,
  organizationsResponseSchema,
  outboxResponseSchema,
} from '../../../shared/api-schemas/tables.ts';
import { notificationsResponseSchema } from '../../../shared/api-schemas/consensus.ts';
import { loginBody, passwordChangeBody } from '../../auth/schema.ts';
import { clockBody } from '../../consensus/schema.ts';
import { markReadBody } from '../../notifications/schema.ts';
import type { Operation } from '../operation.ts';

/** Health, sessions, organizations, notifications and the development aids. */
export const SYSTEM_OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'getHealth',
    tag: 'System',
    summary: 'Health: database kind and migration level',
    public: true,
    reply: healthOkSchema,
    otherReplies: [{ status: 503, schema: healthUnavailableSchema, when: 'The database does not answer' }],
  },
  {
    method: 'post',
    path: '/auth/login',
    operationId: 'logIn',
    tag: 'Sessions',
    summary: 'Log in; sets the session cookie',
    public: true,
    body: loginBody,
    reply: meResponseSchema,
    errors: [
      { status: 401, code: 'invalid_credentials', when: 'the e-mail address or password is not correct' },
      { status: 403, code: 'demo_login_disabled', when: 'a demo account, on a production server without demo login' },
      {
        status: 429,
        code: 'rate_limited',
        when: 'too many failed logins for the account or the address; details.retryAfterSeconds and Retry-After say when to retry',
      },
    ],
  },
  {
    method: 'post',
    path: '/auth/logout',
    operationId: 'logOut',
    tag: 'Sessions',
    summary: 'Log out; ends the session (if any) and clears the cookie',
    public: true,
    reply: okResponseSchema,
  },
  {
    method: 'get',
    path: '/me',
    operationId: 'getMe',
    tag: 'Sessions',
    summary: 'The signed-in person and their tables',
    reply: meResponseSchema,
  },
  {
    method: 'post',
    path: '/me/password',
    operationId: 'changeMyPassword',
    tag: 'Sessions',
    summary: 'Change my password (the current one, checked, and a new one); my other sessions end',
    body: passwordChangeBody,
    reply: okResponseSchema,
  },
  {
    method: 'get',
    path: '/organizations',
    operationId: 'listOrganizations',
    tag: 'Tables',
    summary: 'Organizations of the region',
    reply: organizationsResponseSchema,
  },
  {
    method: 'get',
    path: '/notifications',
    operationId: 'listNotifications',
    tag: 'Notifications',
    summary: 'My notifications, newest first, with the unread count',
    reply: notificationsResponseSchema,
  },
  {
    method: 'post',
    path: '/notifications/read',
    operationId: 'markNotificationsRead',
    tag: 'Notifications',
    summary: 'Mark notifications read',
    body: markReadBody,
    reply: okResponseSchema,
  },
  {
    method: 'post',
    path: '/dev/clock',
    operationId: 'setDevClock',
    tag: 'Development',
    summary: "Move the server clock and run what became due (dev routes only; the demo region's secretariat)",
    body: clockBody,
    reply: devClockResponseSchema,
    errors: [
      { status: 403, code: 'forbidden', when: "the person is not the demo region's secretariat" },
      { status: 404, code: 'not_found', when: 'the server has no settable clock' },
    ],
    devOnly: true,
  },
  {
    method: 'get',
    path: '/dev/outbox',
    operationId: 'listDevOutbox',
    tag: 'Development',
    summary: 'Mails kept in the outbox: those of my tables as secretariat, and those to me (dev routes only)',
    reply: outboxResponseSchema,
    devOnly: true,
  },
];
