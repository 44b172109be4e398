/**
 * The congruence check between vision and plan: which goals no section serves and which sections
 * serve no goal. Archived sections are not part of the plan and are left out by the caller.
 */
export function coverageGaps(
  goalIds: readonly string[],
  sectionIds: readonly string[],
  links: ReadonlyArray<{ sectionId: string; goalId: string }>,
): { uncoveredGoals: string[]; unlinkedSections: string[] } {
  const sections = new Set(sectionIds);
  const goals = new Set(goalIds);
  const live = links.filter((link) => sections.has(link.sectionId) && goals.has(link.goalId));
  const coveredGoals = new Set(live.map((link) => link.goalId));
  const linkedSections = new Set(live.map((link) => link.sectionId));
  return {
    uncoveredGoals: goalIds.filter((id) => !coveredGoals.has(id)),
    unlinkedSections: sectionIds.filter((id) => !linkedSections.has(id)),
  };
}
