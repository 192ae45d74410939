import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { getAssertionRecord, type AssertionRecord } from '../db/assertions';
import { getSelfClaimRecord } from '../db/selfClaims';
import type { AppEnv } from '../http/env';
import { errorAnswer, errorBody } from '../http/errors';
import { ifNoneMatch, sendRendered } from '../http/renderedFiles';
import { negotiateRequest, type Representation } from '../http/negotiate';
import { assertionStatus, type AssertionStatus } from '../lib/status';
import { publicUrls } from '../lib/urls';
import { bakePng, bakeSvg } from '../openbadges/bake';
import { assertionDocument, isPubliclyListed, revokedAssertionDocument } from '../openbadges/hosted';
import { badgeImageBytes, bakedPngOf, bakedSvgOf, generatedImage } from '../openbadges/bakedImages';
import { parseStoredImage, pngOf } from '../openbadges/images';
import { ogCardPng } from '../openbadges/og';
import {
  DOCUMENT_CACHE_CONTROL,
  fileSlug,
  objectRequest,
  plainId,
  sendDocument,
  sendHtml,
  sendImage,
  sendNotFound,
} from '../http/objectResponses';
import { pageAccount } from '../earners/http';
import { AssertionPage, type AssertionPageProps } from '../pages/AssertionPage';
import { RenderedPages } from '../pages/renderedPages';
import { SelfClaimPage } from '../pages/SelfClaimPage';
import { earnerOwnsAssertion } from '../sharing/earner';
import { trackedShareLinks } from '../sharing/shareable';

/** The public badge page (no owner tools), kept per version: about 12 KB each. */
export const publicAssertionPages = new RenderedPages<AssertionPageProps>((props) => AssertionPage(props).toString(), 1000);

type Loaded = { found: false } | { found: true; record: AssertionRecord; status: AssertionStatus };

/**
 * A private assertion (or one its earner declined) is indistinguishable from an unknown one:
 * a private badge must not leak.
 */
async function loadPublicAssertion(c: Context<AppEnv>, id: string | null): Promise<Loaded> {
  const record = id ? await getAssertionRecord(c.var.deps.db, id) : null;
  if (!record || !isPubliclyListed(record.assertion)) return { found: false };
  return { found: true, record, status: assertionStatus(record.assertion, c.var.deps.now()) };
}

/** Images and baked files exist only for public, unrevoked assertions. */
async function loadImageable(c: Context<AppEnv>): Promise<AssertionRecord | Response> {
  const loaded = await loadPublicAssertion(c, plainId(c.req.param('id') ?? ''));
  if (!loaded.found) return sendNotFound(c, 'json', 'badge');
  if (loaded.status === 'revoked') {
    c.header('Cache-Control', DOCUMENT_CACHE_CONTROL);
    const page = publicUrls(c.var.deps.publicUrl).assertion(loaded.record.assertion.id);
    return errorAnswer(c, 410, 'revoked', 'This badge has been revoked by its issuer.', { link: { href: page, label: "See the badge's page" } });
  }
  return loaded.record;
}

function badgeImage(c: Context<AppEnv>, record: AssertionRecord) {
  return badgeImageBytes(record, c.var.deps.safeFetch);
}

function assertionJson(c: Context<AppEnv>, record: AssertionRecord): string {
  return JSON.stringify(assertionDocument(record.assertion, publicUrls(c.var.deps.publicUrl), record.badgeClass.attribute));
}

/**
 * A self-claimed badge at this id: its page for people; for programs a 404 that says why (there is no issuer's
 * assertion to serve until it is verified). Null when there is no such claim.
 */
async function sendSelfClaim(c: Context<AppEnv>, id: string, representation: Representation): Promise<Response | null> {
  const record = await getSelfClaimRecord(c.var.deps.db, id);
  if (!record) return null;
  // Its page is short-lived in caches: a verification turns it into the issued badge's page.
  c.header('Cache-Control', DOCUMENT_CACHE_CONTROL);
  if (representation !== 'html') {
    return c.json(errorBody('self_claimed', 'This badge is self-claimed: no issuer has verified it, so there is no Open Badges assertion for it.'), 404);
  }
  c.set('badgeViewNotCounted', true);
  return c.html(SelfClaimPage({ record, publicUrl: c.var.deps.publicUrl }), 200);
}

/**
 * The badge page for its logged-in owner: their share tools, or for a private badge the notice that only they
 * can see it (not counted as a view). Null for anyone else, who must not learn that a private badge exists.
 */
async function sendOwnerPage(c: Context<AppEnv>, record: AssertionRecord, status: AssertionStatus, isPrivate: boolean): Promise<Response | null> {
  const id = record.assertion.id;
  const viewer = await pageAccount(c);
  if (!viewer || !(await earnerOwnsAssertion(c.var.deps.db, viewer.account.id, id))) return null;
  const { publicUrl } = c.var.deps;
  if (isPrivate) c.set('badgeViewNotCounted', true);
  const owner = { shareLinks: trackedShareLinks(publicUrl, id), isPrivate };
  const response = await sendHtml(c, AssertionPage({ record, status, publicUrl, owner }), publicUrls(publicUrl).assertionJson(id), status === 'revoked' ? 410 : 200);
  // The owner's view is theirs alone: never let a shared cache keep it.
  response.headers.set('Cache-Control', 'private, no-store');
  return response;
}

/** Public assertion URLs: the OB 2.0 Assertion (or the badge page), its image, baked files and social card. */
export const assertionRoutes = new Hono<AppEnv>()
  .get('/:id', async (c) => {
    const { id, representation } = objectRequest(c, c.req.param('id'));
    const { publicUrl } = c.var.deps;
    const record = id ? await getAssertionRecord(c.var.deps.db, id) : null;
    if (!record || !isPubliclyListed(record.assertion)) {
      // A private badge opens for its owner alone; a declined one for nobody.
      const ownPrivatePage =
        record && representation === 'html' && record.assertion.claimState !== 'declined'
          ? await sendOwnerPage(c, record, assertionStatus(record.assertion, c.var.deps.now()), true)
          : null;
      return ownPrivatePage || (id && (await sendSelfClaim(c, id, representation))) || sendNotFound(c, representation, 'badge');
    }
    const status = assertionStatus(record.assertion, c.var.deps.now());
    const httpStatus = status === 'revoked' ? 410 : 200;
    if (representation === 'html') {
      const jsonUrl = publicUrls(publicUrl).assertionJson(record.assertion.id);
      const ownerPage = status === 'revoked' ? null : await sendOwnerPage(c, record, status, false);
      if (ownerPage) return ownerPage;
      // Everyone but the owner sees the public page: rendered once per version of what it shows.
      const page = await publicAssertionPages.get({ record, status, publicUrl });
      c.header('ETag', page.etag);
      if (httpStatus === 200 && ifNoneMatch(c.req.header('if-none-match'), page.etag)) {
        c.header('Cache-Control', DOCUMENT_CACHE_CONTROL);
        return c.body(null, 304);
      }
      return sendHtml(c, page.html, jsonUrl, httpStatus);
    }
    const urls = publicUrls(publicUrl);
    const document = status === 'revoked' ? revokedAssertionDocument(record.assertion, urls) : assertionDocument(record.assertion, urls, record.badgeClass.attribute);
    return sendDocument(c, representation, document, httpStatus);
  })
  .get('/:id/', (c) => {
    // Shared links sometimes gain a trailing slash; send people (and verifiers) to the canonical URL.
    const id = plainId(c.req.param('id'));
    if (!id) return sendNotFound(c, negotiateRequest(c), 'badge');
    const query = new URL(c.req.url).search;
    return c.redirect(`${publicUrls(c.var.deps.publicUrl).assertion(id)}${query}`, 301);
  })
  .get('/:id/image', async (c) => {
    const record = await loadImageable(c);
    if (record instanceof Response) return record;
    const stored = parseStoredImage(record.badgeClass.image);
    if (stored.kind === 'url') {
      c.header('Cache-Control', DOCUMENT_CACHE_CONTROL);
      return c.redirect(stored.url, 302);
    }
    const image = stored.kind === 'data' ? stored.image : { kind: 'svg' as const, bytes: Buffer.from(generatedImage(record)()) };
    return sendImage(c, image, DOCUMENT_CACHE_CONTROL);
  })
  // Always a PNG, for places that do not render SVG: email clients, signatures, résumés.
  .get('/:id/image.png', async (c) => {
    const record = await loadImageable(c);
    if (record instanceof Response) return record;
    const png = await pngOf(await badgeImage(c, record), generatedImage(record));
    return sendImage(c, { kind: 'png', bytes: png }, DOCUMENT_CACHE_CONTROL);
  })
  .get('/:id/baked.png', async (c) => {
    const record = await loadImageable(c);
    if (record instanceof Response) return record;
    const json = assertionJson(c, record);
    const baked = await bakedPngOf(record, c.var.deps.safeFetch, (png) => bakePng(png, json));
    const filename = `${fileSlug(record.badgeClass.name)}-baked.png`;
    return sendImage(c, { kind: 'png', bytes: baked }, DOCUMENT_CACHE_CONTROL, filename);
  })
  .get('/:id/baked.svg', async (c) => {
    const record = await loadImageable(c);
    if (record instanceof Response) return record;
    const json = assertionJson(c, record);
    const baked = await bakedSvgOf(record, c.var.deps.safeFetch, (svg) => bakeSvg(svg, json));
    const filename = `${fileSlug(record.badgeClass.name)}-baked.svg`;
    return sendImage(c, { kind: 'svg', bytes: Buffer.from(baked, 'utf8') }, DOCUMENT_CACHE_CONTROL, filename);
  })
  .get('/:id/og.png', async (c) => {
    const record = await loadImageable(c);
    if (record instanceof Response) return record;
    const { assertion, badgeClass, issuer } = record;
    const badgePng = await pngOf(await badgeImage(c, record), generatedImage(record));
    // Everything the card shows is in the key (the recipient's name can be corrected on any node), and the image
    // hash: a remote image that failed once must not stay replaced by the fallback.
    const shown = createHash('sha256').update(JSON.stringify([assertion.recipientName, badgeClass.name, badgeClass.category, issuer.name])).update(badgePng).digest('hex').slice(0, 24);
    const cacheKey = `${c.var.deps.publicUrl}|${assertion.id}|${badgeClass.updatedAt}|${issuer.updatedAt}|${shown}`;
    const card = await ogCardPng(cacheKey, async () => ({
      badgeName: badgeClass.name,
      issuerName: issuer.name,
      recipientName: assertion.recipientName,
      category: badgeClass.category,
      badgePng,
      host: new URL(c.var.deps.publicUrl).host,
    }));
    return sendRendered(c, card, { 'Content-Type': 'image/png', 'Cache-Control': DOCUMENT_CACHE_CONTROL, 'X-Content-Type-Options': 'nosniff' });
  });
