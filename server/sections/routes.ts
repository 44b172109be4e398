import type { SectionContent, SectionDetail, SectionsResponse } from '../../shared/api.ts';
import { Hono, type Context } from 'hono';
import { can } from '../../shared/permissions.ts';
import type { AppEnv } from '../http/env.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { requireUser } from '../http/middleware.ts';
import { readId } from '../http/validate.ts';
import { requireTableAction } from '../tables/access.ts';
import { roleAt } from '../tables/queries.ts';
import { findSection, listSections, sectionContent } from './queries.ts';

/** A section is visible to whoever may read sections at its table; others get 404. */
async function readableSection(c: Context<AppEnv>) {
  const user = requireUser(c);
  const section = await findSection(c.var.deps.db, readId(c, 'id', 'section'));
  if (!section) throw notFound('section');
  const role = await roleAt(c.var.deps.db, section.tableId, user.id);
  if (!role) throw notFound('section');
  if (!can(role, 'section.read')) throw forbidden();
  return { section, role };
}

export const tableSectionRoutes = new Hono<AppEnv>().get('/:id/sections', async (c) => {
  const access = await requireTableAction(c, 'section.read');
  const body: SectionsResponse = { sections: await listSections(c.var.deps.db, access.tableId) };
  return c.json(body);
});

export const sectionRoutes = new Hono<AppEnv>()
  .get('/:id', async (c) => {
    const { section, role } = await readableSection(c);
    const body: SectionDetail = { ...section, canEdit: can(role, 'section.edit') && !section.locked };
    return c.json(body);
  })
  .get('/:id/content', async (c) => {
    const { section } = await readableSection(c);
    const content = await sectionContent(c.var.deps.db, section.id);
    if (!content) throw notFound('section');
    const body: SectionContent = content;
    return c.json(body);
  });
