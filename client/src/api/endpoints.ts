import type {
  AcceptInvitationResponse,
  AuditResponse,
  CommentAnchor,
  CommentThreadResponse,
  CommentThreadsResponse,
  CoverageResponse,
  DraftHistoryDocument,
  DraftHistoryResponse,
  EscalationInbox,
  GoalDetail,
  GoalsResponse,
  GoalView,
  InvitationPreview,
  InvitationsResponse,
  InvitationView,
  KpiView,
  MeResponse,
  NotificationsResponse,
  OpenedRound,
  OrganizationsResponse,
  OutboxResponse,
  PlansResponse,
  ProposalResponse,
  PlanView,
  PrincipleView,
  ReportDetail,
  ReportKind,
  ReportQuestion,
  ReportsResponse,
  SearchResponse,
  SectionConsensus,
  SectionDetail,
  SectionHistory,
  SectionsResponse,
  SectionView,
  TableDetail,
  TablesResponse,
  VersionDetail,
  VersionDiff,
} from '../../../shared/api.ts';
import type { z } from 'zod';
import type { acceptBody, inviteBody } from '../../../shared/api-requests/invitations.ts';
import type { positionBody, rulingBody, stepBody } from '../../../shared/api-requests/consensus.ts';
import type {
  createGoalBody,
  createKpiBody,
  createPrincipleBody,
  measurementBody,
} from '../../../shared/api-requests/goals.ts';
import type { markReadBody } from '../../../shared/api-requests/notifications.ts';
import type { createPlanBody, createSectionBody, updateSectionBody } from '../../../shared/api-requests/plans.ts';
import type { rulesBody } from '../../../shared/api-requests/tables.ts';
import type { PlanTemplate } from '../../../shared/plan-templates.ts';
import type { Role } from '../../../shared/roles.ts';
import { api } from './client.ts';

const enc = encodeURIComponent;

export type PlanWithSections = PlanView & { sections: SectionView[] };

// Request bodies: the zod schemas the server validates with (shared/api-requests/), as the client sends them.
export type NewPlan = z.input<typeof createPlanBody> & { template: PlanTemplate };
export type NewSection = z.input<typeof createSectionBody>;
export type SectionChanges = z.input<typeof updateSectionBody>;
export type NewPosition = z.input<typeof positionBody>;
export type NewMediationStep = z.input<typeof stepBody>;
export type NewRuling = z.input<typeof rulingBody>;
export type NewPrinciple = z.input<typeof createPrincipleBody>;
export type NewGoal = z.input<typeof createGoalBody>;
export type NewKpi = z.input<typeof createKpiBody>;
export type NewMeasurement = z.input<typeof measurementBody>;
export type NewInvitation = z.input<typeof inviteBody>;
export type InvitationAcceptance = z.input<typeof acceptBody>;
export type ReadNotifications = z.input<typeof markReadBody>;
type Rules = z.input<typeof rulesBody>;

/** One function per API route the client uses; shapes come from shared/api.ts. */
export const endpoints = {
  login: (email: string, password: string) => api<MeResponse>('POST', '/api/auth/login', { email, password }),
  logout: () => api<{ ok: true }>('POST', '/api/auth/logout', {}),
  me: () => api<MeResponse>('GET', '/api/me'),
  tables: () => api<TablesResponse>('GET', '/api/tables'),
  table: (id: string) => api<TableDetail>('GET', `/api/tables/${enc(id)}`),
  audit: (id: string, before?: number) =>
    api<AuditResponse>('GET', `/api/tables/${enc(id)}/audit?limit=30${before ? `&before=${before}` : ''}`),
  organizations: () => api<OrganizationsResponse>('GET', '/api/organizations'),
  updateRules: (id: string, rules: Rules) => api<TableDetail>('PUT', `/api/tables/${enc(id)}/rules`, rules),
  setPhase: (id: string, currentPhaseKey: string) =>
    api<TableDetail>('PUT', `/api/tables/${enc(id)}/phase`, { currentPhaseKey }),
  addMember: (id: string, organizationId: string) =>
    api<TableDetail>('POST', `/api/tables/${enc(id)}/members`, { organizationId }),
  removeMember: (id: string, organizationId: string) =>
    api<TableDetail>('DELETE', `/api/tables/${enc(id)}/members/${enc(organizationId)}`),
  setRole: (id: string, userId: string, role: Role) =>
    api<TableDetail>('PUT', `/api/tables/${enc(id)}/roles/${enc(userId)}`, { role }),
  revokeRole: (id: string, userId: string) => api<TableDetail>('DELETE', `/api/tables/${enc(id)}/roles/${enc(userId)}`),
  invitations: (id: string) => api<InvitationsResponse>('GET', `/api/tables/${enc(id)}/invitations`),
  invite: (id: string, input: NewInvitation) =>
    api<InvitationView>('POST', `/api/tables/${enc(id)}/invitations`, input),
  revokeInvitation: (id: string, invitationId: string) =>
    api<{ ok: true }>('DELETE', `/api/tables/${enc(id)}/invitations/${enc(invitationId)}`),
  previewInvitation: (token: string) => api<InvitationPreview>('GET', `/api/invitations/${enc(token)}`),
  acceptInvitation: (token: string, input: InvitationAcceptance) =>
    api<AcceptInvitationResponse>('POST', `/api/invitations/${enc(token)}/accept`, input),
  outbox: () => api<OutboxResponse>('GET', '/api/dev/outbox'),
  sections: (tableId: string, planId?: string) =>
    api<SectionsResponse>('GET', `/api/tables/${enc(tableId)}/sections${planId ? `?planId=${enc(planId)}` : ''}`),
  section: (id: string) => api<SectionDetail>('GET', `/api/sections/${enc(id)}`),
  linkSectionGoals: (id: string, goalIds: string[]) =>
    api<SectionDetail>('PUT', `/api/sections/${enc(id)}/goals`, { goalIds }),

  plans: (tableId: string) => api<PlansResponse>('GET', `/api/tables/${enc(tableId)}/plans`),
  createPlan: (tableId: string, plan: NewPlan) =>
    api<PlanWithSections>('POST', `/api/tables/${enc(tableId)}/plans`, plan),
  addSection: (tableId: string, planId: string, section: NewSection) =>
    api<SectionView>('POST', `/api/tables/${enc(tableId)}/plans/${enc(planId)}/sections`, section),
  updateSection: (tableId: string, sectionId: string, changes: SectionChanges) =>
    api<SectionView>('PATCH', `/api/tables/${enc(tableId)}/sections/${enc(sectionId)}`, changes),
  orderSections: (tableId: string, planId: string, sectionIds: string[]) =>
    api<PlanWithSections>('PUT', `/api/tables/${enc(tableId)}/plans/${enc(planId)}/order`, { sectionIds }),

  goals: (tableId: string) => api<GoalsResponse>('GET', `/api/tables/${enc(tableId)}/goals`),
  goal: (tableId: string, goalId: string) => api<GoalDetail>('GET', `/api/tables/${enc(tableId)}/goals/${enc(goalId)}`),
  addPrinciple: (tableId: string, principle: NewPrinciple) =>
    api<PrincipleView>('POST', `/api/tables/${enc(tableId)}/principles`, principle),
  addGoal: (tableId: string, goal: NewGoal) => api<GoalView>('POST', `/api/tables/${enc(tableId)}/goals`, goal),
  addKpi: (tableId: string, goalId: string, kpi: NewKpi) =>
    api<KpiView>('POST', `/api/tables/${enc(tableId)}/goals/${enc(goalId)}/kpis`, kpi),
  addMeasurement: (tableId: string, kpiId: string, measurement: NewMeasurement) =>
    api<KpiView>('POST', `/api/tables/${enc(tableId)}/kpis/${enc(kpiId)}/measurements`, measurement),

  coverage: (tableId: string, planId?: string) =>
    api<CoverageResponse>('GET', `/api/tables/${enc(tableId)}/coverage${planId ? `?planId=${enc(planId)}` : ''}`),
  search: (tableId: string, q: string) => api<SearchResponse>('GET', `/api/tables/${enc(tableId)}/search?q=${enc(q)}`),

  consensus: (sectionId: string) => api<SectionConsensus>('GET', `/api/sections/${enc(sectionId)}/consensus`),
  openRound: (sectionId: string) => api<OpenedRound>('POST', `/api/sections/${enc(sectionId)}/rounds`, {}),
  statePosition: (roundId: string, position: NewPosition) =>
    api<SectionConsensus>('POST', `/api/rounds/${enc(roundId)}/positions`, position),
  withdrawRound: (roundId: string) => api<SectionConsensus>('POST', `/api/rounds/${enc(roundId)}/withdraw`, {}),
  revise: (sectionId: string) => api<SectionConsensus>('POST', `/api/sections/${enc(sectionId)}/revisions`, {}),
  escalate: (sectionId: string, reason: string) =>
    api<SectionConsensus>('POST', `/api/sections/${enc(sectionId)}/escalations`, { reason }),
  addMediationStep: (escalationId: string, step: NewMediationStep) =>
    api<SectionConsensus>('POST', `/api/escalations/${enc(escalationId)}/steps`, step),
  proposeCompromise: (escalationId: string, proposal: { text: string } | { proposalId: string }) =>
    api<OpenedRound>('POST', `/api/escalations/${enc(escalationId)}/proposal`, proposal),
  /** The proposal being written on a section (a compromise, a draft ruling), with both sides of its diff. */
  proposal: (sectionId: string) => api<ProposalResponse>('GET', `/api/sections/${enc(sectionId)}/proposal`),
  /** Withdraws the compromise or draft ruling being written (whoever may write it). */
  withdrawProposal: (proposalId: string) =>
    api<ProposalResponse>('POST', `/api/proposals/${enc(proposalId)}/withdraw`),
  startCompromise: (escalationId: string) =>
    api<ProposalResponse>('POST', `/api/escalations/${enc(escalationId)}/compromise-document`, {}),
  startRuling: (sectionId: string) =>
    api<ProposalResponse>('POST', `/api/sections/${enc(sectionId)}/ruling-document`, {}),
  refer: (escalationId: string, report: string) =>
    api<SectionConsensus>('POST', `/api/escalations/${enc(escalationId)}/referral`, { report }),
  draftRuling: (sectionId: string, ruling: NewRuling) =>
    api<SectionConsensus>('POST', `/api/sections/${enc(sectionId)}/rulings`, ruling),
  endorseRuling: (rulingId: string) => api<SectionConsensus>('POST', `/api/rulings/${enc(rulingId)}/endorsements`, {}),
  sectionHistory: (sectionId: string) => api<SectionHistory>('GET', `/api/sections/${enc(sectionId)}/history`),
  version: (sectionId: string, number: number) =>
    api<VersionDetail>('GET', `/api/sections/${enc(sectionId)}/versions/${number}`),
  diff: (sectionId: string, from: number, to: number | 'current') =>
    api<VersionDiff>('GET', `/api/sections/${enc(sectionId)}/diff?from=${from}&to=${to}`),
  // Comments beside the text and the draft history (server/comments, server/draft-history).
  comments: (sectionId: string) => api<CommentThreadsResponse>('GET', `/api/sections/${enc(sectionId)}/comments`),
  startCommentThread: (sectionId: string, thread: { anchor: CommentAnchor; body: string }) =>
    api<CommentThreadResponse>('POST', `/api/sections/${enc(sectionId)}/comments`, thread),
  replyToComment: (threadId: string, body: string) =>
    api<CommentThreadResponse>('POST', `/api/comment-threads/${enc(threadId)}/replies`, { body }),
  resolveComment: (threadId: string) =>
    api<CommentThreadResponse>('POST', `/api/comment-threads/${enc(threadId)}/resolve`, {}),
  reopenComment: (threadId: string) =>
    api<CommentThreadResponse>('POST', `/api/comment-threads/${enc(threadId)}/reopen`, {}),
  draftHistory: (sectionId: string) =>
    api<DraftHistoryResponse>('GET', `/api/sections/${enc(sectionId)}/draft-history`),
  draftHistoryEntry: (sectionId: string, entryId: string) =>
    api<DraftHistoryDocument>('GET', `/api/sections/${enc(sectionId)}/draft-history/${enc(entryId)}`),
  restoreDraftEntry: (sectionId: string, entryId: string) =>
    api<DraftHistoryResponse>('POST', `/api/sections/${enc(sectionId)}/draft-history/${enc(entryId)}/restore`, {}),
  escalationInbox: (tableId: string) => api<EscalationInbox>('GET', `/api/tables/${enc(tableId)}/escalations`),
  notifications: () => api<NotificationsResponse>('GET', '/api/notifications'),
  markNotificationsRead: (which: ReadNotifications) => api<{ ok: true }>('POST', '/api/notifications/read', which),

  // Reports (voortgangsrapportage, evaluatie): start, review, publish, correct, council questions.
  reports: (tableId: string) => api<ReportsResponse>('GET', `/api/tables/${enc(tableId)}/reports`),
  startReport: (tableId: string, report: { kind: ReportKind; period: string }) =>
    api<ReportDetail>('POST', `/api/tables/${enc(tableId)}/reports`, report),
  report: (id: string) => api<ReportDetail>('GET', `/api/reports/${enc(id)}`),
  markReportReady: (id: string) => api<ReportDetail>('POST', `/api/reports/${enc(id)}/ready`, {}),
  publishReport: (id: string) => api<ReportDetail>('POST', `/api/reports/${enc(id)}/publish`, {}),
  reviseReport: (id: string, reason: string) =>
    api<ReportDetail>('POST', `/api/reports/${enc(id)}/revisions`, { reason }),
  askQuestion: (reportId: string, question: { text: string; partId?: string }) =>
    api<ReportQuestion>('POST', `/api/reports/${enc(reportId)}/questions`, question),
  answerQuestion: (questionId: string, text: string) =>
    api<ReportQuestion>('POST', `/api/questions/${enc(questionId)}/answer`, { text }),
  /** A link, not a fetch: the browser downloads the PDF itself, with the session cookie. */
  reportPdfUrl: (id: string) => `/api/reports/${enc(id)}/pdf`,
};
