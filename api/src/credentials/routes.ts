import { Hono, type Context } from 'hono';
import { getAssertionRecord, type AssertionRecord } from '../db/assertions';
import { bakeCredentialPng, bakeCredentialSvg } from './bake';
import type { AppEnv } from '../http/env';
import { errorAnswer } from '../http/errors';
import { JSON_LD_TYPE, negotiateCredential, VC_TYPE } from '../http/negotiate';
import { publicUrls } from '../lib/urls';
import { bakedPngOf, bakedSvgOf } from '../openbadges/bakedImages';
import { isPubliclyListed } from '../openbadges/hosted';
import { DOCUMENT_CACHE_CONTROL, fileSlug, plainId, sendImage, sendNotFound } from '../http/objectResponses';
import { signedCredentialJson } from '../ob3/signing';

/**
 * A public badge's record: accepted or pending, not declined or made private (those answer like unknown
 * ids, so a private badge does not leak). Revoked ones are found: their status list says revoked.
 */
async function loadPublicRecord(c: Context<AppEnv>, id: string | null): Promise<AssertionRecord | null> {
  const record = id ? await getAssertionRecord(c.var.deps.db, id) : null;
  return record && isPubliclyListed(record.assertion) ? record : null;
}

/** The badge image with its credential baked in: public, unrevoked badges only (as /assertions/:id/baked.*). */
async function loadBakeable(c: Context<AppEnv>): Promise<{ record: AssertionRecord; json: string } | Response> {
  const record = await loadPublicRecord(c, plainId(c.req.param('id') ?? ''));
  if (!record) return sendNotFound(c, 'json', 'badge');
  if (record.assertion.revoked) {
    c.header('Cache-Control', DOCUMENT_CACHE_CONTROL);
    const page = publicUrls(c.var.deps.publicUrl).assertion(record.assertion.id);
    return errorAnswer(c, 410, 'revoked', 'This badge has been revoked by its issuer.', { link: { href: page, label: "See the badge's page" } });
  }
  return { record, json: await signedCredentialJson(c.var.deps, record) };
}

/**
 * Open Badges 3.0 credentials (DESIGN.md §3): `/credentials/:id` is the signed OpenBadgeCredential of the
 * badge `/assertions/:id`, as stored when it was signed (every fetch gets the same bytes); `.json` is the
 * same as a download; `baked.png` / `baked.svg` carry exactly that JSON. Readable from any origin.
 */
export const credentialRoutes = new Hono<AppEnv>()
  .use(async (c, next) => {
    await next();
    c.res.headers.set('Access-Control-Allow-Origin', '*');
  })
  .get('/:id', async (c) => {
    const raw = c.req.param('id');
    const download = raw.endsWith('.json');
    const id = plainId(download ? raw.slice(0, -'.json'.length) : raw);
    if (!download) c.header('Vary', 'Accept, User-Agent');
    const representation = download ? 'vc' : negotiateCredential(c.req.header('accept'), c.req.header('user-agent'));
    const record = await loadPublicRecord(c, id);
    if (!record) return sendNotFound(c, representation === 'html' ? 'html' : 'json', 'badge');
    if (representation === 'html') return c.redirect(publicUrls(c.var.deps.publicUrl).assertion(record.assertion.id), 303);
    const json = await signedCredentialJson(c.var.deps, record);
    return c.body(json, 200, {
      'Content-Type': representation === 'jsonld' ? JSON_LD_TYPE : VC_TYPE,
      'Cache-Control': DOCUMENT_CACHE_CONTROL,
      'X-Content-Type-Options': 'nosniff',
      ...(download ? { 'Content-Disposition': `attachment; filename="${fileSlug(record.badgeClass.name)}-open-badges-3.json"` } : {}),
    });
  })
  .get('/:id/baked.png', async (c) => {
    const loaded = await loadBakeable(c);
    if (loaded instanceof Response) return loaded;
    const baked = await bakedPngOf(loaded.record, c.var.deps.safeFetch, (png) => bakeCredentialPng(png, loaded.json));
    return sendImage(c, { kind: 'png', bytes: baked }, DOCUMENT_CACHE_CONTROL, `${fileSlug(loaded.record.badgeClass.name)}-open-badges-3.png`);
  })
  .get('/:id/baked.svg', async (c) => {
    const loaded = await loadBakeable(c);
    if (loaded instanceof Response) return loaded;
    const baked = await bakedSvgOf(loaded.record, c.var.deps.safeFetch, (svg) => bakeCredentialSvg(svg, loaded.json));
    const filename = `${fileSlug(loaded.record.badgeClass.name)}-open-badges-3.svg`;
    return sendImage(c, { kind: 'svg', bytes: Buffer.from(baked, 'utf8') }, DOCUMENT_CACHE_CONTROL, filename);
  });
