import { Hono } from 'hono';
import { listPublishedOrganisations } from '../matching/db';
import { z } from 'zod';
import { catalogueQuerySchema } from '../../../shared/schemas/badges';
import type { Db } from '../db/connection';
import { searchCatalogue } from './search';
import { listBadgeClasses } from '../db/badgeClasses';
import { listIssuers, type Issuer } from '../db/issuers';
import { validate } from '../http/errors';
import type { AppEnv } from '../http/env';
import { CataloguePage } from '../pages/CataloguePage';
import { HomePage } from '../pages/HomePage';

/** The catalogue form sends `category=` for "All categories" and `q=` when empty: read those as absent. */
const catalogueFormQuerySchema = z.preprocess(
  (query) =>
    query && typeof query === 'object' ? Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '')) : query,
  catalogueQuerySchema,
);

async function issuersById(db: Db): Promise<Map<string, Issuer>> {
  return new Map((await listIssuers(db)).map((issuer) => [issuer.id, issuer]));
}

export const catalogueRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { db, publicUrl } = c.var.deps;
    const [badgeClasses, issuers, organisations] = await Promise.all([listBadgeClasses(db), issuersById(db), listPublishedOrganisations(db)]);
    return c.html(HomePage({ badgeClasses, issuers, publicUrl, organisations }));
  })
  .get(
    '/catalogue',
    validate('query', catalogueFormQuerySchema, {
      pageMessage: 'This catalogue address asks for a category or a search we do not know.',
      link: { href: '/catalogue', label: 'See the whole catalogue' },
    }),
    async (c) => {
      const { db, publicUrl } = c.var.deps;
      const query = c.req.valid('query');
      const badgeClasses = query.q ? await searchCatalogue(db, { q: query.q, category: query.category }) : await listBadgeClasses(db, { category: query.category });
      const issuers = await issuersById(db);
      return c.html(CataloguePage({ badgeClasses, issuers, query, publicUrl }));
    },
  );
