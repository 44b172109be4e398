import { adoptedRoutes } from './adopted/routes.ts';
import { authRoutes, meRoutes } from './auth/routes.ts';
import { commentRoutes } from './comments/routes.ts';
import { escalationRoutes, roundRoutes, rulingRoutes, tableEscalationRoutes } from './consensus/deliberation-routes.ts';
import { proposalRoutes } from './consensus/proposal-routes.ts';
import { sectionConsensusRoutes } from './consensus/routes.ts';
import { tableCoverageRoutes } from './coverage/routes.ts';
import { devRoutes } from './dev/routes.ts';
import { draftHistoryRoutes } from './draft-history/routes.ts';
import { kpiRoutes, tableGoalRoutes } from './goals/routes.ts';
import { healthRoutes } from './health/routes.ts';
import type { DeclaredRoute } from './http/route.ts';
import { invitationRoutes, tableInvitationRoutes } from './invitations/routes.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { organizationRoutes } from './organizations/routes.ts';
import { tablePlanRoutes } from './plans/routes.ts';
import { questionRoutes, reportRoutes, tableReportRoutes } from './reports/routes.ts';
import { tableSearchRoutes } from './search/routes.ts';
import { sectionRoutes, tableSectionRoutes } from './sections/routes.ts';
import { tableRoutes } from './tables/routes.ts';
import { todoRoutes } from './todo/routes.ts';

/** Mounted before the session is loaded: health must answer (503) while the database is away. */
export const HEALTH_ROUTES: DeclaredRoute[] = healthRoutes;

/** Every other API route, each declared beside its handler (server/http/route.ts), in the order of mounting. */
export const API_ROUTES: DeclaredRoute[] = [
  ...authRoutes,
  ...meRoutes,
  ...organizationRoutes,
  ...tableRoutes,
  ...tableInvitationRoutes,
  ...tableSectionRoutes,
  ...tablePlanRoutes,
  ...tableGoalRoutes,
  ...tableCoverageRoutes,
  ...tableSearchRoutes,
  ...kpiRoutes,
  ...sectionRoutes,
  ...sectionConsensusRoutes,
  ...proposalRoutes,
  ...commentRoutes,
  ...draftHistoryRoutes,
  ...adoptedRoutes,
  ...tableEscalationRoutes,
  ...roundRoutes,
  ...escalationRoutes,
  ...rulingRoutes,
  ...tableReportRoutes,
  ...reportRoutes,
  ...questionRoutes,
  ...notificationRoutes,
  ...todoRoutes,
  ...invitationRoutes,
];

/** Development aids: mounted only with dev routes enabled, never in production (server/app.ts). */
export const DEV_ROUTES: DeclaredRoute[] = devRoutes;
