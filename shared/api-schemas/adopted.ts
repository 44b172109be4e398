import { z } from 'zod';
import type { AdoptedPlan, AdoptedText, MinorityPosition, SectionAdopted } from '../api.ts';
import { POSITION_KINDS } from '../consensus.ts';
import { sectionStateSchema } from './plans.ts';
import { replySchema, timestamp, uuid } from './registry.ts';
import { organizationRefSchema } from './tables.ts';

export const minorityPositionSchema = replySchema<MinorityPosition>()(
  'MinorityPosition',
  z.object({ organization: organizationRefSchema, kind: z.enum(POSITION_KINDS), text: z.string() }),
  'An objection a ruling did not follow; it stays visible beside the adopted text.',
);

export const adoptedTextSchema = replySchema<AdoptedText>()(
  'AdoptedText',
  z.object({
    versionNumber: z.int(),
    adoptedAt: timestamp,
    way: z.enum(['consensus', 'mediation', 'ruling']),
    html: z.string(),
    text: z.string(),
    minorityPositions: z.array(minorityPositionSchema),
    ruling: z.object({ rationale: z.string() }).optional(),
  }),
  "A section's adopted text (vastgestelde tekst): the last version agreed in a round (consensus, or after mediation) or ruled by the municipalities, with when and how.",
);

export const sectionAdoptedSchema = replySchema<SectionAdopted>()(
  'SectionAdopted',
  z.object({ sectionId: uuid, adopted: adoptedTextSchema.nullable(), draftDiffers: z.boolean() }),
  "A section's adopted text (null: none yet), and whether the live draft differs from it.",
);

export const adoptedPlanSchema = replySchema<AdoptedPlan>()(
  'AdoptedPlan',
  z.object({
    plan: z.object({
      id: uuid,
      title: z.string(),
      periodStart: z.int(),
      periodEnd: z.int(),
      tableId: uuid,
      tableName: z.string(),
    }),
    sections: z.array(
      z.object({
        id: uuid,
        title: z.string(),
        position: z.int(),
        state: sectionStateSchema,
        adopted: adoptedTextSchema.nullable(),
        draftDiffers: z.boolean(),
      }),
    ),
    generatedAt: timestamp,
  }),
  'Het vastgestelde plan: every live section of the plan in order with its adopted text (null where none is), and whether the draft at the table differs from it.',
);
