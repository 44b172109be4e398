import { sectionDocument } from '../../shared/documents.ts';
import { audit } from '../audit/audit.ts';
import type { Db } from '../db/db.ts';
import type { PasswordHasher } from '../deps.ts';
import * as Y from 'yjs';
import { buildDocument, renderDocument } from '../collab/index.ts';
import {
  DEMO_ORGANIZATIONS,
  DEMO_PASSWORD,
  DEMO_PHASES,
  DEMO_PLAN,
  DEMO_REGION,
  DEMO_SECTIONS,
  DEMO_TABLE,
  DEMO_USERS,
} from './demo-data.ts';
import { DEMO_GOALS, DEMO_MEASURED_PERIODS, DEMO_PRINCIPLES, DEMO_SECTION_LINKS } from './demo-goals.ts';

export async function hasDemoData(db: Db): Promise<boolean> {
  const rows = await db.query('select 1 from regions where name = $1', [DEMO_REGION]);
  return rows.length > 0;
}

/** Loads the demo region in one transaction; demo accounts are flagged so production can refuse them. */
export async function loadDemoData(db: Db, passwords: PasswordHasher, now: Date): Promise<void> {
  // Each account gets its own salted hash, computed before the transaction opens.
  const hashes = await Promise.all(DEMO_USERS.map(() => passwords.hash(DEMO_PASSWORD)));
  await db.transaction(async (tx) => {
    const [region] = await tx.query<{ id: string }>('insert into regions (name) values ($1) returning id', [
      DEMO_REGION,
    ]);
    const orgIds = new Map<string, string>();
    for (const org of DEMO_ORGANIZATIONS) {
      const [row] = await tx.query<{ id: string }>(
        'insert into organizations (region_id, name, kind, created_at) values ($1, $2, $3, $4) returning id',
        [region!.id, org.name, org.kind, now],
      );
      orgIds.set(org.key, row!.id);
    }
    const [table] = await tx.query<{ id: string }>(
      `insert into tables (region_id, name, description, current_phase_key, response_period_days, silence_is_consent,
                           ruling_rule, created_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning id`,
      [
        region!.id,
        DEMO_TABLE.name,
        DEMO_TABLE.description,
        DEMO_TABLE.currentPhaseKey,
        DEMO_TABLE.responsePeriodDays,
        DEMO_TABLE.silenceIsConsent,
        DEMO_TABLE.rulingRule,
        now,
      ],
    );
    const tableId = table!.id;
    for (const [position, phase] of DEMO_PHASES.entries()) {
      await tx.query(
        `insert into table_phases (table_id, position, key, name, description, starts_on, ends_on)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [tableId, position, phase.key, phase.name, phase.description, phase.startsOn, phase.endsOn],
      );
    }
    for (const org of DEMO_ORGANIZATIONS.filter((o) => o.memberOfTable)) {
      await tx.query('insert into table_members (table_id, organization_id, joined_at) values ($1, $2, $3)', [
        tableId,
        orgIds.get(org.key)!,
        now,
      ]);
    }
    const userIds = new Map<string, string>();
    for (const [index, user] of DEMO_USERS.entries()) {
      const [row] = await tx.query<{ id: string }>(
        `insert into users (email, name, organization_id, password_hash, is_demo, created_at)
         values ($1, $2, $3, $4, true, $5) returning id`,
        [user.email, user.name, orgIds.get(user.organization)!, hashes[index]!, now],
      );
      userIds.set(user.role, row!.id);
      await tx.query('insert into table_roles (table_id, user_id, role, assigned_at) values ($1, $2, $3, $4)', [
        tableId,
        row!.id,
        user.role,
        now,
      ]);
    }
    const [plan] = await tx.query<{ id: string }>(
      'insert into plans (table_id, title, period_start, period_end, created_at) values ($1, $2, $3, $4, $5) returning id',
      [tableId, DEMO_PLAN.title, DEMO_PLAN.periodStart, DEMO_PLAN.periodEnd, now],
    );
    const sectionIds = new Map<string, string>();
    for (const [position, section] of DEMO_SECTIONS.entries()) {
      const doc = new Y.Doc();
      buildDocument(doc, section.blocks);
      const { html, text } = renderDocument(doc);
      const [row] = await tx.query<{ id: string }>(
        `insert into sections (plan_id, table_id, title, position, content_html, content_text, created_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [plan!.id, tableId, section.title, position, html, text, now],
      );
      sectionIds.set(section.title, row!.id);
      await tx.query(
        'insert into doc_snapshots (doc_name, state, through_update_id, updated_at) values ($1, $2, 0, $3)',
        [sectionDocument(row!.id), Y.encodeStateAsUpdate(doc), now],
      );
      doc.destroy();
    }
    const principleIds = new Map<string, string>();
    for (const [position, principle] of DEMO_PRINCIPLES.entries()) {
      const [row] = await tx.query<{ id: string }>(
        `insert into principles (table_id, position, title, description, created_at) values ($1, $2, $3, $4, $5)
         returning id`,
        [tableId, position, principle.title, principle.description, now],
      );
      principleIds.set(principle.key, row!.id);
    }
    const goalIds = new Map<string, string>();
    const secretariat = userIds.get('secretariat')!;
    for (const [position, goal] of DEMO_GOALS.entries()) {
      const [row] = await tx.query<{ id: string }>(
        `insert into goals (table_id, position, title, description, national_goal, created_at)
         values ($1, $2, $3, $4, $5, $6) returning id`,
        [tableId, position, goal.title, goal.description, goal.nationalGoal, now],
      );
      goalIds.set(goal.key, row!.id);
      for (const key of goal.principles) {
        await tx.query('insert into goal_principles (goal_id, principle_id) values ($1, $2)', [
          row!.id,
          principleIds.get(key)!,
        ]);
      }
      for (const [kpiPosition, kpi] of goal.kpis.entries()) {
        const [kpiRow] = await tx.query<{ id: string }>(
          `insert into kpis (goal_id, table_id, position, indicator, unit, direction, baseline_year, baseline_value,
                             created_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
          [
            row!.id,
            tableId,
            kpiPosition,
            kpi.indicator,
            kpi.unit,
            kpi.direction,
            kpi.baseline.year,
            kpi.baseline.value,
            now,
          ],
        );
        for (const [year, value] of kpi.targets) {
          await tx.query('insert into kpi_targets (kpi_id, year, value) values ($1, $2, $3)', [
            kpiRow!.id,
            year,
            value,
          ]);
        }
        for (const [index, value] of kpi.measurements.entries()) {
          await tx.query(
            `insert into kpi_measurements (kpi_id, period, value, source, recorded_by, recorded_at)
             values ($1, $2, $3, $4, $5, $6)`,
            [kpiRow!.id, DEMO_MEASURED_PERIODS[index]!, value, kpi.source, secretariat, now],
          );
        }
      }
    }
    for (const [title, links] of Object.entries(DEMO_SECTION_LINKS)) {
      const sectionId = sectionIds.get(title)!;
      for (const key of links.goals) {
        await tx.query('insert into section_goals (section_id, goal_id) values ($1, $2)', [
          sectionId,
          goalIds.get(key)!,
        ]);
        // The links' history (migration 0008): made now, as the sections are.
        await tx.query('insert into section_goal_history (section_id, goal_id, linked_at) values ($1, $2, $3)', [
          sectionId,
          goalIds.get(key)!,
          now,
        ]);
      }
      for (const key of links.drafters) {
        await tx.query('insert into section_drafters (section_id, organization_id) values ($1, $2)', [
          sectionId,
          orgIds.get(key)!,
        ]);
      }
    }
    await audit(
      tx,
      { userId: null, tableId, now },
      'table.created',
      { type: 'table', id: tableId },
      { tableName: DEMO_TABLE.name, source: 'demo' },
    );
  });
}
