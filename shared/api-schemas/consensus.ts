import { z } from 'zod';
import type {
  EscalationInbox,
  EscalationView,
  MediationStepView,
  NotificationsResponse,
  NotificationView,
  OpenedRound,
  PmNodeJson,
  PositionView,
  ProposalResponse,
  RoundView,
  RulingView,
  SectionConsensus,
  SectionHistory,
  VersionDetail,
  VersionDiff,
  VersionView,
} from '../api.ts';
import { CONSENSUS_ACTIONS, POSITION_KINDS } from '../consensus.ts';
import { ORGANIZATION_KINDS } from '../roles.ts';
import { sectionStateSchema } from './plans.ts';
import { day, replySchema, timestamp, uuid } from './registry.ts';
import { auditEventViewSchema, organizationRefSchema, personRefSchema } from './tables.ts';

export const positionViewSchema = replySchema<PositionView>()(
  'PositionView',
  z.object({
    id: uuid,
    organization: organizationRefSchema,
    kind: z.enum(POSITION_KINDS),
    text: z.string().optional(),
    statedBy: personRefSchema,
    statedAt: timestamp,
    superseded: z.boolean(),
    versionNumber: z.int(),
    stale: z.boolean(),
  }),
  "An organization's position on a version. `text` is left out for viewers who may not read the deliberation while it is undecided; `stale`: the text changed since.",
);

export const roundViewSchema = replySchema<RoundView>()(
  'RoundView',
  z.object({
    id: uuid,
    kind: z.enum(['consent', 'mediation_proposal']),
    versionNumber: z.int(),
    openedBy: personRefSchema,
    openedAt: timestamp,
    deadline: timestamp,
    closedAt: timestamp.nullable(),
    outcome: z.enum(['agreed', 'objected', 'not_all_responded', 'withdrawn']).nullable(),
    positions: z.array(positionViewSchema),
    statements: z.array(positionViewSchema),
  }),
  'A consent round: the positions that count (one per organization) and every statement, oldest first.',
);

export const mediationStepViewSchema = replySchema<MediationStepView>()(
  'MediationStepView',
  z.object({
    id: uuid,
    occurredOn: day,
    kind: z.enum(['meeting', 'call', 'written']),
    note: z.string().optional(),
    recordedBy: personRefSchema,
  }),
);

const escalationFields = {
  id: uuid,
  reason: z.string().optional(),
  escalatedBy: personRefSchema,
  escalatedAt: timestamp,
  ageDays: z.int().min(0),
  steps: z.array(mediationStepViewSchema),
  referredAt: timestamp.nullable(),
  referralReport: z.string().nullable().optional(),
  closedAt: timestamp.nullable(),
};

export const escalationViewSchema = replySchema<EscalationView>()(
  'EscalationView',
  z.object(escalationFields),
  'An escalation to the chair; reason, notes and referral report are left out for viewers who may not read the deliberation.',
);

export const rulingViewSchema = replySchema<RulingView>()(
  'RulingView',
  z.object({
    id: uuid,
    text: z.string(),
    rationale: z.string(),
    draftedBy: personRefSchema,
    draftedAt: timestamp,
    effectiveAt: timestamp.nullable(),
    superseded: z.boolean(),
    versionNumber: z.int().nullable(),
    endorsements: z.array(
      z.object({ organization: organizationRefSchema, endorsedBy: personRefSchema, endorsedAt: timestamp }),
    ),
    awaiting: z.array(organizationRefSchema),
  }),
  'A ruling of the municipalities, its endorsements and the municipalities still to endorse.',
);

export const sectionConsensusSchema = replySchema<SectionConsensus>()(
  'SectionConsensus',
  z.object({
    sectionId: uuid,
    state: sectionStateSchema,
    currentVersion: z.int().nullable(),
    organizations: z.array(
      z.object({
        id: uuid,
        name: z.string(),
        kind: z.enum(ORGANIZATION_KINDS),
        position: positionViewSchema.nullable(),
      }),
    ),
    round: roundViewSchema.nullable(),
    escalation: escalationViewSchema.nullable(),
    ruling: rulingViewSchema.nullable(),
    minorityPositions: z.array(positionViewSchema),
    actions: z.array(z.enum(CONSENSUS_ACTIONS)),
  }),
  'Where the section stands and what the viewer can do about it.',
);

const versionFields = {
  number: z.int().min(1),
  origin: z.enum(['round', 'mediation_proposal', 'ruling']),
  createdBy: personRefSchema,
  createdAt: timestamp,
  contentHash: z.string(),
};

export const versionViewSchema = replySchema<VersionView>()('VersionView', z.object(versionFields));

export const versionDetailSchema = replySchema<VersionDetail>()(
  'VersionDetail',
  z.object({ ...versionFields, html: z.string(), text: z.string() }),
);

const jsonAttrs = z.record(z.string(), z.unknown());

/** A ProseMirror node as JSON: recursive, so it is registered by name and refers to itself. */
export const pmNodeSchema: z.ZodType<PmNodeJson> = replySchema<PmNodeJson>()(
  'PmNode',
  z.lazy(() =>
    z.object({
      type: z.string(),
      attrs: jsonAttrs.optional(),
      content: z.array(pmNodeSchema).optional(),
      marks: z.array(z.object({ type: z.string(), attrs: jsonAttrs.optional() })).optional(),
      text: z.string().optional(),
    }),
  ),
  "A ProseMirror node as JSON (Node.toJSON()), the editor's document format.",
);

const diffSideSchema = z.object({ version: z.union([z.int(), z.literal('current')]), doc: pmNodeSchema });

export const versionDiffSchema = replySchema<VersionDiff>()(
  'VersionDiff',
  z.object({
    from: diffSideSchema,
    to: diffSideSchema,
  }),
  'Both documents of a diff, as ProseMirror JSON: the client computes the changes with the editor schema.',
);

export const proposalResponseSchema = replySchema<ProposalResponse>()(
  'ProposalResponse',
  z.object({
    proposal: z
      .object({
        id: uuid,
        kind: z.enum(['compromise', 'ruling']),
        docName: z.string(),
        createdBy: personRefSchema,
        createdAt: timestamp,
        basedOnVersion: z.int(),
        canWrite: z.boolean(),
        base: pmNodeSchema,
        current: pmNodeSchema,
      })
      .nullable(),
  }),
  'The compromise or draft ruling being written on a section, with the text under objection it started from.',
);

export const sectionHistorySchema = replySchema<SectionHistory>()(
  'SectionHistory',
  z.object({
    versions: z.array(versionViewSchema),
    rounds: z.array(roundViewSchema),
    escalations: z.array(escalationViewSchema),
    rulings: z.array(rulingViewSchema),
    events: z.array(auditEventViewSchema),
  }),
);

export const openedRoundSchema = replySchema<OpenedRound>()(
  'OpenedRound',
  z.object({ round: z.object({ id: uuid, deadline: timestamp }), version: z.object({ number: z.int().min(1) }) }),
);

export const notificationViewSchema = replySchema<NotificationView>()(
  'NotificationView',
  z.object({
    id: z.int(),
    kind: z.string(),
    message: z.string(),
    tableId: uuid.nullable(),
    sectionId: uuid.nullable(),
    reportId: uuid.nullable(),
    link: z.string().nullable(),
    createdAt: timestamp,
    read: z.boolean(),
  }),
);

export const notificationsResponseSchema = replySchema<NotificationsResponse>()(
  'NotificationsResponse',
  z.object({ unread: z.int().min(0), notifications: z.array(notificationViewSchema) }),
);

export const escalationInboxSchema = replySchema<EscalationInbox>()(
  'EscalationInbox',
  z.object({
    escalations: z.array(
      z.object({
        ...escalationFields,
        section: z.object({ id: uuid, title: z.string(), state: sectionStateSchema }),
      }),
    ),
  }),
  "The chair's inbox: open escalations, oldest first.",
);
