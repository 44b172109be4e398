import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBackends, type TestDatabase } from '../support/databases.ts';

/** The throwaway PostgreSQL of the global setup answers, and each suite gets a database of its own in it. */
for (const backend of databaseBackends()) {
  describe.runIf(backend.name === 'postgres')(`test database on ${backend.name}`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await backend.create();
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('accepts connections and reports its version', async () => {
      expect(database.databaseUrl).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/tafelwerk_test_[0-9a-f]{32}$/);
      const sql = postgres(database.databaseUrl!, { max: 1, onnotice: () => undefined });
      try {
        const [row] = await sql<{ version: string; database: string }[]>`
          select version() as version, current_database() as database`;
        expect(row?.version).toMatch(/^PostgreSQL (1[5-9]|[2-9]\d)\./);
        expect(database.databaseUrl).toContain(`/${row?.database}`);
      } finally {
        await sql.end();
      }
    });
  });
}
