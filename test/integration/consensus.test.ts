import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AuditResponse,
  EscalationInbox,
  NotificationsResponse,
  OpenedRound,
  SectionConsensus,
  SectionContent,
  SectionDetail,
  SectionHistory,
  SectionsResponse,
  TablesResponse,
  VersionDiff,
} from '../../shared/api.ts';
import type { ErrorBody } from '../../shared/errors.ts';
import { Client } from '../support/app-server.ts';
import { appendParagraph, connectProvider, synced, waitFor } from '../support/collab-client.ts';
import { deployments, type Deployment } from '../support/deployments.ts';

const MUNICIPALITIES = ['alkmaar', 'bergen', 'castricum', 'dijkenwaard', 'heiloo', 'uitgeest'].map(
  (m) => `beleid@${m}.demo`,
);
const PROVIDERS = ['horizon-jeugd', 'gezinshuis-noord', 'kompas-ggz', 'de-brug-lvb'].map((p) => `bestuur@${p}.demo`);

for (const kind of deployments()) {
  describe(`consensus on a section, ${kind.name}`, () => {
    let server: Deployment;
    let tableId: string;
    let sections: Map<string, string>;
    const people = new Map<string, Client>();
    const as = (email: string) => people.get(email)!;
    const alkmaar = () => as('beleid@alkmaar.demo');
    const horizon = () => as('bestuur@horizon-jeugd.demo');
    const chair = () => as('voorzitter@regio-alkmaar.demo');
    const secretariat = () => as('secretariaat@regio-alkmaar.demo');
    const council = () => as('raadslid@alkmaar.demo');

    const consensus = async (sectionId: string) =>
      (await alkmaar().get<SectionConsensus>(`/api/sections/${sectionId}/consensus`)).body;
    const state = async (sectionId: string) => (await consensus(sectionId)).state;
    async function positions(roundId: string, emails: string[], kind = 'consent') {
      for (const email of emails) {
        const reply = await as(email).post(`/api/rounds/${roundId}/positions`, { kind });
        expect(reply.status, `${email}: ${JSON.stringify(reply.body)}`).toBe(201);
      }
    }

    beforeAll(async () => {
      // Monday 2 March 2026, 10:00 in Amsterdam.
      server = await kind.start({ startsAt: new Date('2026-03-02T09:00:00Z'), devRoutes: true });
      for (const email of [
        ...MUNICIPALITIES,
        ...PROVIDERS,
        'voorzitter@regio-alkmaar.demo',
        'secretariaat@regio-alkmaar.demo',
        'raadslid@alkmaar.demo',
      ]) {
        people.set(email, await new Client(server.url).login(email));
      }
      tableId = (await alkmaar().get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const list = (await alkmaar().get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      sections = new Map(list.map((s) => [s.title, s.id]));
    });
    afterAll(async () => {
      await server?.close();
    });

    it('runs objection → escalation → mediation proposal → consent → agreed', async () => {
      const sectionId = sections.get('Afbouw verblijf en opbouw ambulant')!;
      expect((await secretariat().post(`/api/sections/${sectionId}/rounds`)).status).toBe(403);
      expect((await council().post(`/api/sections/${sectionId}/rounds`)).status).toBe(403);

      const opened = await alkmaar().post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      expect(opened.status).toBe(201);
      expect(opened.body.version.number).toBe(1);
      // Ten working days after Monday 2 March 2026: Monday 16 March, end of day in Amsterdam.
      expect(opened.body.round.deadline).toBe('2026-03-16T22:59:59.999Z');
      const roundId = opened.body.round.id;
      const detail = await horizon().get<SectionDetail>(`/api/sections/${sectionId}`);
      expect(detail.body).toMatchObject({ state: 'in_consultation', locked: true, canEdit: false });
      const again = await alkmaar().post<ErrorBody>(`/api/sections/${sectionId}/rounds`);
      expect(again.status).toBe(409);
      expect(again.body.error.details).toEqual({ state: 'in_consultation' });

      // Bad positions, and positions from those who have none to state.
      const path = `/api/rounds/${roundId}/positions`;
      expect((await horizon().post<ErrorBody>(path, { kind: 'object' })).status).toBe(400);
      expect((await horizon().post(path, { kind: 'object', text: '   ' })).status).toBe(400);
      expect((await horizon().post(path, { kind: 'veto', text: 'x' })).status).toBe(400);
      expect((await chair().post(path, { kind: 'consent' })).status).toBe(403);
      expect((await council().post(path, { kind: 'consent' })).status).toBe(403);
      expect((await secretariat().post(path, { kind: 'consent' })).status).toBe(403);

      // Horizon first consents with a remark, then objects: the last one counts, both are on record.
      const remark = { kind: 'consent_with_remarks', text: 'Let op de wachttijden in de overgangsfase.' };
      expect((await horizon().post(path, remark)).status).toBe(201);
      const objection = 'De afbouw van 30 bedden in 2027 is niet haalbaar zonder extra ambulante capaciteit.';
      const objected = await horizon().post<SectionConsensus>(path, { kind: 'object', text: objection });
      expect(objected.status).toBe(201);
      const horizonRow = objected.body.organizations.find((o) => o.name === 'Horizon Jeugd')!;
      expect(horizonRow.position).toMatchObject({ kind: 'object', text: objection, versionNumber: 1, stale: false });
      expect(objected.body.round!.statements.filter((s) => s.organization.name === 'Horizon Jeugd')).toHaveLength(2);
      expect(objected.body.state).toBe('in_consultation');

      await positions(roundId, [...MUNICIPALITIES, ...PROVIDERS.slice(1, 3)]);
      expect(await state(sectionId)).toBe('in_consultation');
      await positions(roundId, [PROVIDERS[3]!], 'abstain');
      // Everyone responded, one objected: the round closed by itself.
      const closed = await consensus(sectionId);
      expect(closed.state).toBe('objected');
      expect(closed.round).toMatchObject({ outcome: 'objected', closedAt: expect.any(String) });
      expect((await horizon().post<ErrorBody>(path, { kind: 'consent' })).status).toBe(409);
      expect((await alkmaar().get<SectionDetail>(`/api/sections/${sectionId}`)).body.locked).toBe(true);

      // Escalation to the chair.
      expect((await council().post(`/api/sections/${sectionId}/escalations`, { reason: 'x' })).status).toBe(403);
      expect((await horizon().post(`/api/sections/${sectionId}/escalations`, { reason: '' })).status).toBe(400);
      const escalated = await horizon().post<SectionConsensus>(`/api/sections/${sectionId}/escalations`, {
        reason: 'Wij vragen de voorzitter te bemiddelen over het tempo van de afbouw.',
      });
      expect(escalated.status).toBe(201);
      expect(escalated.body.state).toBe('escalated');
      const escalationId = escalated.body.escalation!.id;
      expect((await horizon().post(`/api/sections/${sectionId}/escalations`, { reason: 'nog eens' })).status).toBe(409);

      const inbox = await chair().get<EscalationInbox>(`/api/tables/${tableId}/escalations`);
      expect(inbox.body.escalations.map((e) => e.section.id)).toEqual([sectionId]);
      expect((await horizon().get(`/api/tables/${tableId}/escalations`)).status).toBe(403);
      const bell = await chair().get<NotificationsResponse>('/api/notifications');
      expect(bell.body.unread).toBeGreaterThan(0);
      expect(bell.body.notifications.map((n) => n.kind)).toContain('escalated');

      // Mediation: a step, then a compromise text that becomes version 2 in a new round.
      const step = { occurredOn: '2026-03-20', kind: 'meeting', note: 'Overleg met Horizon en Alkmaar.' };
      expect((await horizon().post(`/api/escalations/${escalationId}/steps`, step)).status).toBe(403);
      expect((await chair().post(`/api/escalations/${escalationId}/steps`, { ...step, kind: 'lunch' })).status).toBe(
        400,
      );
      expect(
        (await chair().post(`/api/escalations/${escalationId}/steps`, { ...step, occurredOn: '20-03-2026' })).status,
      ).toBe(400);
      expect((await chair().post(`/api/escalations/${escalationId}/steps`, step)).status).toBe(201);
      const compromise =
        'De afbouw van verblijf verloopt in twee stappen.\n\n- 15 bedden in 2027\n- 15 bedden in 2028, na evaluatie';
      expect((await alkmaar().post(`/api/escalations/${escalationId}/proposal`, { text: compromise })).status).toBe(
        403,
      );
      const proposal = await chair().post<OpenedRound>(`/api/escalations/${escalationId}/proposal`, {
        text: compromise,
      });
      expect(proposal.status).toBe(201);
      expect(proposal.body.version.number).toBe(2);
      const proposed = await consensus(sectionId);
      expect(proposed.state).toBe('mediation_proposal');
      // Alkmaar consented to version 1: that consent is stale now.
      expect(proposed.organizations.find((o) => o.name === 'Gemeente Alkmaar')!.position).toMatchObject({
        versionNumber: 1,
        stale: true,
      });
      const content = await alkmaar().get<SectionContent>(`/api/sections/${sectionId}/content`);
      expect(content.body.text).toContain('15 bedden in 2028, na evaluatie');
      expect(content.body.html).toContain('<li><p>15 bedden in 2027</p></li>');

      await positions(proposal.body.round.id, [...MUNICIPALITIES, ...PROVIDERS]);
      const agreed = await consensus(sectionId);
      expect(agreed.state).toBe('agreed');
      expect(agreed.escalation!.closedAt).not.toBeNull();
      expect(agreed.actions).toContain('revise');

      const history = (await council().get<SectionHistory>(`/api/sections/${sectionId}/history`)).body;
      expect(history.versions.map((v) => [v.number, v.origin])).toEqual([
        [1, 'round'],
        [2, 'mediation_proposal'],
      ]);
      expect(history.versions[0]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
      expect(history.rounds.map((r) => [r.kind, r.outcome])).toEqual([
        ['consent', 'objected'],
        ['mediation_proposal', 'agreed'],
      ]);
      expect(history.escalations[0]!.steps).toHaveLength(1);
      expect(history.events.map((e) => e.kind)).toEqual(
        expect.arrayContaining([
          'round.opened',
          'position.stated',
          'round.closed',
          'section.escalated',
          'mediation.step',
          'mediation.proposal',
        ]),
      );
      // Both documents as ProseMirror JSON (the rich diff itself is computed in the browser).
      const diff = await council().get<VersionDiff>(`/api/sections/${sectionId}/diff?from=1&to=2`);
      expect([diff.body.from.version, diff.body.to.version]).toEqual([1, 2]);
      expect(JSON.stringify(diff.body.to.doc)).toContain('stappen');
      expect(JSON.stringify(diff.body.from.doc)).not.toContain('stappen');
      expect((await council().get(`/api/sections/${sectionId}/diff?from=1&to=9`)).status).toBe(404);
      expect((await council().get(`/api/sections/${sectionId}/diff?from=x&to=2`)).status).toBe(400);
      expect((await council().get(`/api/sections/${sectionId}/versions/2`)).status).toBe(200);

      // A revision reopens the adopted text for editing.
      const revised = await alkmaar().post<SectionConsensus>(`/api/sections/${sectionId}/revisions`);
      expect(revised.body.state).toBe('draft');
      expect((await alkmaar().get<SectionDetail>(`/api/sections/${sectionId}`)).body).toMatchObject({
        locked: false,
        canEdit: true,
      });
    });

    it('runs objection → referral → a ruling endorsed by every municipality', async () => {
      const sectionId = sections.get('Financiën en tarieven')!;
      const opened = await as('bestuur@kompas-ggz.demo').post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      expect(opened.status).toBe(201);
      const roundId = opened.body.round.id;
      await horizon().post(`/api/rounds/${roundId}/positions`, {
        kind: 'object',
        text: 'Het tarief dekt de kosten niet.',
      });
      await positions(roundId, [...MUNICIPALITIES, ...PROVIDERS.slice(1)]);
      expect(await state(sectionId)).toBe('objected');
      // The chair may escalate too.
      const escalated = await chair().post<SectionConsensus>(`/api/sections/${sectionId}/escalations`, {
        reason: 'Partijen komen er samen niet uit.',
      });
      const escalationId = escalated.body.escalation!.id;
      expect((await chair().post(`/api/escalations/${escalationId}/referral`, { report: '' })).status).toBe(400);
      const referred = await chair().post<SectionConsensus>(`/api/escalations/${escalationId}/referral`, {
        report: 'Na twee gesprekken is geen consensus bereikt over de tariefhoogte.',
      });
      expect(referred.status).toBe(200);
      expect(referred.body.state).toBe('referred');

      const ruling = {
        text: 'Het tarief voor ambulante hulp stijgt in 2027 met 3 %.',
        rationale: 'Binnen het budget.',
      };
      expect((await horizon().post(`/api/sections/${sectionId}/rulings`, ruling)).status).toBe(403);
      expect((await chair().post(`/api/sections/${sectionId}/rulings`, ruling)).status).toBe(403);
      expect((await alkmaar().post(`/api/sections/${sectionId}/rulings`, { ...ruling, rationale: '' })).status).toBe(
        400,
      );
      const drafted = await alkmaar().post<SectionConsensus>(`/api/sections/${sectionId}/rulings`, ruling);
      expect(drafted.status).toBe(201);
      const rulingId = drafted.body.ruling!.id;
      expect(drafted.body.ruling!.awaiting).toHaveLength(6);
      expect(drafted.body.actions).toContain('endorse_ruling');
      expect(
        (await horizon().get<SectionConsensus>(`/api/sections/${sectionId}/consensus`)).body.actions,
      ).not.toContain('endorse_ruling');

      const endorse = (email: string) => as(email).post<SectionConsensus>(`/api/rulings/${rulingId}/endorsements`);
      expect((await endorse('bestuur@horizon-jeugd.demo')).status).toBe(403);
      expect((await endorse('voorzitter@regio-alkmaar.demo')).status).toBe(403);
      for (const email of MUNICIPALITIES.slice(0, 5)) expect((await endorse(email)).status).toBe(201);
      expect((await endorse(MUNICIPALITIES[0]!)).status).toBe(409);
      expect(await state(sectionId)).toBe('referred');
      const ruled = await endorse(MUNICIPALITIES[5]!);
      expect(ruled.body.state).toBe('ruled');
      expect(ruled.body.ruling).toMatchObject({ effectiveAt: expect.any(String), versionNumber: 2, awaiting: [] });
      // The objection stays visible as a minority position.
      expect(ruled.body.minorityPositions.map((p) => p.organization.name)).toEqual(['Horizon Jeugd']);
      const content = await council().get<SectionContent>(`/api/sections/${sectionId}/content`);
      expect(content.body.text).toBe(ruling.text);
      expect((await endorse(MUNICIPALITIES[5]!)).status).toBe(409);
      const audit = (await secretariat().get<AuditResponse>(`/api/tables/${tableId}/audit?limit=5`)).body.events;
      expect(audit[0]).toMatchObject({ kind: 'ruling.effective', subject: { id: sectionId } });
    });

    it('closes a round at its deadline: without every response (and silence not counting) there is no consensus', async () => {
      const sectionId = sections.get('Vastgoed')!;
      const opened = await alkmaar().post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      await positions(opened.body.round.id, MUNICIPALITIES);
      // A section in consultation cannot be archived meanwhile.
      const archive = await secretariat().request<ErrorBody>('PATCH', `/api/tables/${tableId}/sections/${sectionId}`, {
        archived: true,
      });
      expect(archive.status).toBe(409);
      expect(archive.body.error.details).toEqual({ state: 'in_consultation' });
      // The opener withdraws only their own round; another delegate cannot.
      expect((await horizon().post(`/api/rounds/${opened.body.round.id}/withdraw`)).status).toBe(403);

      // Two working days before the deadline, those who have not responded are reminded.
      const [round] = await server.query<{ remind_at: Date }>('select remind_at from rounds where id = $1', [
        opened.body.round.id,
      ]);
      // Only the demo region's secretariat may move the clock.
      const reminded = await secretariat().post<{ closed: number; reminded: number }>('/api/dev/clock', {
        now: new Date(round!.remind_at.getTime() + 60_000).toISOString(),
      });
      expect(reminded.body).toMatchObject({ closed: 0, reminded: 1 });
      const reminders = async (client: Client) =>
        (await client.get<NotificationsResponse>('/api/notifications')).body.notifications.filter(
          (n) => n.kind === 'round_reminder' && n.sectionId === sectionId,
        );
      expect(await reminders(horizon())).toHaveLength(1);
      expect(await reminders(alkmaar())).toHaveLength(0);
      expect(
        (
          await secretariat().post<{ reminded: number }>('/api/dev/clock', {
            now: new Date(round!.remind_at.getTime() + 120_000).toISOString(),
          })
        ).body.reminded,
      ).toBe(0);

      const moved = await secretariat().post<{ closed: number }>('/api/dev/clock', {
        now: new Date(new Date(opened.body.round.deadline).getTime() + 60_000).toISOString(),
      });
      expect(moved.status).toBe(200);
      expect(moved.body.closed).toBe(1);
      const after = await consensus(sectionId);
      expect(after.state).toBe('objected');
      expect(after.round!.outcome).toBe('not_all_responded');
      expect((await secretariat().post('/api/dev/clock', { now: 'tomorrow' })).status).toBe(400);
      // Back to draft by revising; then a round can be withdrawn by the chair.
      await alkmaar().post(`/api/sections/${sectionId}/revisions`);
      const next = await alkmaar().post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      expect(next.body.version.number).toBe(2);
      const withdrawn = await chair().post<SectionConsensus>(`/api/rounds/${next.body.round.id}/withdraw`);
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.state).toBe('draft');
      expect(withdrawn.body.round!.outcome).toBe('withdrawn');
    });

    it('freezes what was typed up to the round, then refuses writes over the socket; a compromise arrives live', async () => {
      const sectionId = sections.get('Randvoorwaarden')!;
      const writer = connectProvider(server.url, `section:${sectionId}`, horizon().cookieHeader);
      const reader = connectProvider(server.url, `section:${sectionId}`, council().cookieHeader);
      try {
        await Promise.all([synced(writer.provider), synced(reader.provider)]);
        appendParagraph(writer.doc, 'Net voor de ronde getypt.');
        // No wait for the batch window: the room has it once a peer does, and opening the round stores it.
        await waitFor(() => reader.text().includes('Net voor'), 5_000, 'the peer has it');
        const opened = await alkmaar().post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
        const version = await council().get<{ text: string }>(
          `/api/sections/${sectionId}/versions/${opened.body.version.number}`,
        );
        expect(version.body.text).toContain('Net voor de ronde getypt.');

        appendParagraph(writer.doc, 'Tijdens de ronde getypt.');
        await new Promise((resolve) => setTimeout(resolve, 300));
        const during = await council().get<SectionContent>(`/api/sections/${sectionId}/content`);
        expect(during.body.text).not.toContain('Tijdens de ronde');

        // Objection, escalation and a compromise: the connected editor receives the new text live.
        await horizon().post(`/api/rounds/${opened.body.round.id}/positions`, { kind: 'object', text: 'Onvolledig.' });
        await positions(opened.body.round.id, [...MUNICIPALITIES, ...PROVIDERS.slice(1)]);
        const escalated = await horizon().post<SectionConsensus>(`/api/sections/${sectionId}/escalations`, {
          reason: 'Graag bemiddeling.',
        });
        await chair().post(`/api/escalations/${escalated.body.escalation!.id}/proposal`, {
          text: '# Randvoorwaarden\n\nDe compromistekst van de voorzitter.',
        });
        await waitFor(() => writer.text().includes('De compromistekst van de voorzitter.'), 5000, 'live compromise');
        expect(writer.text()).not.toContain('Net voor de ronde getypt.');
      } finally {
        writer.provider.destroy();
        reader.provider.destroy();
      }
    });
  });
}
