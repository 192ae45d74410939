import { Hono } from 'hono';
import { listRevokedAssertions } from '../db/assertions';
import { listBadgeClasses } from '../db/badgeClasses';
import { getIssuer } from '../db/issuers';
import type { AppEnv } from '../http/env';
import { issuerProfileDocument, revocationListDocument } from '../openbadges/hosted';
import { generateIssuerSvg, parseStoredImage } from '../openbadges/images';
import { DOCUMENT_CACHE_CONTROL, IMAGE_CACHE_CONTROL, objectRequest, plainId, sendDocument, sendHtml, sendImage, sendNotFound } from '../http/objectResponses';
import { publicUrls } from '../lib/urls';
import { IssuerPage } from '../pages/IssuerPage';
import { RevocationListPage } from '../pages/RevocationListPage';
import { negotiateRequest, VC_TYPE } from '../http/negotiate';
import { buildDidDocument, issuerDid } from '../credentials/didWeb';
import { listIssuerKeys } from '../db/credentials';
import { ensureIssuerKey, signedStatusListJson } from '../ob3/signing';

const STATUS_LIST_ID = /^[1-9][0-9]{0,8}$/;
const DID_DOCUMENT_TYPE = 'application/did+ld+json';

/**
 * Public issuer URLs: the OB 2.0 Issuer Profile (or the issuer's page), its image and its RevocationList;
 * for Open Badges 3.0 its did:web DID document and its signed status lists.
 */
export const issuerRoutes = new Hono<AppEnv>()
  .get('/:id', async (c) => {
    const { id, representation } = objectRequest(c, c.req.param('id'));
    const { db, publicUrl } = c.var.deps;
    const issuer = id ? await getIssuer(db, id) : null;
    if (!issuer) return sendNotFound(c, representation, 'issuer');
    if (representation === 'html') {
      const badgeClasses = await listBadgeClasses(db, { issuerId: issuer.id });
      return sendHtml(c, IssuerPage({ issuer, badgeClasses, publicUrl }), publicUrls(publicUrl).issuerJson(issuer.id));
    }
    return sendDocument(c, representation, issuerProfileDocument(issuer, publicUrls(publicUrl)));
  })
  .get('/:id/image', async (c) => {
    const id = plainId(c.req.param('id'));
    const issuer = id ? await getIssuer(c.var.deps.db, id) : null;
    if (!issuer) return sendNotFound(c, 'json', 'issuer');
    const stored = parseStoredImage(issuer.image);
    if (stored.kind === 'url') return c.redirect(stored.url, 302);
    const image = stored.kind === 'data' ? stored.image : { kind: 'svg' as const, bytes: Buffer.from(generateIssuerSvg(issuer)) };
    return sendImage(c, image, IMAGE_CACHE_CONTROL);
  })
  .get('/:id/revocations', async (c) => {
    const id = plainId(c.req.param('id'));
    const { db, publicUrl } = c.var.deps;
    // A JSON-LD document for verifiers whatever they accept; a page only for a browser that prefers HTML.
    const representation = negotiateRequest(c) === 'html' ? 'html' : 'jsonld';
    c.header('Vary', 'Accept, User-Agent');
    const issuer = id ? await getIssuer(db, id) : null;
    if (!issuer) return sendNotFound(c, representation, 'issuer');
    const document = revocationListDocument(issuer.id, await listRevokedAssertions(db, issuer.id), publicUrls(publicUrl));
    if (representation === 'html') {
      return sendHtml(c, RevocationListPage({ issuer, revoked: document.revokedAssertions, publicUrl }), document.id);
    }
    return sendDocument(c, 'jsonld', document);
  })
  .get('/:id/did.json', async (c) => {
    const id = plainId(c.req.param('id'));
    const { db, publicUrl } = c.var.deps;
    const issuer = id ? await getIssuer(db, id) : null;
    // Verifiers anywhere read DID documents and status lists, also from web pages.
    c.header('Access-Control-Allow-Origin', '*');
    if (!issuer) return sendNotFound(c, 'json', 'issuer');
    // Issuers from before Open Badges 3.0 get their first key here, if nothing needed it before.
    await ensureIssuerKey(c.var.deps, issuer.id);
    const document = buildDidDocument(issuerDid(publicUrl, issuer.id), await listIssuerKeys(db, issuer.id));
    return c.body(JSON.stringify(document), 200, { 'Content-Type': DID_DOCUMENT_TYPE, 'Cache-Control': DOCUMENT_CACHE_CONTROL });
  })
  .get('/:id/status/:listId', async (c) => {
    const id = plainId(c.req.param('id'));
    const listId = c.req.param('listId');
    c.header('Access-Control-Allow-Origin', '*');
    const json = id && STATUS_LIST_ID.test(listId) ? await signedStatusListJson(c.var.deps, id, Number(listId)) : null;
    if (!json) return sendNotFound(c, 'json', 'status list');
    return c.body(json, 200, { 'Content-Type': VC_TYPE, 'Cache-Control': DOCUMENT_CACHE_CONTROL });
  });
