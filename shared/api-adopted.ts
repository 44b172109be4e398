/**
 * JSON shapes of the adopted text (vastgestelde tekst) of sections and of "Het vastgestelde plan": what
 * a table agreed or the municipalities ruled, apart from the live draft the table keeps writing.
 */
import type { OrganizationRef } from './api.ts';
import type { PositionKind, SectionState } from './consensus.ts';

/**
 * How a version was adopted: a consent round agreed on the table's text ('consensus'), a round on the
 * chair's compromise agreed ('mediation'), or the municipalities' ruling took effect ('ruling').
 */
export type AdoptedWay = 'consensus' | 'mediation' | 'ruling';

/** An objection the ruling did not follow: it stays on record beside the adopted text. */
export interface MinorityPosition {
  organization: OrganizationRef;
  kind: PositionKind;
  text: string;
}

/** When and how a section's adopted version was adopted (without its text). */
export interface AdoptedSummary {
  versionNumber: number;
  adoptedAt: string;
  way: AdoptedWay;
}

/** A section's adopted text: the last version agreed in a round or ruled. */
export interface AdoptedText extends AdoptedSummary {
  html: string;
  text: string;
  /** Only for a ruling: the objections of the round before the referral. Empty otherwise. */
  minorityPositions: MinorityPosition[];
  /** Only for a ruling: why the municipalities ruled as they did. */
  ruling?: { rationale: string };
}

/** GET /api/sections/:id/adopted — draftDiffers: the live draft's text is no longer the adopted text. */
export interface SectionAdopted {
  sectionId: string;
  adopted: AdoptedText | null;
  draftDiffers: boolean;
}

export interface AdoptedPlanSection {
  id: string;
  title: string;
  position: number;
  state: SectionState;
  /** null: nothing of this section has been adopted yet ("nog niet vastgesteld"). */
  adopted: AdoptedText | null;
  draftDiffers: boolean;
}

/** GET /api/plans/:id/adopted — "Het vastgestelde plan": every live section in order, with its adopted text. */
export interface AdoptedPlan {
  plan: {
    id: string;
    title: string;
    periodStart: number;
    periodEnd: number;
    tableId: string;
    tableName: string;
  };
  sections: AdoptedPlanSection[];
  generatedAt: string;
}
