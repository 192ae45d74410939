import { Hono } from 'hono';
import { getAssertionRecord } from '../db/assertions';
import { getImportedBadge, isImportedId } from '../db/importedBadges';
import { importedSharePayload } from '../imports/share';
import { currentImportedBadges } from '../imports/service';
import { issuerBadgeStats } from '../db/sharing';
import type { AppEnv } from '../http/env';
import { apiError, validate } from '../http/errors';
import { issuerAuth } from '../http/issuerAuth';
import { earnerOwnsAssertion, requireEarner } from '../sharing/earner';
import { payloadNotShareableReason, sharePayload } from '../sharing/payload';
import { statsQuerySchema } from '../../../shared/schemas/sharing';

/** Mounted at /api/v1: the earner's share kit for one badge, and the issuer's view and share counts. */
export const shareApiRoutes = new Hono<AppEnv>()
  .get('/assertions/:id/share', requireEarner, async (c) => {
    const { db, publicUrl } = c.var.deps;
    const id = c.req.param('id');
    if (isImportedId(id)) {
      const owned = await getImportedBadge(db, id);
      const current = owned?.accountId === c.var.accountId ? (await currentImportedBadges(c.var.deps, c.var.accountId)).find((badge) => badge.id === id) : undefined;
      if (!current) return apiError(c, 404, 'not_found', 'You have no badge with this id.');
      if (current.status === 'revoked') return apiError(c, 410, 'revoked', `${current.badge.issuer.name || 'Its issuer'} revoked this badge, so it cannot be shared.`);
      if (!current.isPublic) return apiError(c, 409, 'badge_private', 'This badge is private. Make it public before sharing it.');
      return c.json(importedSharePayload(current, publicUrl), 200);
    }
    // Someone else's badge answers exactly like a missing one, so ids cannot be probed.
    const record = (await earnerOwnsAssertion(db, c.var.accountId, id)) ? await getAssertionRecord(db, id) : null;
    if (!record) return apiError(c, 404, 'not_found', 'You have no badge with this id.');
    const refusal = payloadNotShareableReason(record);
    if (refusal === 'revoked') {
      return apiError(c, 410, 'revoked', `${record.issuer.name} revoked this badge, so it cannot be shared.`);
    }
    if (refusal === 'private') {
      return apiError(c, 409, 'badge_private', 'This badge is private. Make it public before sharing it.');
    }
    return c.json(sharePayload(record, publicUrl), 200);
  })
  .get('/stats', issuerAuth, validate('query', statsQuerySchema), async (c) => {
    const badgeClasses = await issuerBadgeStats(c.var.deps.db, c.var.issuerId, c.req.valid('query'));
    return c.json({ badgeClasses }, 200);
  });
