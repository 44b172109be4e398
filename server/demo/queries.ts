import type { Queryable } from '../db/db.ts';
import { DEMO_REGION } from './demo-data.ts';

/** Whether the person is secretariat at a table of the demo region (who may move a demo's clock). */
export async function isDemoSecretariat(db: Queryable, userId: string): Promise<boolean> {
  const rows = await db.query(
    `select 1 from table_roles tr join tables t on t.id = tr.table_id join regions r on r.id = t.region_id
      where tr.user_id = $1 and tr.role = 'secretariat' and r.name = $2 limit 1`,
    [userId, DEMO_REGION],
  );
  return rows.length > 0;
}
