import { Hono } from 'hono';
import { getAccount } from '../db/accounts';
import { getImportedBadge, isImportedId } from '../db/importedBadges';
import type { AppEnv } from '../http/env';
import { currentImportedBadges } from './service';
import { ImportedBadgePage } from '../pages/ImportedBadgePage';
import { NotFoundPage } from '../pages/NotFoundPage';

/** `/imported/:id`: the public page of a badge an earner imported (when they keep it public). */
export const importedRoutes = new Hono<AppEnv>().get('/:id', async (c) => {
  const { db, publicUrl } = c.var.deps;
  const id = c.req.param('id');
  const stored = isImportedId(id) && id.length <= 64 ? await getImportedBadge(db, id) : null;
  const current = stored?.isPublic ? (await currentImportedBadges(c.var.deps, stored.accountId)).find((badge) => badge.id === id) : undefined;
  const holder = current ? await getAccount(db, current.accountId) : null;
  c.header('Cache-Control', 'no-store');
  if (!current || !holder) {
    return c.html(NotFoundPage({ title: 'Badge not found', message: 'There is no public badge at this address.', publicUrl }), 404);
  }
  return c.html(ImportedBadgePage({ publicUrl, imported: current, holderName: `${holder.firstName} ${holder.lastName}` }));
});
