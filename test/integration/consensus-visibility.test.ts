import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditResponse,
  OpenedRound,
  SectionConsensus,
  SectionHistory,
  SectionsResponse,
  TablesResponse,
} from '../../shared/api.ts';
import { argon2Passwords } from '../../server/runtime/node-deps.ts';
import { Client } from '../support/app-server.ts';
import { deployments, type Deployment } from '../support/deployments.ts';

const MUNICIPALITIES = ['alkmaar', 'bergen', 'castricum', 'dijkenwaard', 'heiloo', 'uitgeest'].map(
  (m) => `beleid@${m}.demo`,
);
const PROVIDERS = ['horizon-jeugd', 'gezinshuis-noord', 'kompas-ggz', 'de-brug-lvb'].map((p) => `bestuur@${p}.demo`);
const CHAIR = 'voorzitter@regio-alkmaar.demo';
const COUNCIL = 'raadslid@alkmaar.demo';
const OBSERVER = 'toehoorder@alkmaar.demo';

/**
 * Council members read the adopted text and the outcomes (who consented, who objected, the ruling and
 * the minority positions once decided), not the deliberation in progress (domain.md, roles).
 */
for (const kind of deployments()) {
  describe(`what a council member reads of consensus, ${kind.name}`, () => {
    let server: Deployment;
    let sectionId: string;
    let tableId: string;
    const people = new Map<string, Client>();
    const as = (email: string) => people.get(email)!;

    const view = async (email: string) => ({
      consensus: (await as(email).get<SectionConsensus>(`/api/sections/${sectionId}/consensus`)).body,
      history: (await as(email).get<SectionHistory>(`/api/sections/${sectionId}/history`)).body,
    });

    beforeAll(async () => {
      server = await kind.start({ startsAt: new Date('2026-03-02T09:00:00Z') });
      for (const email of [...MUNICIPALITIES, ...PROVIDERS, CHAIR, COUNCIL]) {
        people.set(email, await new Client(server.url).login(email));
      }
      tableId = (await as(COUNCIL).get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      // An observer (e.g. from the cliëntenraad) reads what the council member reads, and the audit trail.
      const [observer] = await server.query<{ id: string }>(
        `insert into users (email, name, organization_id, password_hash, is_demo, created_at)
         select $1, 'Toehoorder', id, $2, true, now() from organizations where name = 'Gemeente Alkmaar' returning id`,
        [OBSERVER, await argon2Passwords.hash('demo-tafelwerk')],
      );
      await server.query(
        "insert into table_roles (table_id, user_id, role, assigned_at) values ($1, $2, 'observer', now())",
        [tableId, observer!.id],
      );
      people.set(OBSERVER, await new Client(server.url).login(OBSERVER));
      const list = (await as(COUNCIL).get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      sectionId = list.find((s) => s.title === 'Vastgoed')!.id;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('hides positions, reasons, notes, reports and drafts until the ruling took effect; then shows the outcome', async () => {
      const objection = 'De huurlasten van de gezinshuizen zijn niet meegerekend.';
      const remark = 'Graag jaarlijks herijken.';
      const reason = 'Partijen verschillen van mening over de huurlasten.';
      const note = 'Vertrouwelijk gesprek met Horizon over hun kostprijs.';
      const report = 'Na twee gesprekken is geen consensus bereikt over de huurlasten.';
      const ruling = { text: 'De huurlasten worden in 2027 voor de helft vergoed.', rationale: 'Binnen het budget.' };
      const deliberation = [objection, remark, reason, note, report, ruling.text, ruling.rationale];

      // An open round: the council member sees that it runs, not who said what.
      const opened = await as(MUNICIPALITIES[0]!).post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      expect(opened.status).toBe(201);
      const roundId = opened.body.round.id;
      const path = `/api/rounds/${roundId}/positions`;
      expect((await as(PROVIDERS[0]!).post(path, { kind: 'object', text: objection })).status).toBe(201);
      expect((await as(PROVIDERS[1]!).post(path, { kind: 'consent_with_remarks', text: remark })).status).toBe(201);
      const during = await view(COUNCIL);
      expect(during.consensus.round).toMatchObject({ id: roundId, closedAt: null, positions: [], statements: [] });
      expect(during.consensus.organizations.every((o) => o.position === null)).toBe(true);
      expect(during.history.rounds).toEqual([expect.objectContaining({ positions: [], statements: [] })]);
      expect(during.history.events.map((e) => e.kind)).not.toContain('position.stated');
      for (const text of [objection, remark]) expect(JSON.stringify(during)).not.toContain(text);
      // The table sees them.
      expect(JSON.stringify((await view(MUNICIPALITIES[1]!)).consensus)).toContain(objection);

      // The round closes objected; escalation, a mediation step, a referral and a draft ruling follow.
      for (const email of [...MUNICIPALITIES, ...PROVIDERS.slice(2)]) {
        expect((await as(email).post(path, { kind: 'consent' })).status).toBe(201);
      }
      const escalated = await as(PROVIDERS[0]!).post<SectionConsensus>(`/api/sections/${sectionId}/escalations`, {
        reason,
      });
      expect(escalated.status).toBe(201);
      const escalationId = escalated.body.escalation!.id;
      const step = { occurredOn: '2026-03-03', kind: 'call', note };
      expect((await as(CHAIR).post(`/api/escalations/${escalationId}/steps`, step)).status).toBe(201);
      expect((await as(CHAIR).post(`/api/escalations/${escalationId}/referral`, { report })).status).toBe(200);
      const drafted = await as(MUNICIPALITIES[0]!).post<SectionConsensus>(`/api/sections/${sectionId}/rulings`, ruling);
      expect(drafted.status).toBe(201);
      const rulingId = drafted.body.ruling!.id;

      // Undecided: who objected and where the section stands, nothing of the deliberation's content.
      const undecided = await view(COUNCIL);
      expect(undecided.consensus).toMatchObject({ state: 'referred', ruling: null });
      expect(undecided.consensus.round).toMatchObject({ id: roundId, outcome: 'objected' });
      expect(undecided.consensus.round!.positions.find((p) => p.organization.name === 'Horizon Jeugd')).toMatchObject({
        kind: 'object',
      });
      expect(undecided.consensus.round!.positions.every((p) => p.text === undefined)).toBe(true);
      expect(undecided.consensus.escalation).toMatchObject({ id: escalationId, referredAt: expect.any(String) });
      expect(undecided.consensus.escalation!.reason).toBeUndefined();
      expect(undecided.history.escalations[0]!.steps).toEqual([expect.objectContaining({ kind: 'call' })]);
      expect(undecided.history.rulings).toEqual([]);
      for (const text of deliberation) expect(JSON.stringify(undecided)).not.toContain(text);
      const observed = {
        ...(await view(OBSERVER)),
        audit: (await as(OBSERVER).get<AuditResponse>(`/api/tables/${tableId}/audit?limit=200`)).body,
      };
      expect(observed.audit.events.map((e) => e.kind)).toEqual(
        expect.arrayContaining(['section.escalated', 'mediation.step', 'section.referred', 'ruling.drafted']),
      );
      for (const text of deliberation) expect(JSON.stringify(observed)).not.toContain(text);
      // The table reads all of it, in the history and the audit trail.
      const table = JSON.stringify(await view(MUNICIPALITIES[1]!));
      for (const text of deliberation) expect(table).toContain(text);

      // Every municipality endorses: the ruling takes effect.
      for (const email of MUNICIPALITIES) {
        expect((await as(email).post(`/api/rulings/${rulingId}/endorsements`)).status).toBe(201);
      }
      const decided = await view(COUNCIL);
      expect(decided.consensus).toMatchObject({
        state: 'ruled',
        ruling: { id: rulingId, text: ruling.text, rationale: ruling.rationale, effectiveAt: expect.any(String) },
      });
      expect(decided.consensus.minorityPositions).toEqual([
        expect.objectContaining({ organization: expect.objectContaining({ name: 'Horizon Jeugd' }), text: objection }),
      ]);
      expect(decided.history.rulings.map((r) => r.id)).toEqual([rulingId]);
      expect(decided.history.rounds[0]!.positions.find((p) => p.kind === 'consent_with_remarks')!.text).toBe(remark);
      // The chair's working papers stay with the table.
      for (const text of [reason, note, report]) expect(JSON.stringify(decided)).not.toContain(text);
      // Nor can the council member read them from the table's audit trail.
      expect((await as(COUNCIL).get<AuditResponse>(`/api/tables/${tableId}/audit`)).status).toBe(403);
    });
  });
}
