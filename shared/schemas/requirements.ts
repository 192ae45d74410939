// Requirement objects and their completions (/api/v1/requirements): request bodies and response shapes.
// /openapi.json is generated from them.
import { z } from 'zod';
import { attributeValueInput } from './attributes';
import { httpUrlSchema, REQUIREMENT_KINDS, requirementSchema } from './badges';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const requirementBodySchema = z.strictObject(requirementSchema.shape);
export type RequirementBody = z.infer<typeof requirementBodySchema>;

export const requirementPatchSchema = z
  .strictObject({
    kind: requirementSchema.shape.kind,
    title: text(200),
    url: httpUrlSchema.nullable(),
    provider: text(200).nullable(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');
export type RequirementPatch = z.infer<typeof requirementPatchSchema>;

/** A date (2026-03-01) or an ISO 8601 date-time with a time zone. */
const completedOnSchema = z
  .string()
  .trim()
  .max(40)
  .refine((value) => (/^\d{4}-\d{2}-\d{2}$/.test(value) || z.string().datetime({ offset: true }).safeParse(value).success) && !Number.isNaN(Date.parse(value)), 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time with a time zone');

export const completionBodySchema = z.strictObject({
  email: z.string().trim().max(254).email('must be an email address'),
  name: text(200),
  completedOn: completedOnSchema.optional(),
  evidence: httpUrlSchema.optional(),
  attributes: z
    .record(z.string().max(64), attributeValueInput)
    .refine((values) => Object.keys(values).length <= 100, 'must give at most 100 values')
    .optional()
    .meta({ description: 'Attribute values (years, level, volunteer flag) by badge class id, for the badges this completion issues or verifies.' }),
});
export type CompletionBody = z.infer<typeof completionBodySchema>;

const isoDateTime = z.string().datetime({ offset: true });

export const requirementResponseSchema = z.object({
  id: z.string(),
  issuerId: z.string(),
  kind: z.enum(REQUIREMENT_KINDS),
  title: z.string(),
  url: z.string().nullable(),
  provider: z.string().nullable(),
  badgeIds: z.array(z.string()).meta({ description: 'The badge classes listing this requirement as an option.' }),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type RequirementResponse = z.infer<typeof requirementResponseSchema>;

export const requirementListSchema = z.object({ items: z.array(requirementResponseSchema) });

const awardSchema = z.object({
  badgeId: z.string(),
  assertionId: z.string(),
  url: z.string().url().meta({ description: 'The public badge URL.' }),
});
export type Award = z.infer<typeof awardSchema>;

export const completionResponseSchema = z.object({
  awarded: z.array(awardSchema).meta({ description: 'Badges issued by this completion.' }),
  verified: z.array(awardSchema).meta({ description: "The person's self-claimed badges this completion verified in place." }),
  alreadyHeld: z.array(awardSchema).meta({ description: 'Badges listing this requirement that the person already held.' }),
});
export type CompletionResponse = z.infer<typeof completionResponseSchema>;
