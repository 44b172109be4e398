import { sectionDocument } from '../../shared/documents.ts';
import type { SectionContent, SectionDetail, SectionsResponse } from '../../shared/api.ts';
import { sectionContentSchema, sectionDetailSchema, sectionsResponseSchema } from '../../shared/api-schemas/plans.ts';
import type { Context } from 'hono';
import { isWritable } from '../../shared/consensus.ts';
import { can } from '../../shared/permissions.ts';
import type { Role } from '../../shared/roles.ts';
import type { AppEnv } from '../http/app-env.ts';
import { notFound } from '../http/errors.ts';
import { route, type Scope } from '../http/route.ts';
import { setSectionGoals } from '../plans/commands.ts';
import { planQuery, sectionGoalsBody } from '../../shared/api-requests/plans.ts';
import { findSection, listSections, sectionContent } from './queries.ts';

type Section = NonNullable<Awaited<ReturnType<typeof findSection>>>;

/** A route about the section in its path: visible to whoever has a role at its table, others get 404. */
const SECTION: Scope<{ tableId: string; section: Section }> = {
  what: 'section',
  find: async (deps, id) => {
    const section = await findSection(deps.db, id, deps.collab?.presence);
    return section ? { tableId: section.tableId, section } : null;
  },
};

function detail(c: Context<AppEnv>, section: Section, role: Role) {
  const body: SectionDetail = {
    ...section,
    canEdit: can(role, 'section.edit') && isWritable(section),
    canLinkGoals: can(role, 'section.link_goals') && !section.archived,
  };
  return c.json(body);
}

export const tableSectionRoutes = [
  route(
    {
      method: 'get',
      path: '/tables/:id/sections',
      operationId: 'listTableSections',
      tag: 'Sections',
      summary: "The live sections of the table's live plans, or of one plan (`planId`, archived plans too)",
      permission: 'section.read',
      query: planQuery,
      reply: sectionsResponseSchema,
    },
    async (c, { access, query }) => {
      const body: SectionsResponse = {
        sections: await listSections(c.var.deps.db, access.tableId, {
          presence: c.var.deps.collab?.presence,
          ...(query.planId ? { planId: query.planId } : {}),
        }),
      };
      return c.json(body);
    },
  ),
];

export const sectionRoutes = [
  route(
    {
      method: 'get',
      path: '/sections/:id',
      operationId: 'getSection',
      tag: 'Sections',
      summary: 'A section: plan, drafters, goals, lock, last edit, who is in it',
      permission: 'section.read',
      scope: SECTION,
      reply: sectionDetailSchema,
    },
    (c, { access, scope }) => detail(c, scope.section, access.role),
  ),
  route(
    {
      method: 'get',
      path: '/sections/:id/content',
      operationId: 'getSectionContent',
      tag: 'Sections',
      summary: 'The derived HTML and plain text of a section',
      permission: 'section.read',
      scope: SECTION,
      reply: sectionContentSchema,
    },
    async (c, { scope: { section } }) => {
      // While people type, the stored text lags up to a minute behind the live document: catch it up first.
      await c.var.deps.collab?.refreshContent([sectionDocument(section.id)]);
      const content = await sectionContent(c.var.deps.db, section.id);
      if (!content) throw notFound('section');
      const body: SectionContent = content;
      return c.json(body);
    },
  ),
  route(
    {
      method: 'put',
      path: '/sections/:id/goals',
      operationId: 'setSectionGoals',
      tag: 'Sections',
      summary: 'Link a section to the goals it serves',
      permission: 'section.link_goals',
      scope: SECTION,
      body: sectionGoalsBody,
      reply: sectionDetailSchema,
    },
    async (c, { access, scope: { section }, body }) => {
      const { goalIds } = await body();
      await setSectionGoals(
        c.var.deps.db,
        { userId: access.user.id, tableId: section.tableId, now: c.var.deps.clock.now() },
        section.id,
        goalIds,
      );
      const updated = await findSection(c.var.deps.db, section.id, c.var.deps.collab?.presence);
      if (!updated) throw notFound('section');
      return detail(c, updated, access.role);
    },
  ),
];
