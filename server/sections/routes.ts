import { sectionDocument } from '../../shared/documents.ts';
import type { SectionContent, SectionDetail, SectionsResponse } from '../../shared/api.ts';
import { Hono, type Context } from 'hono';
import { isWritable } from '../../shared/consensus.ts';
import { can } from '../../shared/permissions.ts';
import type { AppEnv } from '../http/app-env.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { readId, readJson } from '../http/validate.ts';
import { setSectionGoals } from '../plans/commands.ts';
import { sectionGoalsBody } from '../plans/schema.ts';
import { requireAccess, requireTableAction } from '../http/access.ts';
import { findSection, listSections, sectionContent } from './queries.ts';

/** A section is visible to whoever may read sections at its table; others get 404. */
async function readableSection(c: Context<AppEnv>) {
  const section = await findSection(c.var.deps.db, readId(c, 'id', 'section'), c.var.deps.collab?.presence);
  if (!section) throw notFound('section');
  const { role, user } = await requireAccess(c, section.tableId, 'section.read', 'section');
  return { section, role, user };
}

async function detail(c: Context<AppEnv>) {
  const { section, role } = await readableSection(c);
  const body: SectionDetail = {
    ...section,
    canEdit: can(role, 'section.edit') && isWritable(section),
    canLinkGoals: can(role, 'section.link_goals') && !section.archived,
  };
  return c.json(body);
}

export const tableSectionRoutes = new Hono<AppEnv>().get('/:id/sections', async (c) => {
  const access = await requireTableAction(c, 'section.read');
  const body: SectionsResponse = {
    sections: await listSections(c.var.deps.db, access.tableId, { presence: c.var.deps.collab?.presence }),
  };
  return c.json(body);
});

export const sectionRoutes = new Hono<AppEnv>()
  .get('/:id', detail)
  .get('/:id/content', async (c) => {
    const { section } = await readableSection(c);
    // While people type, the stored text lags a few seconds behind the live document: catch it up first.
    await c.var.deps.collab?.refreshContent(sectionDocument(section.id));
    const content = await sectionContent(c.var.deps.db, section.id);
    if (!content) throw notFound('section');
    const body: SectionContent = content;
    return c.json(body);
  })
  .put('/:id/goals', async (c) => {
    const { section, role, user } = await readableSection(c);
    if (!can(role, 'section.link_goals')) throw forbidden();
    const body = await readJson(c, sectionGoalsBody);
    await setSectionGoals(
      c.var.deps.db,
      { userId: user.id, tableId: section.tableId, now: c.var.deps.clock.now() },
      section.id,
      body.goalIds,
    );
    return detail(c);
  });
