// Importing a badge from elsewhere into an earner's portfolio (POST /api/v1/me/badges/import, and the
// portfolio's "Add a badge from elsewhere" form).
import { z } from 'zod';
import { COMPACT_JWS, MAX_BADGE_URL_LENGTH, VERIFY_FORMATS, VERIFY_PLATFORMS } from './verify';

/** The largest file (baked PNG or SVG, OB JSON) an earner may hand in. */
export const MAX_IMPORT_FILE_BYTES = 1024 * 1024;
/** A VC-JWT pasted in: far more than any real one. */
export const MAX_IMPORT_JWT_CHARS = 64 * 1024;
/** `data:image/png;base64,` + base64 of MAX_IMPORT_FILE_BYTES. */
const MAX_DATA_URI_CHARS = 40 + Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4;

export const IMPORT_IMAGE_DATA_URI = /^data:image\/(png|svg\+xml);base64,[A-Za-z0-9+/]+={0,2}$/;

/**
 * Exactly one of: `url` (a badge's page or JSON), `credential` (an Open Badges 2.0 assertion or 3.0
 * credential object, or a VC-JWT), `image` (a baked PNG or SVG as a base64 data: URI).
 */
export const importRequestSchema = z
  .strictObject({
    url: z.string().trim().min(1, 'url is empty').max(MAX_BADGE_URL_LENGTH, `url has at most ${MAX_BADGE_URL_LENGTH} characters`).optional(),
    credential: z
      .union([
        z.record(z.string(), z.unknown()),
        z.string().trim().max(MAX_IMPORT_JWT_CHARS).regex(COMPACT_JWS, 'a credential string must be a compact VC-JWT (header.payload.signature)'),
      ])
      .optional(),
    image: z
      .string()
      .max(MAX_DATA_URI_CHARS, `the image is larger than ${MAX_IMPORT_FILE_BYTES / (1024 * 1024)} MB`)
      .regex(IMPORT_IMAGE_DATA_URI, 'image must be a data: URI of a PNG or SVG (data:image/png;base64,…)')
      .optional(),
  })
  .refine((body) => [body.url, body.credential, body.image].filter((value) => value !== undefined).length === 1, {
    message: 'give exactly one of url, credential or image',
  });
export type ImportRequest = z.infer<typeof importRequestSchema>;

/** Where a badge in the portfolio comes from: issued on this server, or imported (and verified at its source). */
export const meBadgeSourceSchema = z.object({
  imported: z.boolean(),
  platform: z.enum(VERIFY_PLATFORMS),
  format: z.enum(VERIFY_FORMATS).nullable(),
  /** When an imported badge was last verified at its source; null for this server's own badges. */
  checkedAt: z.string().nullable(),
});
export type MeBadgeSource = z.infer<typeof meBadgeSourceSchema>;

/** The text fields of the portfolio's "Add a badge from elsewhere" form (the file comes apart). */
export const importFormSchema = z.object({
  url: z.string().trim().max(MAX_BADGE_URL_LENGTH, `The badge address can have at most ${MAX_BADGE_URL_LENGTH} characters.`).default(''),
  jwt: z
    .string()
    .trim()
    .max(MAX_IMPORT_JWT_CHARS, 'This VC-JWT is far longer than any badge.')
    .refine((jwt) => jwt === '' || COMPACT_JWS.test(jwt), 'A VC-JWT is three parts of letters, digits, - and _ joined by dots (header.payload.signature).')
    .default(''),
});
