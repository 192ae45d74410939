// Linked memberships (issue 17, item 3): an issuer's roster (/api/v1/issuer/members) and an earner's linked
// memberships (/api/v1/me/memberships). /openapi.json is generated from these schemas.
import { z } from 'zod';
import { MAX_ATTRIBUTE_LEVEL, MAX_ATTRIBUTE_YEARS } from './attributes';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

/** A member number as the issuer writes it: letters, digits and - _ . / (it travels in a URL path). */
export const memberIdSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(64, 'must be at most 64 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be letters, digits, dots, dashes or underscores');

/** A calendar date, YYYY-MM-DD. */
const dateSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
  .refine((value) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().startsWith(value), 'must be a real date');

export const rosterCertificationSchema = z.strictObject({
  badgeId: text(64),
  since: dateSchema,
  yearsActive: z.number().int('must be a whole number of years').min(0).max(MAX_ATTRIBUTE_YEARS).optional(),
});
export type RosterCertification = z.infer<typeof rosterCertificationSchema>;

/** One member's roster entry, as `PUT /api/v1/issuer/members/:memberId` takes it. */
export const rosterMemberBodySchema = z.strictObject({
  email: z.string().trim().max(254).email('must be an email address'),
  name: text(200),
  memberSince: dateSchema,
  memberUntil: dateSchema
    .nullable()
    .optional()
    .meta({ description: 'The day the membership ends or ended. A past date means it lapsed: the linked earner\'s membership badge expires on it.' }),
  level: z.string().trim().min(1, 'must not be empty').max(MAX_ATTRIBUTE_LEVEL).nullable().optional(),
  volunteer: z.boolean().optional(),
  certifications: z
    .array(rosterCertificationSchema)
    .max(100)
    .refine((list) => new Set(list.map((entry) => entry.badgeId)).size === list.length, 'must list each badge class once')
    .optional(),
});
export type RosterMemberBody = z.infer<typeof rosterMemberBodySchema>;

export const MAX_ROSTER_BULK_ROWS = 1000;

/** The bulk form: `PUT /api/v1/issuer/members` with up to 1,000 members, each checked on its own. */
export const rosterBulkBodySchema = z.strictObject({
  members: z.array(z.unknown()).min(1, 'must list at least one member').max(MAX_ROSTER_BULK_ROWS, `must list at most ${MAX_ROSTER_BULK_ROWS} members`),
});

/** A bulk row: the member number with the entry. */
export const rosterBulkRowSchema = rosterMemberBodySchema.extend({ memberId: memberIdSchema });

const awardSchema = z.object({ badgeId: z.string(), assertionId: z.string(), url: z.string().url() });

/** What a roster change did to the linked earner's badges (all empty for a member nobody linked). */
export const badgeChangesSchema = z.object({
  issued: z.array(awardSchema).meta({ description: 'Badges issued to the linked earner.' }),
  verified: z.array(awardSchema).meta({ description: "The linked earner's self-claimed badges verified in place." }),
  updated: z.array(awardSchema).meta({ description: 'Badges whose value (level, years) or expiry date changed.' }),
  expired: z.array(awardSchema).meta({ description: 'Badges that expire now (a lapsed membership, a certification taken off the roster).' }),
});
export type BadgeChanges = z.infer<typeof badgeChangesSchema>;

export const rosterMemberResponseSchema = z.object({
  memberId: z.string(),
  email: z.string(),
  name: z.string(),
  memberSince: z.string(),
  memberUntil: z.string().nullable(),
  level: z.string().nullable(),
  volunteer: z.boolean(),
  certifications: z.array(rosterCertificationSchema),
  linked: z.boolean().meta({ description: 'Whether an earner has linked this membership to their BadgeLens account.' }),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RosterMemberResponse = z.infer<typeof rosterMemberResponseSchema>;

export const rosterPutResponseSchema = rosterMemberResponseSchema.extend({ badges: badgeChangesSchema });

export const rosterListSchema = z.object({ items: z.array(rosterMemberResponseSchema), nextCursor: z.string().nullable() });
export const rosterListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(64).optional(),
});

export const rosterBulkResponseSchema = z.object({
  results: z.array(
    z.object({
      row: z.number().int().meta({ description: 'The row\'s position in `members`, from 1.' }),
      memberId: z.string().nullable(),
      status: z.enum(['created', 'updated', 'unchanged', 'invalid']),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      badges: badgeChangesSchema.optional(),
    }),
  ),
});
export type RosterBulkResponse = z.infer<typeof rosterBulkResponseSchema>;

/** An earner asking to link a membership: the issuer and the member number. */
export const membershipLinkBodySchema = z.strictObject({ issuerId: text(64), memberId: memberIdSchema });

export const membershipLinkRequestedSchema = z.object({
  status: z.literal('link_sent'),
  message: z.string(),
});

export const linkedMembershipSchema = z.object({
  issuerId: z.string(),
  issuerName: z.string(),
  memberId: z.string(),
  memberSince: z.string(),
  memberUntil: z.string().nullable(),
  level: z.string().nullable(),
  volunteer: z.boolean(),
  linkedAt: z.string(),
});
export const linkedMembershipListSchema = z.object({ items: z.array(linkedMembershipSchema) });

/** The "My account" form: the same fields, other form fields (the CSRF token) ignored. */
export const membershipLinkFormSchema = z.object(membershipLinkBodySchema.shape);

/** The same answer whether or not the member exists, so member numbers cannot be probed. */
export const MEMBERSHIP_LINK_SENT_MESSAGE =
  'If this member number is on the organisation\'s roster, we have emailed a one-time link to the address the organisation has for it. It works for 48 hours, once, for your account only.';
