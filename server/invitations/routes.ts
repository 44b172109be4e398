import type { Context } from 'hono';
import type { AcceptInvitationResponse, InvitationsResponse } from '../../shared/api.ts';
import {
  acceptInvitationResponseSchema,
  invitationPreviewSchema,
  invitationsResponseSchema,
  invitationViewSchema,
  okResponseSchema,
} from '../../shared/api-schemas/tables.ts';
import { createSession } from '../auth/commands.ts';
import { findUserById, meResponse } from '../auth/queries.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { route } from '../http/route.ts';
import { writeSessionCookie } from '../http/session-cookie.ts';
import { readId, readParam } from '../http/validate.ts';
import { sendMail } from '../mail/send.ts';
import { invitationMail } from '../mail/templates.ts';
import { ROLE_RULES } from '../tables/commands.ts';
import {
  acceptInvitation,
  createInvitation,
  listPendingInvitations,
  previewInvitation,
  revokeInvitation,
} from './commands.ts';
import { acceptBody, invitationToken, inviteBody } from '../../shared/api-requests/invitations.ts';

const INVITATION_INVALID = {
  status: 404,
  code: 'invitation_invalid',
  when: 'the link is not valid, or was used, withdrawn or expired',
} as const;

function readToken(c: Context<AppEnv>): string {
  try {
    return readParam(c, 'token', invitationToken);
  } catch {
    throw new ApiError(404, 'invitation_invalid', 'this invitation link is not valid');
  }
}

function publicBase(c: Context<AppEnv>): string {
  return c.var.deps.config.publicUrl?.replace(/\/$/, '') ?? new URL(c.req.url).origin;
}

/** Secretariat side: under /api/tables/:id/invitations. */
export const tableInvitationRoutes = [
  route(
    {
      method: 'get',
      path: '/tables/:id/invitations',
      operationId: 'listInvitations',
      tag: 'Invitations',
      summary: 'Open invitations',
      permission: 'table.manage',
      reply: invitationsResponseSchema,
    },
    async (c, { access }) => {
      const body: InvitationsResponse = {
        invitations: await listPendingInvitations(c.var.deps.db, access.tableId, c.var.deps.clock.now()),
      };
      return c.json(body);
    },
  ),
  route(
    {
      method: 'post',
      path: '/tables/:id/invitations',
      operationId: 'createInvitation',
      tag: 'Invitations',
      summary: 'Invite a person (mails a one-time link)',
      permission: 'table.manage',
      body: inviteBody,
      reply: invitationViewSchema,
      status: 201,
      conflict: `the person has a role at the table already, or an account with another organization; or ${ROLE_RULES}`,
    },
    async (c, { access, body }) => {
      const input = await body();
      const deps = c.var.deps;
      const actor = { userId: access.user.id, tableId: access.tableId, now: deps.clock.now() };
      const created = await createInvitation(deps.db, actor, input);
      await sendMail(deps, {
        ...invitationMail({
          to: input.email,
          name: input.name,
          inviterName: access.user.name,
          tableName: created.tableName,
          organizationName: created.invitation.organization.name,
          role: input.role,
          link: `${publicBase(c)}/invite/${created.token}`,
          expiresAt: created.expiresAt,
        }),
        tableId: access.tableId,
      });
      return c.json(created.invitation, 201);
    },
  ),
  route(
    {
      method: 'delete',
      path: '/tables/:id/invitations/:invitationId',
      operationId: 'revokeInvitation',
      tag: 'Invitations',
      summary: 'Revoke an invitation',
      permission: 'table.manage',
      reply: okResponseSchema,
    },
    async (c, { access }) => {
      const actor = { userId: access.user.id, tableId: access.tableId, now: c.var.deps.clock.now() };
      await revokeInvitation(c.var.deps.db, actor, readId(c, 'invitationId', 'invitation'));
      return c.json({ ok: true });
    },
  ),
];

/** Invitee side: under /api/invitations, reachable without a session. */
export const invitationRoutes = [
  route(
    {
      method: 'get',
      path: '/invitations/:token',
      operationId: 'previewInvitation',
      tag: 'Invitations',
      summary: 'Preview an invitation',
      permission: 'public',
      reply: invitationPreviewSchema,
      errors: [INVITATION_INVALID],
    },
    async (c) => {
      const { db, clock } = c.var.deps;
      return c.json(await previewInvitation(db, readToken(c), clock.now()));
    },
  ),
  // An invitation to an existing account is accepted by that account, logged in; a new account
  // sets its password here and is logged in by accepting.
  route(
    {
      method: 'post',
      path: '/invitations/:token/accept',
      operationId: 'acceptInvitation',
      tag: 'Invitations',
      summary:
        'Accept an invitation: a new account sets its password and is signed in; an existing one must be signed in',
      permission: 'public',
      body: acceptBody,
      reply: acceptInvitationResponseSchema,
      conflict:
        'the account belongs to another organization, or was given a role at the table after the invitation was sent',
      errors: [
        { status: 401, code: 'login_required', when: 'the invitation is for an existing account: log in as it first' },
        { status: 403, code: 'wrong_account', when: 'signed in as another account than the invited one' },
        INVITATION_INVALID,
      ],
    },
    async (c, { user: acting, body }) => {
      const { db, clock, sessionClock, passwords } = c.var.deps;
      const token = readToken(c);
      const input = await body();
      const { userId, tableId, newAccount } = await acceptInvitation(
        db,
        passwords,
        token,
        input,
        clock.now(),
        acting?.id ?? null,
      );
      const user = await findUserById(db, userId);
      if (!user) throw notFound('person');
      if (newAccount) {
        const { token: sessionToken, session } = await createSession(db, userId, sessionClock.now());
        writeSessionCookie(c, sessionToken, session);
      }
      const reply: AcceptInvitationResponse = { tableId, me: await meResponse(db, user) };
      return c.json(reply);
    },
  ),
];
