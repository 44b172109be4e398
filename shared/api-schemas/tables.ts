import { z } from 'zod';
import type {
  AcceptInvitationResponse,
  AuditEventView,
  AuditResponse,
  HealthResponse,
  InvitationPreview,
  InvitationsResponse,
  InvitationView,
  MemberOrganization,
  MeResponse,
  OrganizationRef,
  OrganizationSummary,
  OrganizationsResponse,
  OutboxMail,
  OutboxResponse,
  PersonRef,
  PersonView,
  PhaseView,
  TableDetail,
  TableMembership,
  TableRules,
  TablesResponse,
  UserSummary,
} from '../api.ts';
import { errorBodySchema, type ErrorBody } from '../errors.ts';
import { ACTIONS } from '../permissions.ts';
import { ORGANIZATION_KINDS, ROLES, RULING_RULES } from '../roles.ts';
import { replySchema, timestamp, uuid } from './registry.ts';

export const roleSchema = z.enum(ROLES);

export const organizationSummarySchema = replySchema<OrganizationSummary>()(
  'OrganizationSummary',
  z.object({ id: uuid, name: z.string(), kind: z.enum(ORGANIZATION_KINDS) }),
);

export const organizationRefSchema = replySchema<OrganizationRef>()(
  'OrganizationRef',
  z.object({ id: uuid, name: z.string() }),
);

export const personRefSchema = replySchema<PersonRef>()(
  'PersonRef',
  z.object({ id: uuid, name: z.string(), organizationName: z.string() }),
);

export const userSummarySchema = replySchema<UserSummary>()(
  'UserSummary',
  z.object({ id: uuid, name: z.string(), email: z.string(), organization: organizationSummarySchema }),
);

export const phaseViewSchema = replySchema<PhaseView>()(
  'PhaseView',
  z.object({
    key: z.string(),
    name: z.string(),
    description: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    isCurrent: z.boolean(),
  }),
);

export const tableMembershipSchema = replySchema<TableMembership>()(
  'TableMembership',
  z.object({
    id: uuid,
    name: z.string(),
    regionName: z.string(),
    role: roleSchema,
    currentPhase: phaseViewSchema.nullable(),
  }),
);

export const meResponseSchema = replySchema<MeResponse>()(
  'MeResponse',
  z.object({ user: userSummarySchema, tables: z.array(tableMembershipSchema), isSecretariat: z.boolean() }),
  'The signed-in person and the tables where they hold a role.',
);

export const tableRulesSchema = replySchema<TableRules>()(
  'TableRules',
  z.object({
    responsePeriodDays: z.int().min(1),
    silenceIsConsent: z.boolean(),
    rulingRule: z.enum(RULING_RULES),
  }),
  'Spelregels: the rules of play a table agreed on (response period in Dutch working days).',
);

export const personViewSchema = replySchema<PersonView>()(
  'PersonView',
  z.object({
    userId: uuid,
    name: z.string(),
    email: z.string(),
    organization: organizationSummarySchema,
    role: roleSchema,
  }),
);

export const memberOrganizationSchema = replySchema<MemberOrganization>()(
  'MemberOrganization',
  z.object({ organization: organizationSummarySchema, joinedAt: timestamp, delegates: z.array(personViewSchema) }),
);

export const tableDetailSchema = replySchema<TableDetail>()(
  'TableDetail',
  z.object({
    id: uuid,
    name: z.string(),
    description: z.string(),
    region: z.object({ id: uuid, name: z.string() }),
    role: roleSchema,
    allowedActions: z.array(z.enum(ACTIONS)),
    phases: z.array(phaseViewSchema),
    rules: tableRulesSchema,
    members: z.array(memberOrganizationSchema),
    chair: personViewSchema.nullable(),
    secretariat: z.array(personViewSchema),
    readers: z.array(personViewSchema),
  }),
  'A table as the viewer sees it: their role and what it allows, phases, rules, members and people.',
);

export const tablesResponseSchema = replySchema<TablesResponse>()(
  'TablesResponse',
  z.object({ tables: z.array(tableMembershipSchema) }),
);

export const auditEventViewSchema = replySchema<AuditEventView>()(
  'AuditEventView',
  z.object({
    id: z.int(),
    kind: z.string(),
    occurredAt: timestamp,
    actor: personRefSchema.nullable(),
    subject: z.object({ type: z.string(), id: z.string() }),
    data: z.record(z.string(), z.unknown()),
  }),
);

export const auditResponseSchema = replySchema<AuditResponse>()(
  'AuditResponse',
  z.object({ events: z.array(auditEventViewSchema), nextBefore: z.int().nullable() }),
  'Newest first; pass nextBefore as `before` for the next page.',
);

export const organizationsResponseSchema = replySchema<OrganizationsResponse>()(
  'OrganizationsResponse',
  z.object({ organizations: z.array(organizationSummarySchema) }),
);

export const invitationViewSchema = replySchema<InvitationView>()(
  'InvitationView',
  z.object({
    id: uuid,
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    organization: organizationSummarySchema,
    invitedBy: z.string(),
    createdAt: timestamp,
    expiresAt: timestamp,
  }),
);

export const invitationsResponseSchema = replySchema<InvitationsResponse>()(
  'InvitationsResponse',
  z.object({ invitations: z.array(invitationViewSchema) }),
);

export const invitationPreviewSchema = replySchema<InvitationPreview>()(
  'InvitationPreview',
  z.object({
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    tableName: z.string(),
    organizationName: z.string(),
    expiresAt: timestamp,
    existingAccount: z.boolean(),
  }),
  'What the invitee sees before accepting.',
);

export const acceptInvitationResponseSchema = replySchema<AcceptInvitationResponse>()(
  'AcceptInvitationResponse',
  z.object({ tableId: uuid, me: meResponseSchema }),
);

export const outboxMailSchema = replySchema<OutboxMail>()(
  'OutboxMail',
  z.object({
    id: uuid,
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    createdAt: timestamp,
    deliveredVia: z.enum(['smtp', 'api', 'outbox']),
    error: z.string().nullable(),
  }),
);

export const outboxResponseSchema = replySchema<OutboxResponse>()(
  'OutboxResponse',
  z.object({ mails: z.array(outboxMailSchema) }),
);

const healthFields = { runtime: z.enum(['node', 'workers']), database: z.enum(['embedded', 'postgres', 'pglite']) };

export const healthOkSchema = replySchema<Extract<HealthResponse, { status: 'ok' }>>()(
  'HealthOk',
  z.object({ status: z.literal('ok'), ...healthFields, migration: z.int().min(0) }),
  'The database answers; migration is the level of its schema.',
);

export const healthUnavailableSchema = replySchema<Extract<HealthResponse, { status: 'unavailable' }>>()(
  'HealthUnavailable',
  z.object({ status: z.literal('unavailable'), ...healthFields, reason: z.string() }),
  'The database does not answer (503).',
);

export const okResponseSchema = replySchema<{ ok: true }>()('OkResponse', z.object({ ok: z.literal(true) }));

export const devClockResponseSchema = replySchema<{ now: string; closed: number; reminded: number; ruled: number }>()(
  'DevClockResponse',
  z.object({ now: timestamp, closed: z.int(), reminded: z.int(), ruled: z.int() }),
  'The new server time and how many rounds closed, reminders went out and rulings took effect.',
);

export const errorSchema = replySchema<ErrorBody>()(
  'Error',
  errorBodySchema,
  'Every error: a code the client words in its language, a message in English, and details for some codes.',
);
