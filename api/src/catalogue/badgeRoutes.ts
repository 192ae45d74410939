import { Hono, type Context } from 'hono';
import { getBadgeClass } from '../db/badgeClasses';
import { getIssuer } from '../db/issuers';
import { completedByAccount } from '../db/requirements';
import { selfClaimsOfBadgeClasses } from '../db/selfClaims';
import { heldAssertionId } from '../earning/selfClaims';
import { csrfToken, pageAccount } from '../earners/http';
import type { AppEnv } from '../http/env';
import { badgeClassDocument } from '../openbadges/hosted';
import { generateBadgeSvg, parseStoredImage } from '../openbadges/images';
import { IMAGE_CACHE_CONTROL, objectRequest, plainId, sendDocument, sendHtml, sendImage, sendNotFound } from '../http/objectResponses';
import { publicUrls } from '../lib/urls';
import { BadgeClassPage, type SelfClaimOffer } from '../pages/BadgeClassPage';
import { pageGuard } from '../earners/accountRoutes';
import { selfClaimForm } from '../earners/portfolioRoutes';

/** What a skill badge's page offers its viewer: to sign in, to claim it, or the badge they claimed or hold. */
async function selfClaimOffer(c: Context<AppEnv>, badgeClassId: string, accountId: string | null): Promise<SelfClaimOffer> {
  if (!accountId) return { kind: 'sign_in' };
  const { db, publicUrl } = c.var.deps;
  const urls = publicUrls(publicUrl);
  const held = await heldAssertionId(db, accountId, badgeClassId);
  if (held) return { kind: 'held', url: urls.assertion(held) };
  const [claimed] = await selfClaimsOfBadgeClasses(db, accountId, [badgeClassId]);
  return claimed ? { kind: 'claimed', url: urls.assertion(claimed.id) } : { kind: 'form', csrf: csrfToken(c) };
}

/** Public badge class URLs: the OB 2.0 BadgeClass (or the badge's page) and its image. */
export const badgeClassRoutes = new Hono<AppEnv>()
  .get('/:id', async (c) => {
    const { id, representation } = objectRequest(c, c.req.param('id'));
    const { db, publicUrl } = c.var.deps;
    const badgeClass = id ? await getBadgeClass(db, id) : null;
    if (!badgeClass) return sendNotFound(c, representation, 'badge');
    if (representation === 'html') {
      const issuer = await getIssuer(db, badgeClass.issuerId);
      if (!issuer) return sendNotFound(c, representation, 'badge');
      const isSkill = badgeClass.category === 'skill';
      const viewer = badgeClass.requirements.length > 0 || isSkill ? await pageAccount(c) : null;
      const completedRequirementIds = viewer ? await completedByAccount(db, viewer.account.id, badgeClass.requirements.map((option) => option.id)) : undefined;
      const selfClaim = isSkill ? await selfClaimOffer(c, badgeClass.id, viewer?.account.id ?? null) : undefined;
      const page = BadgeClassPage({ badgeClass, issuer, publicUrl, completedRequirementIds, selfClaim });
      const response = await sendHtml(c, page, publicUrls(publicUrl).badgeClassJson(badgeClass.id));
      // What a logged-in earner completed is theirs alone: never let a shared cache keep it.
      if (viewer) response.headers.set('Cache-Control', 'private, no-store');
      return response;
    }
    return sendDocument(c, representation, badgeClassDocument(badgeClass, publicUrls(publicUrl)));
  })
  .post('/:id/claim', pageGuard, (c) => selfClaimForm(c, c.req.param('id')))
  .get('/:id/image', async (c) => {
    const id = plainId(c.req.param('id'));
    const badgeClass = id ? await getBadgeClass(c.var.deps.db, id) : null;
    if (!badgeClass) return sendNotFound(c, 'json', 'badge');
    const stored = parseStoredImage(badgeClass.image);
    if (stored.kind === 'url') return c.redirect(stored.url, 302);
    const image = stored.kind === 'data' ? stored.image : { kind: 'svg' as const, bytes: Buffer.from(generateBadgeSvg(badgeClass)) };
    return sendImage(c, image, IMAGE_CACHE_CONTROL);
  });
