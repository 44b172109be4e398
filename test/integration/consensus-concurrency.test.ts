import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedRound, SectionHistory, SectionsResponse, TablesResponse } from '../../shared/api.ts';
import { argon2Passwords } from '../../server/runtime/node-deps.ts';
import { Client } from '../support/app-server.ts';
import { deployments, type Deployment } from '../support/deployments.ts';

/** Positions stated at the same moment: the round's row lock and a partial unique index keep one per organization. */
for (const kind of deployments()) {
  describe(`concurrent positions, ${kind.name}`, () => {
    let server: Deployment;
    let tableId: string;
    let sectionId0: string;
    let alkmaar: Client;
    let horizon: Client;

    beforeAll(async () => {
      server = await kind.start();
      alkmaar = await new Client(server.url).login('beleid@alkmaar.demo');
      horizon = await new Client(server.url).login('bestuur@horizon-jeugd.demo');
      tableId = (await alkmaar.get<TablesResponse>('/api/tables')).body.tables[0]!.id;
      const list = (await alkmaar.get<SectionsResponse>(`/api/tables/${tableId}/sections`)).body.sections;
      sectionId0 = list.find((s) => s.title === 'Planning')!.id;
    });
    afterAll(async () => {
      await server?.close();
    });

    it('keeps one position per organization when two of its delegates state at the same moment', async () => {
      const [alkmaarOrg] = await server.query<{ id: string }>(
        "select id from organizations where name = 'Gemeente Alkmaar'",
      );
      const [second] = await server.query<{ id: string }>(
        `insert into users (email, name, organization_id, password_hash, is_demo, created_at)
         values ('wethouder@alkmaar.demo', 'Wethouder Alkmaar', $1, $2, true, now()) returning id`,
        [alkmaarOrg!.id, await argon2Passwords.hash('demo-tafelwerk')],
      );
      await server.query(
        "insert into table_roles (table_id, user_id, role, assigned_at) values ($1, $2, 'municipality_delegate', now())",
        [tableId, second!.id],
      );
      const wethouder = await new Client(server.url).login('wethouder@alkmaar.demo');
      const sectionId = sectionId0;
      const opened = await alkmaar.post<OpenedRound>(`/api/sections/${sectionId}/rounds`);
      const path = `/api/rounds/${opened.body.round.id}/positions`;
      const replies = await Promise.all([
        alkmaar.post(path, { kind: 'consent' }),
        wethouder.post(path, { kind: 'object', text: 'Planning is te krap.' }),
        alkmaar.post(path, { kind: 'abstain' }),
      ]);
      expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);
      const rows = await server.query<{ n: number }>(
        `select count(*)::integer as n from positions p join organizations o on o.id = p.organization_id
          where p.round_id = $1 and o.name = 'Gemeente Alkmaar' and p.superseded_at is null`,
        [opened.body.round.id],
      );
      expect(rows[0]!.n).toBe(1);
      const history = await horizon.get<SectionHistory>(`/api/sections/${sectionId}/history`);
      expect(
        history.body.rounds.at(-1)!.statements.filter((s) => s.organization.name === 'Gemeente Alkmaar'),
      ).toHaveLength(3);
    });
  });
}
