import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AcceptInvitationResponse,
  InvitationPreview,
  InvitationsResponse,
  InvitationView,
  OutboxResponse,
  TableDetail,
  TablesResponse,
} from '../../shared/api.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import { Client } from '../support/app-server.ts';
import { deployments, type Deployment } from '../support/deployments.ts';

const DAY = 24 * 60 * 60 * 1000;

for (const kind of deployments()) {
  describe(`invitations, ${kind.name}`, () => {
    let server: Deployment;
    let tableId: string;
    let secretariat: Client;

    async function orgId(name: string): Promise<string> {
      const rows = await server.query<{ id: string }>('select id from organizations where name = $1', [name]);
      return rows[0]!.id;
    }

    async function invite(email: string, organization: string, role: string, name = 'Nieuwe Deelnemer') {
      return secretariat.post<InvitationView & ErrorBody>(`/api/tables/${tableId}/invitations`, {
        email,
        name,
        organizationId: await orgId(organization),
        role,
      });
    }

    /** The link from the newest mail to this address, as the invitee would click it. */
    async function linkFor(email: string): Promise<string> {
      const outbox = await secretariat.get<OutboxResponse>('/api/dev/outbox');
      const mail = outbox.body.mails.find((m) => m.to === email);
      const link = mail?.text.match(/https?:\/\/\S+\/invite\/([a-z2-7]+)/);
      if (!link?.[1]) throw new Error(`no invitation mail for ${email}`);
      return link[1];
    }

    beforeAll(async () => {
      server = await kind.start({ startsAt: new Date('2026-03-02T09:00:00Z'), devRoutes: true });
      secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      tableId = (await secretariat.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('invites a person by e-mail; the one-time link sets a password and lands on the table', async () => {
      const sent = await invite('Wethouder@Heiloo.demo', 'Gemeente Heiloo', 'municipality_delegate', 'Tom Wethouder');
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({
        email: 'wethouder@heiloo.demo',
        role: 'municipality_delegate',
        invitedBy: 'Sanne de Vries',
      });
      const pending = await secretariat.get<InvitationsResponse>(`/api/tables/${tableId}/invitations`);
      expect(pending.body.invitations.map((i) => i.email)).toEqual(['wethouder@heiloo.demo']);

      const outbox = await secretariat.get<OutboxResponse>('/api/dev/outbox');
      const mail = outbox.body.mails[0]!;
      expect(mail).toMatchObject({ to: 'wethouder@heiloo.demo', deliveredVia: 'outbox', error: null });
      expect(mail.subject).toContain('Ontwikkeltafel Transformatie Jeugdhulp');
      expect(mail.text).toContain(`${server.url}/invite/`);

      const token = await linkFor('wethouder@heiloo.demo');
      const invitee = new Client(server.url);
      const preview = await invitee.get<InvitationPreview>(`/api/invitations/${token}`);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({
        email: 'wethouder@heiloo.demo',
        organizationName: 'Gemeente Heiloo',
        tableName: 'Ontwikkeltafel Transformatie Jeugdhulp — verblijf',
        existingAccount: false,
      });

      const short = await invitee.post<ErrorBody>(`/api/invitations/${token}/accept`, {
        name: 'Tom',
        password: 'kort',
      });
      expect(short.status).toBe(400);
      const missing = await invitee.post<ErrorBody>(`/api/invitations/${token}/accept`, { name: 'Tom' });
      expect(missing.status).toBe(400);

      const accepted = await invitee.post<AcceptInvitationResponse>(`/api/invitations/${token}/accept`, {
        name: 'Tom Wethouder',
        password: 'een-lang-wachtwoord',
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body.tableId).toBe(tableId);
      expect(accepted.body.me.tables[0]?.role).toBe('municipality_delegate');
      const detail = await invitee.get<TableDetail>(`/api/tables/${tableId}`);
      expect(detail.status).toBe(200);
      const heiloo = detail.body.members.find((m) => m.organization.name === 'Gemeente Heiloo')!;
      expect(heiloo.delegates.map((d) => d.email)).toContain('wethouder@heiloo.demo');

      // The link works once.
      const again = await new Client(server.url).post<ErrorBody>(`/api/invitations/${token}/accept`, {
        name: 'Someone Else',
        password: 'een-ander-wachtwoord',
      });
      expect(again.status).toBe(404);
      expect(again.body.error.code).toBe('invitation_invalid');
      expect((await new Client(server.url).get(`/api/invitations/${token}`)).status).toBe(404);

      // And the new password works for a normal login.
      await new Client(server.url).login('wethouder@heiloo.demo', 'een-lang-wachtwoord');

      const kinds = (
        await secretariat.get<{ events: Array<{ kind: string }> }>(`/api/tables/${tableId}/audit?limit=2`)
      ).body.events.map((e) => e.kind);
      expect(kinds).toEqual(['invitation.accepted', 'invitation.sent']);
    });

    it('expires an invitation after seven days', async () => {
      await invite('laat@kompas-ggz.demo', 'Kompas GGZ', 'provider_delegate');
      const token = await linkFor('laat@kompas-ggz.demo');
      await server.advanceClock(7 * DAY + 60_000);
      const expired = await new Client(server.url).get<ErrorBody>(`/api/invitations/${token}`);
      expect(expired.status).toBe(404);
      expect(expired.body.error.message).toMatch(/expired/);
      const accept = await new Client(server.url).post(`/api/invitations/${token}/accept`, {
        name: 'Te Laat',
        password: 'een-lang-wachtwoord',
      });
      expect(accept.status).toBe(404);
    });

    it('can withdraw a pending invitation', async () => {
      const sent = await invite('observator@onderwijs.demo', 'Regionaal Netwerk Organisatie Alkmaar (RNO)', 'observer');
      const token = await linkFor('observator@onderwijs.demo');
      expect((await secretariat.delete(`/api/tables/${tableId}/invitations/${sent.body.id}`)).status).toBe(200);
      expect((await secretariat.delete(`/api/tables/${tableId}/invitations/${sent.body.id}`)).status).toBe(404);
      const preview = await new Client(server.url).get<ErrorBody>(`/api/invitations/${token}`);
      expect(preview.status).toBe(404);
      expect(preview.body.error.message).toMatch(/withdrawn/);
    });

    async function userId(email: string): Promise<string> {
      const rows = await server.query<{ id: string }>('select id from users where email = $1', [email]);
      return rows[0]!.id;
    }

    async function roleOf(email: string): Promise<string | undefined> {
      const rows = await server.query<{ role: string }>(
        'select role from table_roles where table_id = $1 and user_id = $2',
        [tableId, await userId(email)],
      );
      return rows[0]?.role;
    }

    it('adds a role to an existing account without touching its password', async () => {
      const raadslidOrg = 'Gemeente Alkmaar';
      // The council member already has a role here; inviting them again is a conflict.
      expect((await invite('raadslid@alkmaar.demo', raadslidOrg, 'observer')).status).toBe(409);
      // Another organization's account cannot be invited for this one.
      expect((await invite('beleid@bergen.demo', 'Horizon Jeugd', 'provider_delegate')).status).toBe(409);

      await server.query(
        "delete from table_roles where user_id = (select id from users where email = 'raadslid@alkmaar.demo')",
      );
      expect((await invite('raadslid@alkmaar.demo', raadslidOrg, 'observer')).status).toBe(201);
      const token = await linkFor('raadslid@alkmaar.demo');
      const linkHolder = new Client(server.url);
      expect((await linkHolder.get<InvitationPreview>(`/api/invitations/${token}`)).body.existingAccount).toBe(true);
      // The link alone logs nobody into an existing account: not without a session…
      const anonymous = await linkHolder.post<AcceptInvitationResponse & ErrorBody>(
        `/api/invitations/${token}/accept`,
        { name: 'Karin de Boer' },
      );
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe('login_required');
      expect(linkHolder.hasSession).toBe(false);
      expect(await roleOf('raadslid@alkmaar.demo')).toBeUndefined();
      // …nor with someone else's.
      const other = await new Client(server.url).login('beleid@bergen.demo');
      const wrong = await other.post<ErrorBody>(`/api/invitations/${token}/accept`, { name: 'Karin de Boer' });
      expect(wrong.status).toBe(403);
      expect(wrong.body.error.code).toBe('wrong_account');
      expect((await other.get<{ user: { email: string } }>('/api/me')).body.user.email).toBe('beleid@bergen.demo');
      expect(await roleOf('raadslid@alkmaar.demo')).toBeUndefined();

      // The account itself, logged in, accepts.
      const invitee = await new Client(server.url).login('raadslid@alkmaar.demo');
      const accepted = await invitee.post<AcceptInvitationResponse>(`/api/invitations/${token}/accept`, {
        name: 'Karin de Boer',
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body.me.user.email).toBe('raadslid@alkmaar.demo');
      expect(accepted.body.me.tables[0]?.role).toBe('observer');
      expect((await invitee.get('/api/me')).status).toBe(200);
      await new Client(server.url).login('raadslid@alkmaar.demo');
    });

    it('never lets an older invitation overwrite a role given later, nor remove the last secretariat', async () => {
      const email = 'wethouder@heiloo.demo';
      const wethouder = await userId(email);
      expect((await secretariat.delete(`/api/tables/${tableId}/roles/${wethouder}`)).status).toBe(200);
      const sent = await invite(email, 'Gemeente Heiloo', 'observer');
      expect(sent.status).toBe(201);
      const token = await linkFor(email);
      // Later, the secretariat gives them a role directly.
      await server.advanceClock(60_000);
      const assigned = await secretariat.put(`/api/tables/${tableId}/roles/${wethouder}`, {
        role: 'municipality_delegate',
      });
      expect(assigned.status).toBe(200);
      const invitee = await new Client(server.url).login(email, 'een-lang-wachtwoord');
      const stale = await invitee.post<ErrorBody>(`/api/invitations/${token}/accept`, { name: 'Tom Wethouder' });
      expect(stale.status).toBe(409);
      expect(await roleOf(email)).toBe('municipality_delegate');

      // Made the only secretariat later: accepting the old observer invitation is refused.
      expect((await secretariat.put(`/api/tables/${tableId}/roles/${wethouder}`, { role: 'secretariat' })).status).toBe(
        200,
      );
      const sanne = await userId('secretariaat@regio-alkmaar.demo');
      expect((await invitee.delete(`/api/tables/${tableId}/roles/${sanne}`)).status).toBe(200);
      expect((await invitee.post(`/api/invitations/${token}/accept`, { name: 'Tom Wethouder' })).status).toBe(409);
      expect(await roleOf(email)).toBe('secretariat');
      // Even a secretariat role older than the invitation (granted some other way) is not lost by accepting.
      await server.query(
        `update table_roles set assigned_at = (select created_at - interval '1 day' from invitations where id = $3)
          where table_id = $1 and user_id = $2`,
        [tableId, wethouder, sent.body.id],
      );
      const last = await invitee.post<ErrorBody>(`/api/invitations/${token}/accept`, { name: 'Tom Wethouder' });
      expect(last.status).toBe(409);
      expect(last.body.error.message).toMatch(/at least one secretariat/);
      expect(await roleOf(email)).toBe('secretariat');

      // Restore the demo secretariat for the tests that follow.
      expect((await invitee.put(`/api/tables/${tableId}/roles/${sanne}`, { role: 'secretariat' })).status).toBe(200);
      expect((await secretariat.delete(`/api/tables/${tableId}/invitations/${sent.body.id}`)).status).toBe(200);
    });

    it('shows outbox mails only to the secretariat of their table, and to their recipient', async () => {
      await invite('jeugd@castricum.demo', 'Gemeente Castricum', 'municipality_delegate', 'Jet Jeugd');
      const own = await secretariat.get<OutboxResponse>('/api/dev/outbox');
      expect(own.body.mails.map((m) => m.to)).toContain('jeugd@castricum.demo');

      // The secretariat of another table sees none of this table's mails.
      const [region] = await server.query<{ id: string }>(
        "insert into regions (name) values ('Regio Elders') returning id",
      );
      const [other] = await server.query<{ id: string }>(
        "insert into tables (region_id, name) values ($1, 'Andere tafel') returning id",
        [region!.id],
      );
      await server.query(
        `insert into table_roles (table_id, user_id, role, assigned_at) values ($1, $2, 'secretariat', now())`,
        [other!.id, await userId('bestuur@kompas-ggz.demo')],
      );
      const elsewhere = await new Client(server.url).login('bestuur@kompas-ggz.demo');
      const foreign = await elsewhere.get<OutboxResponse>('/api/dev/outbox');
      expect(foreign.status).toBe(200);
      expect(foreign.body.mails).toEqual([]);

      // A person sees the mails sent to their own address (the raadslid's invitation above).
      const raadslid = await new Client(server.url).login('raadslid@alkmaar.demo');
      const mine = await raadslid.get<OutboxResponse>('/api/dev/outbox');
      expect(mine.status).toBe(200);
      expect(mine.body.mails.length).toBeGreaterThan(0);
      expect(mine.body.mails.every((m) => m.to === 'raadslid@alkmaar.demo')).toBe(true);
    });

    it('validates invitations and keeps them to the secretariat', async () => {
      expect((await invite('geen-email', 'Gemeente Bergen', 'municipality_delegate')).status).toBe(400);
      const misfit = await invite('iemand@bergen.demo', 'Gemeente Bergen', 'provider_delegate');
      expect(misfit.status).toBe(409);
      const delegate = await new Client(server.url).login('beleid@bergen.demo');
      const refused = await delegate.post(`/api/tables/${tableId}/invitations`, {
        email: 'iemand@bergen.demo',
        name: 'Iemand',
        organizationId: await orgId('Gemeente Bergen'),
        role: 'municipality_delegate',
      });
      expect(refused.status).toBe(403);
      // Not the secretariat: the outbox holds nothing of the table's mails for them.
      const outbox = await delegate.get<OutboxResponse>('/api/dev/outbox');
      expect(outbox.body.mails.filter((m) => m.to !== 'beleid@bergen.demo')).toEqual([]);
      expect((await new Client(server.url).get('/api/invitations/NOT-A-TOKEN!')).status).toBe(404);
    });
  });
}
