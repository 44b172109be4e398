import type { AdoptedPlan, SectionAdopted } from '../../../shared/api.ts';
import { can } from '../../../shared/permissions.ts';
import type { Role } from '../../../shared/roles.ts';
import { api } from '../api/client.ts';

const enc = encodeURIComponent;

/** The adopted-text routes (server/adopted/routes.ts), beside the pages that use them. */
export const adoptedEndpoints = {
  plan: (planId: string) => api<AdoptedPlan>('GET', `/api/plans/${enc(planId)}/adopted`),
  section: (sectionId: string) => api<SectionAdopted>('GET', `/api/sections/${enc(sectionId)}/adopted`),
  /** A link, not a fetch: the browser downloads (or shows) the PDF itself, with the session cookie. */
  pdfUrl: (planId: string) => `/api/plans/${enc(planId)}/adopted/pdf`,
  pagePath: (planId: string) => `/plans/${enc(planId)}/adopted`,
};

/**
 * Council members and observers do not follow the deliberation (no consensus.readDeliberation): what
 * they read first is the adopted text, the drafts are for the table.
 */
export function readsAdoptedFirst(role: Role | undefined): boolean {
  return role !== undefined && !can(role, 'consensus.readDeliberation');
}
