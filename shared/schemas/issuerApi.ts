// The issuer JSON API (/api/v1/issuer, /api/v1/badges, /api/v1/assertions): strict request variants and
// the response shapes. The presenters in api/src/openbadges/presenters.ts are typed by these, and /openapi.json is
// generated from them, so the document cannot drift from what the server sends.
import { z } from 'zod';
import { alignmentSchema, createBadgeClassSchema, REQUIREMENT_KINDS, requirementOptionSchema } from './badges';
import { badgeAttributeResultSchema, badgeAttributeSchema } from './attributes';
import { badgeCategorySchema } from './verify';

// Nested objects strict too: a typo such as "link" for "url" in a requirement is an error, not dropped.
const strictRequirements = z.array(requirementOptionSchema).max(20);
const strictAlignment = z.array(z.strictObject(alignmentSchema.shape)).max(20);

export const badgeClassBodySchema = createBadgeClassSchema.extend({
  requirements: strictRequirements.optional(),
  alignment: strictAlignment.optional(),
});

export const badgeClassPatchSchema = badgeClassBodySchema
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');

/** Path parameter of /api/v1/badges/:id and /api/v1/assertions/:id. */
export const idParamSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a valid id'),
});

const isoDateTime = z.string().datetime({ offset: true });
const absoluteUrl = z.string().url();

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string().meta({ description: 'Stable machine-readable code, e.g. invalid_request, not_found.' }),
    message: z.string().meta({ description: 'What went wrong, for people.' }),
    issues: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'One entry per invalid field (validation errors only).' }),
  }),
});
export type ErrorBodyShape = z.infer<typeof errorBodySchema>;

export const badgeClassResponseSchema = z.object({
  id: z.string(),
  url: absoluteUrl.meta({ description: 'The public badge class URL (Open Badges BadgeClass id and HTML page).' }),
  issuerId: z.string(),
  name: z.string(),
  description: z.string(),
  category: badgeCategorySchema,
  criteria: z.string(),
  requirements: z.array(
    z.object({
      id: z.string().meta({ description: 'The requirement object (GET /api/v1/requirements/{id}).' }),
      kind: z.enum(REQUIREMENT_KINDS),
      title: z.string(),
      url: z.string().optional(),
      provider: z.string().optional(),
    }),
  ),
  skills: z.array(z.string()),
  alignment: z.array(
    z.object({
      targetName: z.string(),
      targetUrl: z.string(),
      targetDescription: z.string().optional(),
      targetFramework: z.string().optional(),
      targetCode: z.string().optional(),
    }),
  ),
  validityMonths: z.number().int().nullable(),
  offersCertificate: z.boolean(),
  attribute: badgeAttributeSchema.nullable().meta({ description: 'The level or years its badges carry (each assertion gives the value), null when none.' }),
  image: absoluteUrl.meta({ description: 'Absolute URL of the badge image (a generated one when none was given).' }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type BadgeClassResponse = z.infer<typeof badgeClassResponseSchema>;

export const issuerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string().meta({ description: "The issuer's own website." }),
  publicUrl: absoluteUrl.meta({ description: 'The public issuer profile on this server.' }),
});

export const catalogueItemSchema = badgeClassResponseSchema.extend({ issuer: issuerSummarySchema });
export const catalogueResponseSchema = z.object({ items: z.array(catalogueItemSchema) });
export type CatalogueResponse = z.infer<typeof catalogueResponseSchema>;

export const ASSERTION_STATUSES = ['valid', 'expired', 'revoked'] as const;
export const CLAIM_STATES = ['pending', 'accepted', 'declined'] as const;

export const assertionResponseSchema = z.object({
  id: z.string(),
  url: absoluteUrl.meta({ description: 'The public badge URL: what earners share (LinkedIn, résumés).' }),
  badgeClassId: z.string(),
  recipient: z.object({ email: z.string(), name: z.string() }),
  issuedOn: isoDateTime,
  expires: isoDateTime.nullable(),
  evidence: z.string().nullable(),
  narrative: z.string().nullable(),
  revoked: z.boolean(),
  revocationReason: z.string().nullable(),
  claimState: z.enum(CLAIM_STATES),
  status: z.enum(ASSERTION_STATUSES),
  attribute: badgeAttributeResultSchema.shape.value
    .nullable()
    .meta({ description: "The value of its badge class's attribute (years as a number, a level as text, the volunteer flag), null when none was given." }),
});
export type AssertionResponse = z.infer<typeof assertionResponseSchema>;

export const assertionPageSchema = z.object({
  items: z.array(assertionResponseSchema),
  nextCursor: z.string().nullable().meta({ description: 'Pass as ?cursor= for the next page; null on the last page.' }),
});
export type AssertionPageResponse = z.infer<typeof assertionPageSchema>;

export const issuerResponseSchema = z.object({
  id: z.string(),
  publicUrl: absoluteUrl.meta({ description: 'The public issuer profile on this server (Open Badges Issuer id).' }),
  name: z.string(),
  url: z.string().meta({ description: "The issuer's own website." }),
  email: z.string(),
  description: z.string().nullable(),
  image: absoluteUrl.nullable().meta({ description: "Absolute URL of the issuer's image, null when it has none." }),
  linkedInOrganizationId: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type IssuerResponse = z.infer<typeof issuerResponseSchema>;
