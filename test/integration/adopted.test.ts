import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AdoptedPlan,
  OpenedRound,
  SectionAdopted,
  SectionConsensus,
  SectionsResponse,
  TablesResponse,
  VersionDetail,
} from '../../shared/api.ts';
import { Client } from '../support/app-server.ts';
import { appendParagraph, connectProvider, synced, waitFor } from '../support/collab-client.ts';
import { deployments, type Deployment } from '../support/deployments.ts';
import { MUNICIPALITIES, PROVIDERS } from '../support/demo-people.ts';
import { replyValidator } from '../support/openapi-schemas.ts';
import { readPdf } from '../support/poppler.ts';

/** Checks a reply against its component schema in the served OpenAPI document (unknown fields fail too). */
async function schemaErrors(baseUrl: string, schema: string, body: unknown): Promise<string[]> {
  return (await replyValidator(baseUrl))(schema, body);
}

/** The text of a PDF as poppler's pdftotext reads it (what a screen reader or a search finds in it). */
async function pdfText(bytes: Uint8Array): Promise<string> {
  return (await readPdf(bytes)).text;
}

for (const kind of deployments()) {
  describe(`the adopted text, ${kind.name}`, () => {
    let server: Deployment;
    let tableId: string;
    let planId: string;
    let sections: Map<string, string>;
    const people = new Map<string, Client>();
    const as = (email: string) => people.get(email)!;
    const alkmaar = () => as('beleid@alkmaar.demo');
    const horizon = () => as('bestuur@horizon-jeugd.demo');
    const chair = () => as('voorzitter@regio-alkmaar.demo');
    const council = () => as('raadslid@alkmaar.demo');

    const adoptedOf = async (sectionId: string, viewer = alkmaar()) => {
      const reply = await viewer.get<SectionAdopted>(`/api/sections/${sectionId}/adopted`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body;
    };
    const plan = async (viewer = council()) => {
      const reply = await viewer.get<AdoptedPlan>(`/api/plans/${planId}/adopted`);
      expect(reply.status, JSON.stringify(reply.body)).toBe(200);
      return reply.body;
    };
    const state = async (sectionId: string) =>
      (await alkmaar().get<SectionConsensus>(`/api/sections/${sectionId}/consensus`)).body;
    async function positions(roundId: string, emails: string[], kind = 'consent') {
      for (const email of emails) {
        const reply = await as(email).post(`/api/rounds/${roundId}/positions`, { kind });
        expect(reply.status, `${email}: ${JSON.stringify(reply.body)}`).toBe(201);
      }
    }
    /** Opens a round on the section and has every member organization consent: the version is agreed. */
    async function agree(sectionId: string): Promise<number> {
      const opened = await alkmaar().post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      await positions(opened.body.round.id, [...MUNICIPALITIES, ...PROVIDERS]);
      expect((await state(sectionId)).state).toBe('agreed');
      return opened.body.version.number;
    }

    beforeAll(async () => {
      server = await kind.start({ startsAt: new Date('2026-03-02T09:00:00Z') });
      for (const email of [...MUNICIPALITIES, ...PROVIDERS, 'voorzitter@regio-alkmaar.demo', 'raadslid@alkmaar.demo']) {
        people.set(email, await new Client(server.url).login(email));
      }
      tableId = (await alkmaar().get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const list = (await alkmaar().get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      sections = new Map(list.map((s) => [s.title, s.id]));
      planId = list[0]!.plan.id;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('The adopted text survives opening a revision', async () => {
      const sectionId = sections.get('Doelen en ambitie')!;
      expect(await adoptedOf(sectionId)).toEqual({ sectionId, adopted: null, draftDiffers: false });

      const first = await agree(sectionId);
      const version1 = (await alkmaar().get<VersionDetail>(`/api/sections/${sectionId}/versions/${first}`)).body;
      const agreedAt = (await state(sectionId)).round!.closedAt;
      const adopted = await adoptedOf(sectionId);
      expect(adopted).toMatchObject({
        adopted: {
          versionNumber: first,
          way: 'consensus',
          adoptedAt: agreedAt,
          text: version1.text,
          html: version1.html,
        },
        draftDiffers: false,
      });
      expect(adopted.adopted!.minorityPositions).toEqual([]);
      expect(adopted.adopted!.ruling).toBeUndefined();

      // Opening a revision reopens the draft; the adopted text stands.
      expect((await alkmaar().post(`/api/sections/${sectionId}/revisions`)).status).toBe(200);
      expect((await adoptedOf(sectionId)).adopted).toEqual(adopted.adopted);

      // Someone types in the draft: the adopted text is still version 1, and the draft now differs from it.
      const writer = connectProvider(server.url, `section:${sectionId}`, horizon().cookieHeader);
      try {
        await synced(writer.provider);
        appendParagraph(writer.doc, 'Een nieuwe alinea na de vaststelling.');
        await waitFor(async () => (await adoptedOf(sectionId)).draftDiffers, 10_000, 'the draft to differ');
      } finally {
        writer.provider.destroy();
      }
      const revised = await adoptedOf(sectionId);
      expect(revised.adopted).toEqual(adopted.adopted);
      expect(revised.adopted!.text).not.toContain('Een nieuwe alinea');
      const inPlan = (await plan()).sections.find((s) => s.id === sectionId)!;
      expect(inPlan).toMatchObject({ state: 'draft', draftDiffers: true, adopted: { versionNumber: first } });

      // A new round freezes version 2, but until it is agreed version 1 stays the adopted text.
      const opened = await alkmaar().post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      expect(opened.body.version.number).toBe(first + 1);
      expect((await adoptedOf(sectionId)).adopted!.versionNumber).toBe(first);
      await server.advanceClock(60 * 60 * 1000);
      await positions(opened.body.round.id, [...MUNICIPALITIES, ...PROVIDERS]);
      const moved = await adoptedOf(sectionId);
      expect(moved).toMatchObject({ adopted: { versionNumber: first + 1, way: 'consensus' }, draftDiffers: false });
      expect(moved.adopted!.text).toContain('Een nieuwe alinea na de vaststelling.');
      expect(moved.adopted!.adoptedAt > agreedAt!).toBe(true);
    });

    it('a compromise agreed after mediation is adopted "na bemiddeling"', async () => {
      const sectionId = sections.get('Vastgoed')!;
      const opened = await alkmaar().post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      await horizon().post(`/api/rounds/${opened.body.round.id}/positions`, { kind: 'object', text: 'Te vaag.' });
      await positions(opened.body.round.id, [...MUNICIPALITIES, ...PROVIDERS.slice(1)]);
      const escalated = await horizon().post<SectionConsensus>(`/api/sections/${sectionId}/escalations`, {
        reason: 'Graag bemiddeling.',
      });
      const proposal = await chair().post<OpenedRound>(`/api/escalations/${escalated.body.escalation!.id}/proposal`, {
        text: 'Het vastgoed wordt in 2027 herbestemd.',
      });
      expect(proposal.status).toBe(201);
      // Nothing adopted while the compromise is in its round.
      expect((await adoptedOf(sectionId)).adopted).toBeNull();
      await positions(proposal.body.round.id, [...MUNICIPALITIES, ...PROVIDERS]);
      expect((await adoptedOf(sectionId)).adopted).toMatchObject({
        versionNumber: proposal.body.version.number,
        way: 'mediation',
        text: 'Het vastgoed wordt in 2027 herbestemd.',
        minorityPositions: [],
      });
    });

    it('a ruling is adopted "bij uitspraak", with its rationale and the objections as minority positions', async () => {
      const sectionId = sections.get('Financiën en tarieven')!;
      const opened = await as('bestuur@kompas-ggz.demo').post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      const objection = 'Het tarief dekt de kosten niet.';
      await horizon().post(`/api/rounds/${opened.body.round.id}/positions`, { kind: 'object', text: objection });
      await positions(opened.body.round.id, [...MUNICIPALITIES, ...PROVIDERS.slice(1)]);
      const escalated = await chair().post<SectionConsensus>(`/api/sections/${sectionId}/escalations`, {
        reason: 'Partijen komen er samen niet uit.',
      });
      await chair().post(`/api/escalations/${escalated.body.escalation!.id}/referral`, { report: 'Geen consensus.' });
      const ruling = {
        text: 'Het tarief voor ambulante hulp stijgt in 2027 met 3 %.',
        rationale: 'Binnen het budget.',
      };
      const drafted = await alkmaar().post<SectionConsensus>(`/api/sections/${sectionId}/rulings`, ruling);
      for (const email of MUNICIPALITIES) {
        expect((await as(email).post(`/api/rulings/${drafted.body.ruling!.id}/endorsements`)).status).toBe(201);
      }
      const ruled = await state(sectionId);
      expect(ruled.state).toBe('ruled');
      const expected = {
        versionNumber: ruled.ruling!.versionNumber,
        adoptedAt: ruled.ruling!.effectiveAt,
        way: 'ruling',
        text: ruling.text,
        minorityPositions: [{ organization: { name: 'Horizon Jeugd' }, kind: 'object', text: objection }],
        ruling: { rationale: ruling.rationale },
      };
      // A council member reads the same: the matter is decided, so the objection's text is on record.
      expect((await adoptedOf(sectionId, council())).adopted).toMatchObject(expected);
      expect((await plan()).sections.find((s) => s.id === sectionId)!.adopted).toMatchObject(expected);
      // Reopened for revision, the ruled text stays the adopted one, minority positions and all.
      expect((await alkmaar().post(`/api/sections/${sectionId}/revisions`)).status).toBe(200);
      expect((await adoptedOf(sectionId)).adopted).toMatchObject(expected);
    });

    it('gives "Het vastgestelde plan" to council members, in plan order; nobody without a role sees it', async () => {
      const view = await plan(council());
      const list = (await alkmaar().get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      expect(view.plan).toMatchObject({ id: planId, tableId, title: list[0]!.plan.title });
      expect(view.plan.tableName).toContain('Ontwikkeltafel');
      expect(view.sections.map((s) => s.id)).toEqual(list.filter((s) => s.plan.id === planId).map((s) => s.id));
      const adoptedTitles = view.sections.filter((s) => s.adopted).map((s) => s.title);
      expect([...adoptedTitles].sort()).toEqual(['Doelen en ambitie', 'Financiën en tarieven', 'Vastgoed']);
      expect(view.sections.find((s) => s.title === 'Planning')).toMatchObject({ adopted: null, draftDiffers: false });
      expect(view.generatedAt).toBe(server.now().toISOString());
      // The replies are what the API document says (a ruling with minority positions, a null, a mediation).
      expect(await schemaErrors(server.url, 'AdoptedPlan', view)).toEqual([]);
      for (const section of view.sections) {
        expect(await schemaErrors(server.url, 'SectionAdopted', await adoptedOf(section.id, council()))).toEqual([]);
      }

      const hash = (
        await server.query<{ password_hash: string }>(
          "select password_hash from users where email = 'beleid@alkmaar.demo'",
        )
      )[0]!.password_hash;
      const [org] = await server.query<{ id: string }>("select id from organizations where name = 'Gemeente Bergen'");
      await server.query(
        "insert into users (email, name, organization_id, password_hash) values ('buiten@adopted.demo', 'Bram Buiten', $1, $2)",
        [org!.id, hash],
      );
      const outsider = await new Client(server.url).login('buiten@adopted.demo');
      const sectionId = sections.get('Doelen en ambitie')!;
      for (const path of [
        `/api/plans/${planId}/adopted`,
        `/api/plans/${planId}/adopted/pdf`,
        `/api/sections/${sectionId}/adopted`,
      ]) {
        expect((await outsider.get(path)).status, path).toBe(404);
        expect((await new Client(server.url).get(path)).status, path).toBe(401);
      }
      expect((await council().get(`/api/plans/${crypto.randomUUID()}/adopted`)).status).toBe(404);
      expect((await council().get('/api/plans/not-a-plan/adopted')).status).toBe(404);
    });

    it('renders the adopted plan as a PDF with the adopted texts', async () => {
      const response = await fetch(`${server.url}/api/plans/${planId}/adopted/pdf`, {
        headers: { cookie: council().cookieHeader! },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
      const text = (await pdfText(bytes)).replace(/\s+/g, ' ');
      expect(text).toContain('Het vastgestelde plan');
      expect(text).toContain('Het tarief voor ambulante hulp stijgt in 2027 met 3 %.');
      expect(text).toContain('bij uitspraak van de gemeenten');
      expect(text).toContain('na bemiddeling');
      expect(text).toContain('met consensus');
      expect(text).toContain('Het tarief dekt de kosten niet.');
      expect(text).toContain('Nog niet vastgesteld.');
    });
  });
}
