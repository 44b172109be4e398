import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResponse, OrganizationsResponse, TableDetail, TablesResponse } from '../../shared/api.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import { Client } from '../support/app-server.ts';
import { deployments, type Deployment } from '../support/deployments.ts';

for (const kind of deployments()) {
  describe(`tables, ${kind.name}`, () => {
    let server: Deployment;
    let tableId: string;
    let secretariat: Client;
    let delegate: Client;
    let council: Client;

    async function userId(email: string): Promise<string> {
      const rows = await server.query<{ id: string }>('select id from users where email = $1', [email]);
      return rows[0]!.id;
    }
    async function orgId(name: string): Promise<string> {
      const rows = await server.query<{ id: string }>('select id from organizations where name = $1', [name]);
      return rows[0]!.id;
    }
    async function latestAudit() {
      return (await secretariat.get<AuditResponse>(`/api/tables/${tableId}/audit?limit=1`)).body.events[0];
    }

    beforeAll(async () => {
      server = await kind.start();
      secretariat = await new Client(server.url).login('secretariaat@regio-alkmaar.demo');
      delegate = await new Client(server.url).login('bestuur@horizon-jeugd.demo');
      council = await new Client(server.url).login('raadslid@alkmaar.demo');
      tableId = (await delegate.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('shows a member the table: members with delegates, chair, secretariat, phases and rules of play', async () => {
      const reply = await delegate.get<TableDetail>(`/api/tables/${tableId}`);
      expect(reply.status).toBe(200);
      const detail = reply.body;
      expect(detail.name).toBe('Ontwikkeltafel Transformatie Jeugdhulp — verblijf');
      expect(detail.region.name).toBe('Regio Alkmaar');
      expect(detail.role).toBe('provider_delegate');
      expect(detail.allowedActions).toContain('position.state');
      expect(detail.allowedActions).not.toContain('table.manage');
      expect(detail.members.map((m) => m.organization.name)).toEqual([
        'Gemeente Alkmaar',
        'Gemeente Bergen',
        'Gemeente Castricum',
        'Gemeente Dijk en Waard',
        'Gemeente Heiloo',
        'Gemeente Uitgeest',
        'De Brug LVB',
        'Gezinshuis Noord',
        'Horizon Jeugd',
        'Kompas GGZ',
      ]);
      const alkmaar = detail.members.find((m) => m.organization.name === 'Gemeente Alkmaar')!;
      // The council member belongs to Alkmaar but does not speak for it.
      expect(alkmaar.delegates.map((d) => d.email)).toEqual(['beleid@alkmaar.demo']);
      expect(detail.chair?.email).toBe('voorzitter@regio-alkmaar.demo');
      expect(detail.secretariat.map((p) => p.email)).toEqual(['secretariaat@regio-alkmaar.demo']);
      expect(detail.readers.map((p) => p.role)).toEqual(['council_member']);
      expect(detail.phases.map((p) => p.key)).toEqual([
        'voorbereiding',
        'transformatiefase_1',
        'transformatiefase_2',
        'verlenging',
      ]);
      expect(detail.phases.filter((p) => p.isCurrent).map((p) => p.name)).toEqual(['Transformatiefase 1']);
      expect(detail.phases[2]).toMatchObject({ startsOn: '2026-01-01', endsOn: '2030-12-31' });
      expect(detail.rules).toEqual({
        responsePeriodDays: 10,
        silenceIsConsent: false,
        rulingRule: 'all_municipalities',
      });
    });

    it('hides a table from people without a role there (404, not 403)', async () => {
      const outsiderOrg = await server.query<{ id: string }>(
        "insert into organizations (name, kind) values ('Stichting Buiten', 'provider') returning id",
      );
      const hash = (
        await server.query<{ password_hash: string }>(
          "select password_hash from users where email = 'beleid@alkmaar.demo'",
        )
      )[0]!.password_hash;
      await server.query(
        "insert into users (email, name, organization_id, password_hash) values ('buiten@example.org', 'Bram Buiten', $1, $2)",
        [outsiderOrg[0]!.id, hash],
      );
      const outsider = await new Client(server.url).login('buiten@example.org');
      expect((await outsider.get<TablesResponse>('/api/tables')).body.tables).toEqual([]);
      const hidden = await outsider.get<ErrorBody>(`/api/tables/${tableId}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.code).toBe('not_found');
      expect((await outsider.get(`/api/tables/${tableId}/audit`)).status).toBe(404);
      expect((await outsider.get('/api/tables/not-a-uuid')).status).toBe(404);
      expect((await new Client(server.url).get(`/api/tables/${tableId}`)).status).toBe(401);
    });

    it('lets only the secretariat manage the table', async () => {
      const attempts = [
        delegate.put(`/api/tables/${tableId}/rules`, {
          responsePeriodDays: 5,
          silenceIsConsent: true,
          rulingRule: 'all_municipalities',
        }),
        delegate.put(`/api/tables/${tableId}/phase`, { currentPhaseKey: 'transformatiefase_2' }),
        council.put(`/api/tables/${tableId}/roles/${await userId('beleid@bergen.demo')}`, { role: 'observer' }),
        delegate.delete(`/api/tables/${tableId}/roles/${await userId('beleid@bergen.demo')}`),
      ];
      for (const reply of await Promise.all(attempts)) {
        expect(reply.status).toBe(403);
        expect((reply.body as ErrorBody).error.code).toBe('forbidden');
      }
      expect((await council.get(`/api/tables/${tableId}/audit`)).status).toBe(403);
    });

    it('updates the rules of play, validated, with an audit event', async () => {
      const bad = await secretariat.put<ErrorBody>(`/api/tables/${tableId}/rules`, {
        responsePeriodDays: 0,
        silenceIsConsent: true,
        rulingRule: 'all_municipalities',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('validation_failed');
      const extra = await secretariat.put<ErrorBody>(`/api/tables/${tableId}/rules`, {
        responsePeriodDays: 8,
        silenceIsConsent: true,
        rulingRule: 'all_municipalities',
        chairVeto: true,
      });
      expect(extra.status).toBe(400);
      const ok = await secretariat.put<TableDetail>(`/api/tables/${tableId}/rules`, {
        responsePeriodDays: 8,
        silenceIsConsent: true,
        rulingRule: 'majority_municipalities',
      });
      expect(ok.status).toBe(200);
      expect(ok.body.rules).toEqual({
        responsePeriodDays: 8,
        silenceIsConsent: true,
        rulingRule: 'majority_municipalities',
      });
      const event = await latestAudit();
      expect(event?.kind).toBe('rules.updated');
      expect(event?.actor?.name).toBe('Sanne de Vries');
      expect(event?.data).toMatchObject({ before: { responsePeriodDays: 10 }, after: { responsePeriodDays: 8 } });
    });

    it('moves the table to another phase', async () => {
      expect((await secretariat.put(`/api/tables/${tableId}/phase`, { currentPhaseKey: 'nope' })).status).toBe(404);
      const moved = await secretariat.put<TableDetail>(`/api/tables/${tableId}/phase`, {
        currentPhaseKey: 'transformatiefase_2',
      });
      expect(moved.body.phases.find((p) => p.isCurrent)?.key).toBe('transformatiefase_2');
      expect(await latestAudit()).toMatchObject({
        kind: 'phase.changed',
        data: { from: 'transformatiefase_1', to: 'transformatiefase_2' },
      });
    });

    it('adds and removes member organizations; a member with delegates stays until they go', async () => {
      const orgs = (await secretariat.get<OrganizationsResponse>('/api/organizations')).body.organizations;
      expect(orgs.length).toBeGreaterThanOrEqual(12);
      const created = await server.query<{ id: string }>(
        "insert into organizations (name, kind) values ('Jeugdzorg Kust', 'provider') returning id",
      );
      const newOrg = created[0]!.id;
      const added = await secretariat.post<TableDetail>(`/api/tables/${tableId}/members`, { organizationId: newOrg });
      expect(added.status).toBe(200);
      expect(added.body.members.some((m) => m.organization.id === newOrg)).toBe(true);
      expect(await latestAudit()).toMatchObject({ kind: 'member.added', data: { organizationName: 'Jeugdzorg Kust' } });
      expect((await secretariat.post(`/api/tables/${tableId}/members`, { organizationId: newOrg })).status).toBe(409);

      const busy = await secretariat.delete<ErrorBody>(`/api/tables/${tableId}/members/${await orgId('Kompas GGZ')}`);
      expect(busy.status).toBe(409);
      expect(busy.body.error.details).toEqual({ delegates: ['Lotte van Dijk'] });

      const removed = await secretariat.delete<TableDetail>(`/api/tables/${tableId}/members/${newOrg}`);
      expect(removed.status).toBe(200);
      expect(removed.body.members.some((m) => m.organization.id === newOrg)).toBe(false);
      expect(await latestAudit()).toMatchObject({ kind: 'member.removed' });
    });

    it('assigns, changes and revokes roles under the table’s constraints', async () => {
      const bergen = await userId('beleid@bergen.demo');
      const raadslid = await userId('raadslid@alkmaar.demo');
      // A provider delegate must come from a provider.
      const misfit = await secretariat.put<ErrorBody>(`/api/tables/${tableId}/roles/${bergen}`, {
        role: 'provider_delegate',
      });
      expect(misfit.status).toBe(409);
      // One chair per table.
      const secondChair = await secretariat.put<ErrorBody>(`/api/tables/${tableId}/roles/${raadslid}`, {
        role: 'chair',
      });
      expect(secondChair.status).toBe(409);
      expect(secondChair.body.error.message).toMatch(/chair/);
      const badRole = await secretariat.put<ErrorBody>(`/api/tables/${tableId}/roles/${raadslid}`, { role: 'king' });
      expect(badRole.status).toBe(400);

      const changed = await secretariat.put<TableDetail>(`/api/tables/${tableId}/roles/${raadslid}`, {
        role: 'observer',
      });
      expect(changed.status).toBe(200);
      expect(changed.body.readers.find((p) => p.userId === raadslid)?.role).toBe('observer');
      expect(await latestAudit()).toMatchObject({
        kind: 'role.changed',
        subject: { type: 'user', id: raadslid },
        data: { role: 'observer', previousRole: 'council_member', userName: 'Karin de Boer' },
      });

      const revoked = await secretariat.delete<TableDetail>(`/api/tables/${tableId}/roles/${raadslid}`);
      expect(revoked.body.readers.some((p) => p.userId === raadslid)).toBe(false);
      expect(await latestAudit()).toMatchObject({ kind: 'role.revoked' });
      expect((await council.get(`/api/tables/${tableId}`)).status).toBe(404);

      const back = await secretariat.put<TableDetail>(`/api/tables/${tableId}/roles/${raadslid}`, {
        role: 'council_member',
      });
      expect(back.status).toBe(200);
      expect(await latestAudit()).toMatchObject({ kind: 'role.assigned' });

      const self = await userId('secretariaat@regio-alkmaar.demo');
      const lockout = await secretariat.delete<ErrorBody>(`/api/tables/${tableId}/roles/${self}`);
      expect(lockout.status).toBe(409);
    });

    it('pages through the audit timeline newest first', async () => {
      const first = await secretariat.get<AuditResponse>(`/api/tables/${tableId}/audit?limit=3`);
      expect(first.body.events).toHaveLength(3);
      const ids = first.body.events.map((e) => e.id);
      expect([...ids].sort((a, b) => b - a)).toEqual(ids);
      const next = await secretariat.get<AuditResponse>(
        `/api/tables/${tableId}/audit?limit=100&before=${first.body.nextBefore}`,
      );
      expect(next.body.events.every((e) => e.id < ids[2]!)).toBe(true);
      expect(next.body.events.at(-1)?.kind).toBe('table.created');
      expect(next.body.nextBefore).toBeNull();
      expect((await secretariat.get(`/api/tables/${tableId}/audit?limit=abc`)).status).toBe(400);
      expect((await secretariat.get(`/api/tables/${tableId}/audit?limit=5&sort=asc`)).status).toBe(400);
    });

    it('keeps the audit log append-only in the database itself', async () => {
      await expect(server.query('update audit_events set kind = $1', ['forged'])).rejects.toThrow(/append-only/);
      await expect(server.query('delete from audit_events')).rejects.toThrow(/append-only/);
    });
  });
}
