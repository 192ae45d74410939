import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { getAssertionRecord } from '../db/assertions';
import type { AppEnv } from '../http/env';
import { errorAnswer, validate } from '../http/errors';
import { RenderedFiles, sendRendered } from '../http/renderedFiles';
import { publicUrls } from '../lib/urls';
import { generateBadgeSvg, generateIssuerSvg, imageBytes, parseStoredImage, pngOf } from '../openbadges/images';
import { certificateFileName } from './certificateFileName';
import { isPubliclyVisible } from './shareable';
import { certificateQuerySchema } from '../../../shared/schemas/sharing';

/**
 * Rendered certificates (each rendered once per version and paper size): the most recent in memory, the others on
 * disk. 2 MB in memory, where the social cards keep 8: a certificate is a download, seldom asked for twice in a row.
 */
export const certificates = new RenderedFiles({ memoryBytes: 2 * 1024 * 1024, diskBytes: 512 * 1024 * 1024 });

/** `GET /assertions/:id/certificate.pdf?size=a4|letter`: the printable certificate, when the issuer offers one. */
export const certificateRoutes = new Hono<AppEnv>().get(
  '/:id/certificate.pdf',
  validate('query', certificateQuerySchema),
  async (c) => {
    const { db, publicUrl, now } = c.var.deps;
    const { size } = c.req.valid('query');
    const record = await getAssertionRecord(db, c.req.param('id'));
    if (!record || !isPubliclyVisible(record)) {
      return errorAnswer(c, 404, 'not_found', 'There is no public badge with this id.');
    }
    const badgePage = { href: publicUrls(publicUrl).assertion(record.assertion.id), label: "See the badge's page" };
    if (record.assertion.revoked) {
      return errorAnswer(c, 410, 'revoked', `This badge was revoked by ${record.issuer.name}, so it has no certificate.`, { link: badgePage });
    }
    if (!record.badgeClass.offersCertificate) {
      return errorAnswer(
        c,
        404,
        'certificate_not_offered',
        `${record.issuer.name} does not offer printable certificates for the badge "${record.badgeClass.name}".`,
        { link: badgePage },
      );
    }
    // The badge's image and the issuer's logo as PNG (stored, fetched through the safe fetcher, or generated).
    const { safeFetch } = c.var.deps;
    const asPng = async (stored: string | null, generate: () => string) => pngOf(await imageBytes(parseStoredImage(stored), generate, safeFetch), generate);
    const [badgePng, issuerLogoPng] = await Promise.all([
      asPng(record.badgeClass.image, () => generateBadgeSvg(record.badgeClass)),
      asPng(record.issuer.image, () => generateIssuerSvg(record.issuer)),
    ]);
    // Everything the certificate shows: the data (images by their PNG bytes: a remote image that failed once must
    // not stay replaced by its fallback), the paper size, and whether it has expired by now.
    const { assertion, badgeClass, issuer } = record;
    const shown = createHash('sha256')
      .update(JSON.stringify([assertion.recipientName, assertion.issuedOn, assertion.expires, badgeClass.name, badgeClass.description, badgeClass.category, issuer.name, issuer.url]))
      .update(badgePng)
      .update(issuerLogoPng)
      .digest('hex');
    const expired = assertion.expires !== null && Date.parse(assertion.expires) <= now().getTime();
    const key = `${publicUrl}|${assertion.id}|${size}|${badgeClass.updatedAt}|${issuer.updatedAt}|${expired}|${shown}`;
    // pdf-lib and fontkit (about 30 MB) are loaded when the first certificate is rendered, not at start.
    const pdf = await certificates.get(key, async () => (await import('./certificate')).buildCertificatePdf({ record, publicUrl, size, now: now(), badgePng, issuerLogoPng }));
    return sendRendered(c, pdf, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${certificateFileName(badgeClass.name)}"`,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
  },
);
