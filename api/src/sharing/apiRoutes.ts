import { Hono } from 'hono';
import { issuerBadgeStats } from '../db/sharing';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { issuerAuth } from '../http/issuerAuth';
import { requireEarner } from './earner';
import { shareKitFor } from './kit';
import { documented } from '../http/documentedValidation';

/** Mounted at /api/v1: the earner's share kit for one badge, and the issuer's view and share counts. */
export const shareApiRoutes = new Hono<AppEnv>()
  .get('/assertions/:id/share', requireEarner, async (c) => {
    const found = await shareKitFor(c.var.deps, c.var.accountId, c.req.param('id'));
    if (found.ok) return c.json(found.kit, 200);
    if (found.reason === 'not_found') return apiError(c, 404, 'not_found', 'You have no badge with this id.');
    if (found.reason === 'revoked') return apiError(c, 410, 'revoked', `${found.issuerName} revoked this badge, so it cannot be shared.`);
    return apiError(c, 409, 'badge_private', 'This badge is private. Make it public before sharing it.');
  })
  .get('/stats', issuerAuth, documented('query', 'get /api/v1/stats'), async (c) => {
    await c.var.deps.badgeEvents.flush(); // this node's waiting counts first: an issuer sees the views it just caused
    const badgeClasses = await issuerBadgeStats(c.var.deps.db, c.var.issuerId, c.req.valid('query'));
    return c.json({ badgeClasses }, 200);
  });
