import type { InvitationPreview, InvitationView } from '../../shared/api.ts';
import type { OrganizationKind, Role } from '../../shared/roles.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { hashToken, randomToken } from '../crypto/tokens.ts';
import type { Db, Queryable } from '../db/db.ts';
import { iso } from '../db/rows.ts';
import type { PasswordHasher } from '../deps.ts';
import { ApiError, conflict, invalid as invalidField, notFound } from '../http/errors.ts';
import { checkRoleFits, keepOneSecretariat } from '../tables/commands.ts';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

interface InvitationRow extends Record<string, unknown> {
  id: string;
  table_id: string;
  table_name: string;
  email: string;
  name: string;
  role: Role;
  org_id: string;
  org_name: string;
  org_kind: OrganizationKind;
  inviter_name: string;
  created_at: Date;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
}

const SELECT_INVITATION = `select i.id, i.table_id, t.name as table_name, i.email, i.name, i.role,
                                  o.id as org_id, o.name as org_name, o.kind as org_kind,
                                  u.name as inviter_name, i.created_at, i.expires_at, i.accepted_at, i.revoked_at
                             from invitations i
                             join tables t on t.id = i.table_id
                             join organizations o on o.id = i.organization_id
                             join users u on u.id = i.invited_by`;

function toView(row: InvitationRow): InvitationView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    organization: { id: row.org_id, name: row.org_name, kind: row.org_kind },
    invitedBy: row.inviter_name,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
  };
}

export async function listPendingInvitations(db: Queryable, tableId: string, now: Date): Promise<InvitationView[]> {
  const rows = await db.query<InvitationRow>(
    `${SELECT_INVITATION}
      where i.table_id = $1 and i.accepted_at is null and i.revoked_at is null and i.expires_at > $2
      order by i.created_at desc`,
    [tableId, now],
  );
  return rows.map(toView);
}

export interface CreatedInvitation {
  invitation: InvitationView;
  token: string;
  tableName: string;
  expiresAt: Date;
}

export async function createInvitation(
  db: Db,
  actor: Actor,
  input: { email: string; name: string; organizationId: string; role: Role },
): Promise<CreatedInvitation> {
  return db.transaction(async (tx) => {
    const orgs = await tx.query<{ id: string; name: string; kind: OrganizationKind }>(
      'select id, name, kind from organizations where id = $1',
      [input.organizationId],
    );
    const org = orgs[0];
    if (!org) throw notFound('organization');
    await checkRoleFits(tx, actor.tableId, input.role, org);
    const existing = await tx.query<{ organization_id: string; role: Role | null }>(
      `select u.organization_id, tr.role from users u
         left join table_roles tr on tr.user_id = u.id and tr.table_id = $2
        where u.email = $1`,
      [input.email, actor.tableId],
    );
    const person = existing[0];
    if (person && person.organization_id !== org.id) {
      throw conflict(`${input.email} already has an account with another organization`);
    }
    if (person?.role) throw conflict(`${input.email} already has a role at this table; change it instead`);

    const token = randomToken();
    const expiresAt = new Date(actor.now.getTime() + INVITATION_LIFETIME_MS);
    const inserted = await tx.query<{ id: string }>(
      `insert into invitations (token_hash, table_id, organization_id, email, name, role, invited_by, created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
      [
        hashToken(token),
        actor.tableId,
        org.id,
        input.email,
        input.name,
        input.role,
        actor.userId,
        actor.now,
        expiresAt,
      ],
    );
    const id = inserted[0]!.id;
    await audit(
      tx,
      actor,
      'invitation.sent',
      { type: 'invitation', id: id },
      { email: input.email, userName: input.name, organizationName: org.name, role: input.role },
    );
    const rows = await tx.query<InvitationRow>(`${SELECT_INVITATION} where i.id = $1`, [id]);
    const row = rows[0]!;
    return { invitation: toView(row), token, tableName: row.table_name, expiresAt };
  });
}

export async function revokeInvitation(db: Db, actor: Actor, invitationId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await tx.query<{ email: string; role: Role }>(
      `update invitations set revoked_at = $3
        where id = $1 and table_id = $2 and accepted_at is null and revoked_at is null
        returning email, role`,
      [invitationId, actor.tableId, actor.now],
    );
    const row = rows[0];
    if (!row) throw notFound('pending invitation');
    await audit(
      tx,
      actor,
      'invitation.revoked',
      { type: 'invitation', id: invitationId },
      { email: row.email, role: row.role },
    );
  });
}

async function findUsable(tx: Queryable, token: string, now: Date, lock: boolean): Promise<InvitationRow> {
  const rows = await tx.query<InvitationRow>(
    `${SELECT_INVITATION} where i.token_hash = $1${lock ? ' for update of i' : ''}`,
    [hashToken(token)],
  );
  const row = rows[0];
  const invalid = (why: string) => new ApiError(404, 'invitation_invalid', why);
  if (!row) throw invalid('this invitation link is not valid');
  if (row.accepted_at) throw invalid('this invitation has already been used');
  if (row.revoked_at) throw invalid('this invitation has been withdrawn');
  if (row.expires_at.getTime() <= now.getTime()) throw invalid('this invitation has expired');
  return row;
}

export async function previewInvitation(db: Queryable, token: string, now: Date): Promise<InvitationPreview> {
  const row = await findUsable(db, token, now, false);
  const users = await db.query('select 1 from users where email = $1', [row.email]);
  return {
    email: row.email,
    name: row.name,
    role: row.role,
    tableName: row.table_name,
    organizationName: row.org_name,
    expiresAt: iso(row.expires_at),
    existingAccount: users.length > 0,
  };
}

/**
 * Accepting is one transaction: the invitation row is locked and marked used, the account is
 * created (or found) and the role granted, so a link works exactly once even when clicked twice.
 * The link alone never logs anyone into an existing account: that account must be the one asking
 * (`actingUserId`, from its session). A new account sets its password here.
 */
export async function acceptInvitation(
  db: Db,
  passwords: PasswordHasher,
  token: string,
  input: { name: string; password?: string | undefined },
  now: Date,
  actingUserId: string | null,
): Promise<{ userId: string; tableId: string; newAccount: boolean }> {
  // Hash outside the transaction: Argon2 takes tens of milliseconds and holds no lock.
  const passwordHash = input.password ? await passwords.hash(input.password) : null;
  return db.transaction(async (tx) => {
    const invitation = await findUsable(tx, token, now, true);
    const existing = await tx.query<{ id: string; organization_id: string }>(
      'select id, organization_id from users where email = $1',
      [invitation.email],
    );
    let userId: string;
    const account = existing[0];
    if (account) {
      if (!actingUserId) {
        throw new ApiError(
          401,
          'login_required',
          `this invitation is for an existing account: log in as ${invitation.email} first`,
        );
      }
      if (actingUserId !== account.id) {
        throw new ApiError(
          403,
          'wrong_account',
          `this invitation is for ${invitation.email}; log in with that account`,
        );
      }
      if (account.organization_id !== invitation.org_id) {
        throw conflict('this e-mail address already has an account with another organization');
      }
      userId = account.id;
    } else {
      if (!passwordHash) {
        throw invalidField('password', 'required for a new account', 'password_required');
      }
      const created = await tx.query<{ id: string }>(
        `insert into users (email, name, organization_id, password_hash, created_at)
         values ($1, $2, $3, $4, $5) returning id`,
        [invitation.email, input.name, invitation.org_id, passwordHash, now],
      );
      userId = created[0]!.id;
    }
    await checkRoleFits(tx, invitation.table_id, invitation.role, {
      id: invitation.org_id,
      name: invitation.org_name,
      kind: invitation.org_kind,
    });
    const current = await tx.query<{ role: Role; assigned_at: Date }>(
      'select role, assigned_at from table_roles where table_id = $1 and user_id = $2 for update',
      [invitation.table_id, userId],
    );
    const held = current[0];
    // A role given after the invitation was sent is the newer decision; the older invitation never overrides it.
    if (held && held.assigned_at.getTime() >= invitation.created_at.getTime()) {
      throw conflict(
        'this account was given a role at this table after the invitation was sent; it no longer applies',
        {
          role: held.role,
        },
      );
    }
    if (held?.role === 'secretariat' && invitation.role !== 'secretariat') {
      await keepOneSecretariat(tx, invitation.table_id, userId);
    }
    await tx.query(
      `insert into table_roles (table_id, user_id, role, assigned_at) values ($1, $2, $3, $4)
       on conflict (table_id, user_id) do update set role = excluded.role, assigned_at = excluded.assigned_at`,
      [invitation.table_id, userId, invitation.role, now],
    );
    await tx.query('update invitations set accepted_at = $2, accepted_by = $3 where id = $1', [
      invitation.id,
      now,
      userId,
    ]);
    await audit(
      tx,
      { userId: userId, tableId: invitation.table_id, now: now },
      'invitation.accepted',
      { type: 'invitation', id: invitation.id },
      {
        email: invitation.email,
        userName: account ? invitation.name : input.name,
        organizationName: invitation.org_name,
        role: invitation.role,
        newAccount: !account,
      },
    );
    return { userId, tableId: invitation.table_id, newAccount: !account };
  });
}
