import { z } from 'zod';

/** The channels a tracked share link (`/s/:assertionId/:channel`) can lead to. */
export const SHARE_CHANNELS = ['linkedin', 'linkedin-profile', 'x', 'facebook', 'email'] as const;
export type ShareChannel = (typeof SHARE_CHANNELS)[number];
export const shareChannelSchema = z.enum(SHARE_CHANNELS);

// Any id is looked up as is: an id that cannot exist is simply not found (404), never a 400.
export const trackedShareParamsSchema = z.object({
  assertionId: z.string(),
  channel: shareChannelSchema,
});

/** A calendar day, YYYY-MM-DD, that exists (no 2025-02-30). */
export const calendarDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(isCalendarDay, 'must be a real calendar date');

// Runs even when the regex failed (zod keeps checking), so it must not throw on any string.
function isCalendarDay(value: string): boolean {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
}

/** `?from=&to=` of GET /api/v1/stats: inclusive UTC days, both optional. */
export const statsQuerySchema = z
  .object({ from: calendarDay.optional(), to: calendarDay.optional() })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'from must not be after to',
    path: ['from'],
  });
export type StatsQuery = z.infer<typeof statsQuerySchema>;

export const CERTIFICATE_SIZES = ['a4', 'letter'] as const;
export type CertificateSize = (typeof CERTIFICATE_SIZES)[number];
export const certificateQuerySchema = z.object({ size: z.enum(CERTIFICATE_SIZES).default('a4') });

const shareCounts = z.object(Object.fromEntries(SHARE_CHANNELS.map((channel) => [channel, z.number().int()])) as Record<ShareChannel, z.ZodNumber>);

export const statsResponseSchema = z.object({
  badgeClasses: z.array(
    z.object({ id: z.string(), name: z.string(), views: z.number().int(), shares: shareCounts }),
  ),
});
export type StatsResponse = z.infer<typeof statsResponseSchema>;

const links = z.object({
  linkedinProfile: z.string(),
  linkedin: z.string(),
  x: z.string(),
  facebook: z.string(),
  email: z.string(),
});
const htmlAndText = z.object({ html: z.string(), text: z.string() });

/** GET /api/v1/assertions/:id/share */
export const shareResponseSchema = z.object({
  badgeUrl: z.string(),
  links,
  directLinks: links,
  signature: z.object({ small: htmlAndText, large: htmlAndText }),
  resume: z.object({ html: z.string(), markdown: z.string() }),
  /** Baked images and the signed credential: null for a badge imported from another site (its issuer bakes and signs it, not this server). */
  downloads: z.object({
    bakedPng: z.string().nullable(),
    bakedSvg: z.string().nullable(),
    certificatePdf: z.string().nullable(),
    /** The signed Open Badges 3.0 credential as a file. */
    credential: z.string().nullable(),
  }),
  /** The signed Open Badges 3.0 credential (application/vc); null for an imported badge. */
  credentialUrl: z.string().nullable(),
});
export type ShareResponse = z.infer<typeof shareResponseSchema>;
