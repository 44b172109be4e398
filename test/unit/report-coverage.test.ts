import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { loadDemoData } from '../../server/demo/load-demo.ts';
import { generateReport } from '../../server/reports/generate.ts';
import { reportPeriod } from '../../server/reports/period.ts';
import { readMigrations } from '../../server/runtime/node-deps.ts';
import { openPglite } from '../../server/runtime/pglite.ts';

/**
 * What a report cannot reconstruct, it says: links between sections and goals from before their history
 * was kept (the backfill of migration 0008), and sections made after the period.
 */
describe('what a report says it could not reconstruct', () => {
  let db: Db;
  let tableId: string;
  const now = new Date('2026-12-02T10:00:00Z');

  beforeAll(async () => {
    db = await openPglite();
    await migrate(db, await readMigrations());
    const passwords = { hash: async () => 'not a hash', verify: async () => false };
    await loadDemoData(db, passwords, new Date('2026-03-02T09:00:00Z'));
    tableId = (await db.query<{ id: string }>('select id from tables limit 1'))[0]!.id;
    // As if the links existed before migration 0008 and were backfilled on 1 September 2026.
    await db.query(`update section_goal_history set backfilled = true, linked_at = '2026-09-01T08:00:00Z'`);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  it('shows the current links, and says so, for a period that ended before the backfill', async () => {
    const report = await generateReport(db, { tableId, period: reportPeriod('progress', '2026-H1')!, now });
    const current = await db.query<{ section_id: string; goal_id: string }>(
      'select section_id, goal_id from section_goals',
    );
    expect(report.coverage.reconstructed).toBe(false);
    expect(report.coverage.links).toHaveLength(current.length);
    expect(report.limitations[0]).toBe(
      'De koppelingen tussen secties en doelen worden pas sinds 1 september 2026 bijgehouden; de matrix toont de huidige koppelingen.',
    );
  });

  it('reconstructs the links for a period that ends after it', async () => {
    const report = await generateReport(db, { tableId, period: reportPeriod('progress', '2026-H2')!, now });
    expect(report.coverage.reconstructed).toBe(true);
    expect(report.coverage.links.length).toBeGreaterThan(0);
    expect(report.limitations).toHaveLength(1);
  });

  it('leaves out sections made after the period, and says how many', async () => {
    const report = await generateReport(db, { tableId, period: reportPeriod('evaluation', '2025')!, now });
    expect(report.sections).toEqual([]);
    expect(report.limitations).toContain(
      '9 secties zijn na 31 december 2025 aan het plan toegevoegd en staan niet in deze rapportage.',
    );
    // Figures of 2025 and before still count: measurements belong to their half year.
    const kpi = report.goals.flatMap((g) => g.kpis).find((k) => k.indicator === 'Aandeel jeugdigen met verblijf')!;
    expect(kpi.current?.period).toBe('2025-H2');
    expect(kpi.series.at(-1)?.period).toBe('2025-H2');
  });
});
