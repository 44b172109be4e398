import { Hono, type Context } from 'hono';
import type { AcceptInvitationResponse, InvitationsResponse } from '../../shared/api.ts';
import { createSession } from '../auth/commands.ts';
import { findUserById, meResponse } from '../auth/queries.ts';
import type { AppEnv } from '../http/app-env.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { writeSessionCookie } from '../http/session-cookie.ts';
import { readId, readJson, readParam } from '../http/validate.ts';
import { sendMail } from '../mail/send.ts';
import { invitationMail } from '../mail/templates.ts';
import { requireTableAction } from '../http/access.ts';
import {
  acceptInvitation,
  createInvitation,
  listPendingInvitations,
  previewInvitation,
  revokeInvitation,
} from './commands.ts';
import { acceptBody, invitationToken, inviteBody } from './schema.ts';

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
export const tableInvitationRoutes = new Hono<AppEnv>()
  .get('/:id/invitations', async (c) => {
    const access = await requireTableAction(c, 'table.manage');
    const body: InvitationsResponse = {
      invitations: await listPendingInvitations(c.var.deps.db, access.tableId, c.var.deps.clock.now()),
    };
    return c.json(body);
  })
  .post('/:id/invitations', async (c) => {
    const access = await requireTableAction(c, 'table.manage');
    const input = await readJson(c, inviteBody);
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
  })
  .delete('/:id/invitations/:invitationId', async (c) => {
    const access = await requireTableAction(c, 'table.manage');
    const actor = { userId: access.user.id, tableId: access.tableId, now: c.var.deps.clock.now() };
    await revokeInvitation(c.var.deps.db, actor, readId(c, 'invitationId', 'invitation'));
    return c.json({ ok: true });
  });

/** Invitee side: under /api/invitations, reachable without a session. */
export const invitationRoutes = new Hono<AppEnv>()
  .get('/:token', async (c) => {
    const { db, clock } = c.var.deps;
    return c.json(await previewInvitation(db, readToken(c), clock.now()));
  })
  // An invitation to an existing account is accepted by that account, logged in; a new account
  // sets its password here and is logged in by accepting.
  .post('/:token/accept', async (c) => {
    const { db, clock, sessionClock, passwords } = c.var.deps;
    const token = readToken(c);
    const input = await readJson(c, acceptBody);
    const acting = c.var.user?.id ?? null;
    const { userId, tableId, newAccount } = await acceptInvitation(db, passwords, token, input, clock.now(), acting);
    const user = await findUserById(db, userId);
    if (!user) throw notFound('person');
    if (newAccount) {
      const { token: sessionToken, session } = await createSession(db, userId, sessionClock.now());
      writeSessionCookie(c, sessionToken, session);
    }
    const body: AcceptInvitationResponse = { tableId, me: await meResponse(db, user) };
    return c.json(body);
  });
