// Organisations (companies and schools), their roles and courses, earners' opt-ins, matching and
// contact through BadgeLens (/api/v1/organisations, /api/v1/me/opt-ins, /api/v1/match): bodies,
// queries and response shapes. /openapi.json is generated from them.
import { z } from 'zod';
import { httpUrlSchema } from './badges';
import { MAX_PANEL_BADGES } from './jobsites';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = (max: number) => z.string().trim().max(max).default('');
export const entityIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a valid id');
const badgeIds = (max: number) => z.array(entityIdSchema).max(max).default([]);
const dateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
  .refine((value) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value), 'is not a real date');

export const ORGANISATION_KINDS = ['company', 'school'] as const;
export const STAFF_ROLES = ['owner', 'editor'] as const;
export const COURSE_FORMATS = ['online', 'in_person'] as const;

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/, 'must be 1 to 60 lower-case letters, digits and hyphens (not at either end)');

export const organisationBodySchema = z.strictObject({
  kind: z.enum(ORGANISATION_KINDS),
  name: text(200),
  slug: slugSchema,
  location: optionalText(200),
  description: optionalText(5000),
  published: z.boolean().default(false),
});
export type OrganisationBody = z.infer<typeof organisationBodySchema>;

export const organisationPatchSchema = z
  .strictObject({ name: text(200), slug: slugSchema, location: z.string().trim().max(200), description: z.string().trim().max(5000), published: z.boolean() })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');
export type OrganisationPatch = z.infer<typeof organisationPatchSchema>;

export const roleBodySchema = z
  .strictObject({
    title: text(200),
    location: optionalText(200),
    requiredBadgeIds: badgeIds(50),
    preferredBadgeIds: badgeIds(50),
    postingUrl: httpUrlSchema.nullable().default(null),
  })
  .refine((role) => role.requiredBadgeIds.length + role.preferredBadgeIds.length > 0, { message: 'name at least one required or preferred badge', path: ['requiredBadgeIds'] })
  .refine((role) => !role.requiredBadgeIds.some((id) => role.preferredBadgeIds.includes(id)), { message: 'a badge is either required or preferred, not both', path: ['preferredBadgeIds'] });
export type RoleBody = z.infer<typeof roleBodySchema>;

export const courseBodySchema = z
  .strictObject({
    title: text(200),
    format: z.enum(COURSE_FORMATS),
    location: optionalText(200),
    startsOn: dateSchema.nullable().default(null),
    endsOn: dateSchema.nullable().default(null),
    url: httpUrlSchema.nullable().default(null),
    badgeIds: z.array(entityIdSchema).min(1, 'name at least one badge the course prepares for').max(50),
    requirementIds: badgeIds(100),
  })
  .refine((course) => course.startsOn === null || course.endsOn === null || course.startsOn <= course.endsOn, { message: 'endsOn must not be before startsOn', path: ['endsOn'] })
  .refine((course) => course.format === 'online' || course.location !== '', { message: 'an in-person course needs a location', path: ['location'] });
export type CourseBody = z.infer<typeof courseBodySchema>;

export const invitationBodySchema = z.strictObject({
  email: z.string().trim().max(254).email('must be an email address'),
  role: z.enum(STAFF_ROLES).default('editor'),
});

export const optInsBodySchema = z.strictObject({
  jobSeeker: z.boolean(),
  student: z.boolean(),
  location: optionalText(200),
  wantedBadgeIds: badgeIds(50),
});
export type OptInsBody = z.infer<typeof optInsBodySchema>;

export const contactBodySchema = z.strictObject({
  organisationId: entityIdSchema,
  candidateId: entityIdSchema,
  message: text(2000),
});

export const organisationParamSchema = z.strictObject({ id: entityIdSchema });
export const organisationItemParamSchema = z.strictObject({ id: entityIdSchema, itemId: entityIdSchema });

const limitSchema = z.coerce.number().int().min(1).max(200).default(50);
export const candidatesQuerySchema = z.strictObject({ role: entityIdSchema, limit: limitSchema });
export const coursesQuerySchema = z.strictObject({ badge: entityIdSchema, near: z.string().trim().max(200).optional() });
/** One related-opportunities request names the job panel's badges. */
export const relatedQuerySchema = z.strictObject({
  badges: z
    .string()
    .regex(new RegExp(`^[A-Za-z0-9_-]{1,64}(,[A-Za-z0-9_-]{1,64}){0,${MAX_PANEL_BADGES - 1}}$`), `must be 1 to ${MAX_PANEL_BADGES} badge ids separated by commas`),
});
export const studentsQuerySchema = z.strictObject({ organisation: entityIdSchema });

// Responses.

const badgeRefSchema = z.object({ id: z.string(), name: z.string(), imageUrl: z.string(), url: z.string() });

export const organisationSchema = z.object({
  id: z.string(),
  kind: z.enum(ORGANISATION_KINDS),
  name: z.string(),
  slug: z.string(),
  location: z.string(),
  description: z.string(),
  published: z.boolean(),
  pageUrl: z.string(),
  /** The signed-in person's role in it (owner or editor). */
  role: z.enum(STAFF_ROLES),
});

export const roleSchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  title: z.string(),
  location: z.string(),
  postingUrl: z.string().nullable(),
  required: z.array(badgeRefSchema),
  preferred: z.array(badgeRefSchema),
});

export const courseSchema = z.object({
  id: z.string(),
  organisationId: z.string(),
  title: z.string(),
  format: z.enum(COURSE_FORMATS),
  location: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  url: z.string().nullable(),
  badges: z.array(badgeRefSchema),
  requirementIds: z.array(z.string()),
});

export const staffSchema = z.object({ accountId: z.string(), name: z.string(), role: z.enum(STAFF_ROLES) });

export const optInsSchema = z.object({
  jobSeeker: z.boolean(),
  student: z.boolean(),
  location: z.string(),
  wantedBadgeIds: z.array(z.string()),
  /** The person's public page, present while they are discoverable. */
  pageUrl: z.string().nullable(),
});

const fitSchema = z.object({
  requiredHeld: z.number(),
  requiredTotal: z.number(),
  preferredHeld: z.number(),
  preferredTotal: z.number(),
  verified: z.number(),
  selfClaimed: z.number(),
  current: z.number(),
  expired: z.number(),
  years: z.number(),
  explanation: z.string(),
});

export const candidatesResponseSchema = z.object({
  role: z.object({ id: z.string(), title: z.string() }),
  total: z.number(),
  items: z.array(
    fitSchema.extend({
      candidateId: z.string(),
      name: z.string(),
      location: z.string(),
      pageUrl: z.string(),
      missingRequired: z.array(badgeRefSchema),
    }),
  ),
});

const earnOptionSchema = z.object({
  badge: badgeRefSchema,
  courses: z.array(z.object({ id: z.string(), title: z.string(), organisation: z.string(), organisationUrl: z.string(), format: z.enum(COURSE_FORMATS), location: z.string(), startsOn: z.string().nullable() })),
  requirements: z.array(z.object({ id: z.string(), title: z.string(), kind: z.string(), url: z.string().nullable() })),
});

export const rolesMatchResponseSchema = z.object({
  items: z.array(
    fitSchema.extend({
      role: z.object({ id: z.string(), title: z.string(), location: z.string(), postingUrl: z.string().nullable(), organisation: z.string(), organisationUrl: z.string() }),
      missing: z.array(earnOptionSchema),
    }),
  ),
});

export const coursesMatchResponseSchema = z.object({
  badge: badgeRefSchema,
  items: z.array(courseSchema.extend({ organisation: z.string(), organisationUrl: z.string(), where: z.string() })),
});

const relatedItemFields = { id: z.string(), title: z.string(), location: z.string(), organisation: z.string(), organisationUrl: z.string(), badgeIds: z.array(z.string()) };
export const relatedResponseSchema = z.object({
  roles: z.array(z.object({ ...relatedItemFields, postingUrl: z.string().nullable() })),
  courses: z.array(z.object({ ...relatedItemFields, format: z.enum(COURSE_FORMATS), startsOn: z.string().nullable(), endsOn: z.string().nullable(), url: z.string().nullable() })),
});
export type RelatedResponse = z.infer<typeof relatedResponseSchema>;

export const studentsMatchResponseSchema = z.object({
  total: z.number(),
  perBadge: z.array(z.object({ badge: badgeRefSchema, students: z.number() })),
  /** Students who opted in and can be contacted through BadgeLens. */
  items: z.array(z.object({ candidateId: z.string(), name: z.string(), location: z.string(), pageUrl: z.string(), wants: z.array(z.string()) })),
});

export const contactResponseSchema = z.object({ id: z.string(), state: z.literal('sent') });
export const invitationResponseSchema = z.object({ email: z.string(), role: z.enum(STAFF_ROLES), expiresAt: z.string() });
