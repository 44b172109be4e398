import { z } from 'zod';
import type { PlansResponse, PlanView, SectionContent, SectionDetail, SectionsResponse, SectionView } from '../api.ts';
import { SECTION_STATES } from '../consensus.ts';
import { replySchema, timestamp, uuid } from './registry.ts';
import { organizationRefSchema, personRefSchema } from './tables.ts';

export const sectionStateSchema = z.enum(SECTION_STATES);

const sectionFields = {
  id: uuid,
  tableId: uuid,
  plan: z.object({ id: uuid, title: z.string() }),
  title: z.string(),
  position: z.int(),
  state: sectionStateSchema,
  locked: z.boolean(),
  lockReason: z.string().nullable(),
  archived: z.boolean(),
  drafters: z.array(organizationRefSchema),
  goals: z.array(z.object({ id: uuid, title: z.string() })),
  lastEditedBy: personRefSchema.nullable(),
  lastEditedAt: timestamp.nullable(),
  lastEditedVia: z.enum(['compromise', 'ruling']).nullable(),
  present: z.array(personRefSchema),
};

export const sectionViewSchema = replySchema<SectionView>()(
  'SectionView',
  z.object(sectionFields),
  'A section of a plan: its consensus state and lock, drafting organizations, goals, last edit and who has it open.',
);

export const sectionsResponseSchema = replySchema<SectionsResponse>()(
  'SectionsResponse',
  z.object({ sections: z.array(sectionViewSchema) }),
);

export const sectionDetailSchema = replySchema<SectionDetail>()(
  'SectionDetail',
  z.object({ ...sectionFields, canEdit: z.boolean(), canLinkGoals: z.boolean() }),
  'A section, with what the viewer may do: canEdit when their role allows editing and the section is not locked.',
);

export const sectionContentSchema = replySchema<SectionContent>()(
  'SectionContent',
  z.object({ html: z.string(), text: z.string() }),
  'The HTML and plain text derived on the server from the live document.',
);

const planFields = {
  id: uuid,
  tableId: uuid,
  title: z.string(),
  periodStart: z.int(),
  periodEnd: z.int(),
  archived: z.boolean(),
  createdAt: timestamp,
};

export const planWithSectionsSchema = replySchema<PlanView & { sections: SectionView[] }>()(
  'PlanWithSections',
  z.object({ ...planFields, sections: z.array(sectionViewSchema) }),
  'A plan with its sections (archived ones last, flagged).',
);

export const plansResponseSchema = replySchema<PlansResponse>()(
  'PlansResponse',
  z.object({
    plans: z.array(planWithSectionsSchema),
    templates: z.record(z.string(), z.array(z.string()).readonly()),
    canManage: z.boolean(),
  }),
);
