import { z } from 'zod';
import { MAX_SKILL_PHRASES } from '../skills';
import { attributeValueInput, badgeAttributeSchema } from './attributes';
import { badgeCategorySchema } from './verify';

const MAX_TEXT = 5_000;
const MAX_IMAGE_CHARS = 1_500_000;

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const httpUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => isHttpUrl(value, ['http:', 'https:']), 'must be an http(s) URL');
const httpsUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((value) => isHttpUrl(value, ['https:']), 'must be an https URL');

function isHttpUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** An image given as an https URL or a data: URI holding a PNG or an SVG. */
export const imageInputSchema = z
  .string()
  .trim()
  .max(MAX_IMAGE_CHARS, 'image is too large (1.5 MB of text at most)')
  .refine(
    (value) => isHttpUrl(value, ['https:']) || /^data:image\/(png|svg\+xml)(;base64)?,/.test(value),
    'must be an https URL or a data: URI of a PNG or SVG image',
  );

export const REQUIREMENT_KINDS = ['course', 'seminar', 'quiz', 'conference', 'other'] as const;
export const requirementSchema = z.object({
  kind: z.enum(REQUIREMENT_KINDS),
  title: text(200),
  url: httpUrl.optional(),
  provider: text(200).optional(),
});
export type Requirement = z.infer<typeof requirementSchema>;

/** An id of a requirement object of this server (POST /api/v1/requirements). */
export const requirementIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'is not a valid id');

/**
 * An option of a badge class: a requirement object by its id (`{id}` alone), or an inline requirement
 * (created or reused by title and URL). One object rather than a union, so that errors name the field.
 */
export const requirementOptionSchema = z
  .strictObject({
    id: requirementIdSchema.optional(),
    kind: requirementSchema.shape.kind.optional(),
    title: requirementSchema.shape.title.optional(),
    url: requirementSchema.shape.url,
    provider: requirementSchema.shape.provider,
  })
  .superRefine((option, ctx) => {
    if (option.id !== undefined) {
      if (Object.keys(option).length > 1) ctx.addIssue({ code: 'custom', path: ['id'], message: 'give either an id alone or an inline requirement' });
      return;
    }
    if (option.kind === undefined) ctx.addIssue({ code: 'custom', path: ['kind'], message: 'is required (or give the id of a requirement)' });
    if (option.title === undefined) ctx.addIssue({ code: 'custom', path: ['title'], message: 'is required (or give the id of a requirement)' });
  });
export type RequirementOptionInput = z.infer<typeof requirementOptionSchema>;

/** An option as a badge class holds it: the requirement object, by id, with its fields. */
export type RequirementOption = Requirement & { id: string };

export const alignmentSchema = z.object({
  targetName: text(200),
  targetUrl: httpUrl,
  targetDescription: text(1000).optional(),
  targetFramework: text(200).optional(),
  targetCode: text(100).optional(),
});
export type Alignment = z.infer<typeof alignmentSchema>;

/**
 * A skill a badge class declares: its name, or its name with an alignment to a published framework (as
 * Open Badges 2.0 / 3.0 `alignment`: the skill becomes an alignment entry, its name the default targetName).
 */
export const skillInputSchema = z.union([
  text(80),
  z
    .strictObject({
      name: text(80),
      targetName: text(200).optional(),
      targetUrl: httpUrl.optional(),
      targetDescription: text(1000).optional(),
      targetFramework: text(200).optional(),
      targetCode: text(100).optional(),
    })
    .superRefine((skill, ctx) => {
      const aligned = Object.keys(skill).some((key) => key !== 'name');
      if (aligned && skill.targetUrl === undefined) ctx.addIssue({ code: 'custom', path: ['targetUrl'], message: 'is required with an alignment (Open Badges requires it)' });
    }),
]);
export type SkillInput = z.infer<typeof skillInputSchema>;

/** The skill names of a list of skill inputs, and the alignments the aligned ones declare. */
export function splitSkills(skills: readonly SkillInput[]): { names: string[]; alignment: Alignment[] } {
  const names: string[] = [];
  const alignment: Alignment[] = [];
  for (const skill of skills) {
    if (typeof skill === 'string') {
      names.push(skill);
      continue;
    }
    const { name, targetName, targetUrl, ...rest } = skill;
    names.push(name);
    if (targetUrl !== undefined) alignment.push({ targetName: targetName ?? name, targetUrl, ...rest });
  }
  return { names: [...new Set(names)], alignment };
}

const skillsSchema = z.array(skillInputSchema).max(50);

export const createBadgeClassSchema = z.strictObject({
  name: text(200),
  description: text(MAX_TEXT),
  category: badgeCategorySchema,
  criteria: text(MAX_TEXT),
  requirements: z.array(requirementOptionSchema).max(20).optional(),
  image: imageInputSchema.optional(),
  skills: skillsSchema.optional(),
  alignment: z.array(alignmentSchema).max(20).optional(),
  validityMonths: z.number().int().min(1).max(1200).nullable().optional(),
  offersCertificate: z.boolean().optional(),
  /** The level or years its badges carry (each assertion gives the value); null removes it. */
  attribute: badgeAttributeSchema.nullable().optional(),
});
export type CreateBadgeClassInput = z.infer<typeof createBadgeClassSchema>;

export const updateBadgeClassSchema = createBadgeClassSchema
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');
export type UpdateBadgeClassInput = z.infer<typeof updateBadgeClassSchema>;

const isoDateTime = z.string().datetime({ offset: true, message: 'must be an ISO 8601 date-time with a time zone' });

/** An expiry: a date-time with a time zone, or a date alone (`2027-06-30`), meaning the end of that day in UTC. */
const calendarDate = z.iso.date();
export const expiryInput = z.string().transform((value, ctx) => {
  if (calendarDate.safeParse(value).success) return `${value}T23:59:59.999Z`;
  if (isoDateTime.safeParse(value).success) return value;
  ctx.addIssue({ code: 'custom', message: 'must be a date (2027-06-30: the end of that day in UTC) or an ISO 8601 date-time with a time zone' });
  return z.NEVER;
});

export const issueAssertionSchema = z.strictObject({
  email: z.string().trim().max(254).email('must be an email address'),
  name: text(200),
  evidence: httpUrl.optional(),
  narrative: text(MAX_TEXT).optional(),
  expires: expiryInput.optional(),
  /** The value of the badge class's attribute (years, level or volunteer flag). */
  attribute: attributeValueInput.optional(),
});
export type IssueAssertionInput = z.infer<typeof issueAssertionSchema>;

export const revokeAssertionSchema = z.strictObject({
  reason: text(500),
});

export const updateIssuerSchema = z
  .strictObject({
    name: text(200),
    url: httpUrl,
    email: z.string().trim().max(254).email('must be an email address'),
    description: text(MAX_TEXT).nullable(),
    image: imageInputSchema.nullable(),
    linkedInOrganizationId: z
      .string()
      .trim()
      .regex(/^\d{1,20}$/, 'must be the numeric LinkedIn organisation id')
      .nullable(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one field to change');
export type UpdateIssuerInput = z.infer<typeof updateIssuerSchema>;

export const createIssuerSchema = z.strictObject({
  name: text(200),
  url: httpUrl,
  email: z.string().trim().max(254).email('must be an email address'),
  description: text(MAX_TEXT).optional(),
  image: imageInputSchema.optional(),
  linkedInOrganizationId: z.string().trim().regex(/^\d{1,20}$/).optional(),
});
export type CreateIssuerInput = z.infer<typeof createIssuerSchema>;

export const catalogueQuerySchema = z.object({
  category: badgeCategorySchema.optional(),
  q: z.string().trim().max(200).optional(),
  skills: z
    .string()
    .max(3000)
    .transform((value) => value.split(',').map((phrase) => phrase.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(80, 'each skill phrase has at most 80 characters')).max(MAX_SKILL_PHRASES, `at most ${MAX_SKILL_PHRASES} skill phrases`))
    .optional()
    .meta({ description: 'Comma-separated skill phrases (at most 30, 80 characters each), for example from a job posting.' }),
});

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export { httpUrl as httpUrlSchema, httpsUrl as httpsUrlSchema };
