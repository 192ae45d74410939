import { z } from 'zod';

export const BADGE_CATEGORIES = ['knowledge', 'skill', 'certification', 'career', 'education', 'membership'] as const;
export const badgeCategorySchema = z.enum(BADGE_CATEGORIES);
export type BadgeCategory = z.infer<typeof badgeCategorySchema>;

export const MAX_VERIFY_URLS = 100;

export const verifyRequestSchema = z.object({
  urls: z.array(z.string().min(1).max(2048)).min(1).max(MAX_VERIFY_URLS),
});
export type VerifyRequest = z.infer<typeof verifyRequestSchema>;

export const VERIFY_STATUSES = ['valid', 'expired', 'revoked', 'not_found', 'unsupported'] as const;
export const verifyStatusSchema = z.enum(VERIFY_STATUSES);
export type VerifyStatus = z.infer<typeof verifyStatusSchema>;

const isoDateTime = z.string().datetime({ offset: true });

export const verifiedBadgeSchema = z.object({
  assertionId: z.string().min(1),
  pageUrl: z.string().url(),
  name: z.string(),
  description: z.string(),
  category: badgeCategorySchema,
  imageUrl: z.string().url(),
  issuer: z.object({
    id: z.string().url(),
    name: z.string(),
    url: z.string().url(),
    imageUrl: z.string().url().nullable(),
  }),
  recipientName: z.string(),
  issuedOn: isoDateTime,
  expires: isoDateTime.nullable(),
  revocationReason: z.string().nullable(),
});
export type VerifiedBadge = z.infer<typeof verifiedBadgeSchema>;

export const verifyResultSchema = z.object({
  url: z.string(),
  status: verifyStatusSchema,
  badge: verifiedBadgeSchema.optional(),
  checkedAt: isoDateTime,
});
export type VerifyResult = z.infer<typeof verifyResultSchema>;

export const verifyResponseSchema = z.object({
  results: z.array(verifyResultSchema),
});
export type VerifyResponse = z.infer<typeof verifyResponseSchema>;
