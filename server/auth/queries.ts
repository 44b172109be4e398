import type { OrganizationKind } from '../../shared/roles.ts';
import type { MeResponse } from '../../shared/api.ts';
import type { Queryable } from '../db/db.ts';
import { listMyTables } from '../tables/queries.ts';
import type { CurrentUser } from '../http/app-env.ts';

interface UserRow extends Record<string, unknown> {
  id: string;
  name: string;
  email: string;
  is_demo: boolean;
  password_hash: string | null;
  org_id: string;
  org_name: string;
  org_kind: OrganizationKind;
}

const SELECT_USER = `select u.id, u.name, u.email, u.is_demo, u.password_hash,
                            o.id as org_id, o.name as org_name, o.kind as org_kind
                       from users u join organizations o on o.id = u.organization_id`;

function toUser(row: UserRow): CurrentUser {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    isDemo: row.is_demo,
    organization: { id: row.org_id, name: row.org_name, kind: row.org_kind },
  };
}

export async function findUserById(db: Queryable, id: string): Promise<CurrentUser | null> {
  const rows = await db.query<UserRow>(`${SELECT_USER} where u.id = $1`, [id]);
  return rows[0] ? toUser(rows[0]) : null;
}

export async function findUserForLogin(
  db: Queryable,
  email: string,
): Promise<{ user: CurrentUser; passwordHash: string | null } | null> {
  const rows = await db.query<UserRow>(`${SELECT_USER} where u.email = $1`, [email]);
  const row = rows[0];
  return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
}

export async function meResponse(db: Queryable, user: CurrentUser): Promise<MeResponse> {
  const tables = await listMyTables(db, user.id);
  return {
    user: { id: user.id, name: user.name, email: user.email, organization: user.organization },
    tables,
    isSecretariat: tables.some((t) => t.role === 'secretariat'),
  };
}
