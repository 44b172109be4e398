import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '../../shared/permissions.ts';
import type { Role } from '../../shared/roles.ts';
import { createApp } from '../../server/app.ts';
import { createSession } from '../../server/auth/commands.ts';
import type { Db, SqlParam } from '../../server/db/db.ts';
import { migrate } from '../../server/db/migrate.ts';
import { openPglite } from '../../server/runtime/pglite.ts';
import { loadDemoData } from '../../server/demo/load-demo.ts';
import { shiftableClock, systemClock, type AppDeps } from '../../server/deps.ts';
import { isAction, TABLE_SCOPE, type RouteDeclaration } from '../../server/http/route.ts';
import { SESSION_COOKIE } from '../../server/http/session-cookie.ts';
import { API_ROUTES, DEV_ROUTES, HEALTH_ROUTES } from '../../server/routes.ts';
import { readMigrations } from '../../server/runtime/node-deps.ts';
import { generateReport } from '../../server/reports/generate.ts';
import { reportPeriod } from '../../server/reports/period.ts';

/**
 * Every declared route × every kind of caller, in process (app.request over PGlite in memory with the
 * demo region): the status must be what the route's declared permission says. The list of routes is
 * the declarations themselves, so a new route is walked without editing this test.
 */

type Caller = Role | 'non_member' | 'anonymous';
const CALLERS: Caller[] = [
  'secretariat',
  'chair',
  'municipality_delegate',
  'provider_delegate',
  'council_member',
  'observer',
  'non_member',
  'anonymous',
];

/** Logging out ends the caller's session, so it is walked last. */
const DECLARATIONS = [...HEALTH_ROUTES, ...API_ROUTES, ...DEV_ROUTES]
  .map((r) => r.declaration)
  .sort((a, b) => Number(a.operationId === 'logOut') - Number(b.operationId === 'logOut'));

const UNKNOWN = '0b6f6c1e-59a4-4d8e-9d55-3f4f8f1f0a11';

async function one<T extends Record<string, unknown>>(db: Db, sql: string, params: SqlParam[] = []): Promise<T> {
  const [row] = await db.query<T>(sql, params);
  if (!row) throw new Error(`no row for ${sql}`);
  return row;
}

/** A section with a version, a closed round, a referred escalation and a ruling draft, for the consensus routes. */
async function deliberation(db: Db, tableId: string) {
  const section = await one<{ id: string }>(
    db,
    'select id from sections where table_id = $1 order by position limit 1',
    [tableId],
  );
  const author = await one<{ id: string }>(
    db,
    "select user_id as id from table_roles where table_id = $1 and role = 'municipality_delegate' limit 1",
    [tableId],
  );
  const now = new Date();
  // doc_state: an empty Yjs document (no structs, no deletions), which a proposal can start from.
  const version = await one<{ id: string }>(
    db,
    `insert into section_versions (section_id, number, origin, doc_state, content_html, content_text, content_hash, created_by, created_at)
     values ($1, 1, 'round', '\\x0000', '<p>x</p>', 'x', 'h', $2, $3) returning id`,
    [section.id, author.id, now],
  );
  const round = await one<{ id: string }>(
    db,
    `insert into rounds (section_id, version_id, kind, opened_by, opened_at, deadline, remind_at, closed_at, closed_by, outcome)
     values ($1, $2, 'consent', $3, $4, $4, $4, $4, $3, 'objected') returning id`,
    [section.id, version.id, author.id, now],
  );
  const escalation = await one<{ id: string }>(
    db,
    `insert into escalations (section_id, round_id, reason, escalated_by, escalated_at, referred_at, referral_report)
     values ($1, $2, 'reason', $3, $4, $4, 'report') returning id`,
    [section.id, round.id, author.id, now],
  );
  const ruling = await one<{ id: string }>(
    db,
    `insert into rulings (section_id, escalation_id, text, rationale, drafted_by, drafted_at)
     values ($1, $2, 'text', 'rationale', $3, $4) returning id`,
    [section.id, escalation.id, author.id, now],
  );
  await db.query("update sections set state = 'referred' where id = $1", [section.id]);
  const proposal = await one<{ id: string }>(
    db,
    `insert into proposals (section_id, kind, escalation_id, based_on_version_id, created_by, created_at)
     values ($1, 'ruling', $2, $3, $4, $5) returning id`,
    [section.id, escalation.id, version.id, author.id, now],
  );
  const thread = await one<{ id: string }>(
    db,
    `insert into comment_threads (section_id, anchor_start, anchor_end, quote, created_by, created_at)
     values ($1, 'AAAA', 'AAAA', 'x', $2, $3) returning id`,
    [section.id, author.id, now],
  );
  return {
    section: section.id,
    round: round.id,
    escalation: escalation.id,
    ruling: ruling.id,
    proposal: proposal.id,
    'comment thread': thread.id,
  };
}

/** A published progress report with a council question, for the report and question routes. */
async function publishedReport(db: Db, tableId: string) {
  const secretariat = await one<{ id: string }>(
    db,
    "select user_id as id from table_roles where table_id = $1 and role = 'secretariat' limit 1",
    [tableId],
  );
  const now = new Date();
  const generated = await generateReport(db, { tableId, period: reportPeriod('progress', '2026-H1')!, now });
  const report = await one<{ id: string }>(
    db,
    `insert into reports (table_id, kind, period, revision, status, created_by, created_at, published_by, published_at,
                          generated, narrative, pdf)
     values ($1, 'progress', '2026-H1', 1, 'published', $2, $3, $2, $3, $4::text::jsonb, '[]'::jsonb, '\\x25504446')
     returning id`,
    [tableId, secretariat.id, now, JSON.stringify(generated)],
  );
  const question = await one<{ id: string }>(
    db,
    `insert into report_questions (report_id, text, asked_by, asked_at) values ($1, 'Waarom?', $2, $3) returning id`,
    [report.id, secretariat.id, now],
  );
  return { report: report.id, question: question.id };
}

describe('the permission walk', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  const cookies = new Map<Caller, string>();
  /** What each scope's `:id` is in the walk, and the real ids other path parameters take. */
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await openPglite();
    await migrate(db, await readMigrations());
    const passwords = { hash: async () => 'not a hash', verify: async () => false };
    await loadDemoData(db, passwords, new Date());
    const deps: AppDeps = {
      db,
      clock: systemClock,
      sessionClock: systemClock,
      passwords,
      mail: { kind: 'outbox', deliver: async () => {} },
      config: { runtime: 'node', mode: 'test', allowDemoLogin: false, trustedOrigins: [], devRoutes: true },
      clientAddress: () => '127.0.0.1',
      devClock: shiftableClock(),
    };
    app = createApp(deps);

    const table = await one<{ id: string }>(db, 'select id from tables limit 1');
    ids.table = table.id;
    Object.assign(ids, await deliberation(db, table.id));
    ids.KPI = (await one<{ id: string }>(db, 'select id from kpis where table_id = $1 limit 1', [table.id])).id;
    ids.goalId = (await one<{ id: string }>(db, 'select id from goals where table_id = $1 limit 1', [table.id])).id;
    ids.planId = (await one<{ id: string }>(db, 'select id from plans where table_id = $1 limit 1', [table.id])).id;
    ids.sectionId = ids.section!;
    // /plans/:id/… routes (the adopted plan) name a plan.
    ids.plan = ids.planId;
    ids.kpiId = ids.KPI;
    Object.assign(ids, await publishedReport(db, table.id));
    ids.n = '1';
    ids.token = 'not-an-invitation-token';

    // One member per role (an observer is added: the demo has none), and someone of the region without a role.
    const organization = await one<{ id: string }>(db, 'select id from organizations order by name limit 1');
    for (const caller of CALLERS) {
      if (caller === 'anonymous') continue;
      let user = await db.query<{ id: string }>(
        'select user_id as id from table_roles where table_id = $1 and role = $2 limit 1',
        [table.id, caller],
      );
      if (user.length === 0) {
        user = await db.query<{ id: string }>(
          `insert into users (email, name, organization_id, password_hash, is_demo, created_at)
           values ($1, $1, $2, null, true, now()) returning id`,
          [`${caller}@walk.demo`, organization.id],
        );
        if (caller !== 'non_member') {
          await db.query('insert into table_roles (table_id, user_id, role, assigned_at) values ($1, $2, $3, now())', [
            table.id,
            user[0]!.id,
            caller,
          ]);
        }
      }
      const { token } = await createSession(db, user[0]!.id, new Date());
      cookies.set(caller, `${SESSION_COOKIE}=${token}`);
    }
    // Migrating and loading the demo region take a few seconds.
  }, 60_000);

  afterAll(async () => {
    await db?.close();
  });

  /** The path with its `:id` naming the scope's object and the other parameters real ids (or an unknown one). */
  function pathOf(declaration: RouteDeclaration): string {
    const scope = (declaration.scope ?? TABLE_SCOPE).what;
    return `/api${declaration.path}`.replace(/:([A-Za-z]+)/g, (_, name: string) =>
      name === 'id' ? (ids[scope] ?? UNKNOWN) : (ids[name] ?? UNKNOWN),
    );
  }

  it('has an object for every scope a route names', () => {
    expect(DECLARATIONS.length).toBeGreaterThan(60);
    for (const declaration of DECLARATIONS.filter((d) => isAction(d.permission))) {
      expect(ids[(declaration.scope ?? TABLE_SCOPE).what], declaration.path).toBeDefined();
    }
  });

  for (const declaration of DECLARATIONS) {
    it(`${declaration.method.toUpperCase()} ${declaration.path} (${declaration.permission})`, async () => {
      const { permission } = declaration;
      const scope = (declaration.scope ?? TABLE_SCOPE).what;
      // Statuses a finer rule of the handler gives, documented in the declaration (e.g. a wrong account).
      const documented = new Set((declaration.errors ?? []).map((e) => e.status));
      for (const caller of CALLERS) {
        const cookie = cookies.get(caller);
        const response = await app.request(pathOf(declaration), {
          method: declaration.method.toUpperCase(),
          headers: cookie ? { cookie } : {},
        });
        const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } };
        const at = `${caller}: ${response.status} ${JSON.stringify(body)}`;
        if (caller === 'anonymous' && permission !== 'public') {
          expect(response.status, at).toBe(401);
        } else if (isAction(permission) && caller === 'non_member') {
          expect(response.status, at).toBe(404);
          expect(body.error?.message, at).toBe(`${scope} not found`);
        } else if (isAction(permission) && caller !== 'anonymous' && !can(caller as Role, permission)) {
          expect(response.status, at).toBe(403);
          expect(body.error?.code, at).toBe('forbidden');
        } else {
          // Allowed: past the permission. An empty body is refused (415), and a made-up id of something
          // inside the table is not found, but never the table (or section, round…) the route is about.
          if (!documented.has(response.status)) expect([401, 403], at).not.toContain(response.status);
          if (response.status === 404 && !documented.has(404)) {
            expect(body.error?.message, at).not.toBe(`${scope} not found`);
          }
          expect(response.status < 500 || documented.has(response.status), at).toBe(true);
        }
      }
    });
  }
});
