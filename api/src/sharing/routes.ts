import { Hono } from 'hono';
import { getAssertionRecord } from '../db/assertions';
import type { AppEnv } from '../http/env';
import { validate } from '../http/errors';
import { NotFoundPage } from '../pages/NotFoundPage';
import { channelUrl, isPubliclyVisible, shareableBadge } from './shareable';
import { countForClient } from './views';
import { trackedShareParamsSchema } from '../../../shared/schemas/sharing';

/**
 * Tracked share links `/s/:assertionId/:channel`: count the share, then send the person on to the
 * channel (LinkedIn, X, Facebook, email). People follow these links, so failures answer with pages.
 */
export const shareRoutes = new Hono<AppEnv>().get(
  '/:assertionId/:channel',
  validate('param', trackedShareParamsSchema, {
    pageMessage: 'This share link does not lead anywhere: badges are shared to LinkedIn, X, Facebook or by email. Ask the person who sent it for the address of the badge itself.',
  }),
  async (c) => {
    const { assertionId, channel } = c.req.valid('param');
    const { db, publicUrl } = c.var.deps;
    c.header('Cache-Control', 'no-store');

    const record = await getAssertionRecord(db, assertionId);
    if (!record || !isPubliclyVisible(record)) {
      return c.html(
        NotFoundPage({ title: 'Badge not found', message: 'There is no public badge at this link.', publicUrl }),
        404,
      );
    }
    if (record.assertion.revoked) {
      return c.html(
        NotFoundPage({
          title: 'This badge was revoked',
          message: `${record.issuer.name} revoked this badge, so it can no longer be shared.`,
          publicUrl,
        }),
        410,
      );
    }

    const target = channelUrl(shareableBadge(record, publicUrl), channel);
    // HEAD is what link checkers send; only a real visit counts as a share, once per client and day.
    if (c.req.method === 'GET') await countForClient(c, assertionId, channel, { setVisitorCookie: true });
    return c.redirect(target, 302);
  },
);
