import { Hono } from 'hono';
import { listRevokedAssertions } from '../db/assertions';
import { listBadgeClasses } from '../db/badgeClasses';
import { getIssuer } from '../db/issuers';
import type { AppEnv } from '../http/env';
import { issuerProfileDocument, revocationListDocument } from '../openbadges/hosted';
import { generateIssuerSvg, parseStoredImage } from '../openbadges/images';
import { IMAGE_CACHE_CONTROL, objectRequest, plainId, sendDocument, sendHtml, sendImage, sendNotFound } from '../openbadges/respond';
import { publicUrls } from '../lib/urls';
import { IssuerPage } from '../pages/IssuerPage';
import { RevocationListPage } from '../pages/RevocationListPage';
import { negotiateRequest } from '../http/negotiate';

/** Public issuer URLs: the OB 2.0 Issuer Profile (or the issuer's page), its image and its RevocationList. */
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
  });
