import { Hono } from 'hono';
import { getAssertionRecord } from '../db/assertions';
import type { AppEnv } from '../http/env';
import { errorAnswer, validate } from '../http/errors';
import { publicUrls } from '../lib/urls';
import { generateBadgeSvg, generateIssuerSvg, imageBytes, parseStoredImage, pngOf } from '../openbadges/images';
import { buildCertificatePdf, certificateFileName } from '../sharing/certificate';
import { isPubliclyVisible } from '../sharing/shareable';
import { certificateQuerySchema } from '../../../shared/schemas/sharing';

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
    const pdf = await buildCertificatePdf({ record, publicUrl, size, now: now(), badgePng, issuerLogoPng });
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="${certificateFileName(record.badgeClass.name)}"`,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
  },
);
