import { z } from 'zod';
import { badgeAttributeResultSchema } from './attributes';

export const BADGE_CATEGORIES = ['knowledge', 'skill', 'certification', 'career', 'education', 'membership'] as const;
export const badgeCategorySchema = z.enum(BADGE_CATEGORIES);
export type BadgeCategory = z.infer<typeof badgeCategorySchema>;

/** Items (URLs and inline credentials together) in one verify request. */
export const MAX_VERIFY_ITEMS = 100;
/** URLs in one request: at most all of its items (the extension sends URLs only). */
export const MAX_VERIFY_URLS = MAX_VERIFY_ITEMS;
/**
 * Longer URLs are not badge URLs a page would show: they get `unsupported` (one result, not a 400 for
 * the batch). The request body limit (1 MB) bounds them otherwise.
 */
export const MAX_BADGE_URL_LENGTH = 2048;

/** A VC-JWT: a compact JWS (header.payload.signature, base64url), as baked into images or exported by wallets. */
export const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * An inline credential: an Open Badges 3.0 / VC object (as found inside a baked image or a wallet
 * export), an Open Badges 2.0 assertion object, or a VC-JWT string. Its content is judged by the
 * verifier (a malformed credential is a result, not a 400); only its outer form is checked here.
 */
export const inlineCredentialSchema = z.union([
  z.record(z.string(), z.unknown()),
  z.string().regex(COMPACT_JWS, 'a credential string must be a compact VC-JWT (header.payload.signature)'),
]);
export type InlineCredential = z.infer<typeof inlineCredentialSchema>;

export const verifyRequestSchema = z
  .object({
    urls: z.array(z.string().min(1)).max(MAX_VERIFY_ITEMS).optional(),
    credentials: z.array(inlineCredentialSchema).max(MAX_VERIFY_ITEMS).optional(),
  })
  .refine(({ urls = [], credentials = [] }) => urls.length + credentials.length >= 1, {
    message: 'give at least one URL or credential',
  })
  .refine(({ urls = [], credentials = [] }) => urls.length + credentials.length <= MAX_VERIFY_ITEMS, {
    message: `at most ${MAX_VERIFY_ITEMS} URLs and credentials in all`,
  });
export type VerifyRequest = z.infer<typeof verifyRequestSchema>;

/**
 * `invalid`: the proof does not verify, or the object contradicts itself (its id is not where it
 * came from, an origin its issuer does not allow, a malformed recipient, not yet valid).
 * `unverifiable`: the source could not be reached or answered badly: try again later.
 * `self_claimed`: an earner's own claim that no issuer vouches for.
 */
export const VERIFY_STATUSES = ['valid', 'expired', 'revoked', 'not_found', 'unsupported', 'invalid', 'unverifiable', 'self_claimed'] as const;
export const verifyStatusSchema = z.enum(VERIFY_STATUSES);
export type VerifyStatus = z.infer<typeof verifyStatusSchema>;

export const VERIFY_PLATFORMS = ['badgelens', 'credly', 'accredible', 'badgr', 'openbadges'] as const;
export type VerifyPlatform = (typeof VERIFY_PLATFORMS)[number];
export const VERIFY_FORMATS = ['ob2-hosted', 'ob3'] as const;
export type VerifyFormat = (typeof VERIFY_FORMATS)[number];

const isoDateTime = z.string().datetime({ offset: true });
const httpUrl = z.string().url();

export const verifySourceSchema = z.object({
  platform: z.enum(VERIFY_PLATFORMS),
  /** Null when the source could not be read far enough to tell (an unreachable URL). */
  format: z.enum(VERIFY_FORMATS).nullable(),
  /** The assertion or credential JSON finally fetched (after redirects); null for an inline credential nothing was fetched for. */
  checkedUrl: httpUrl.nullable(),
});
export type VerifySource = z.infer<typeof verifySourceSchema>;

export const verifiedBadgeSchema = z.object({
  /** The assertion's or credential's id (a URL, or a URN for some credentials). */
  assertionId: z.string().min(1),
  /** Where a person sees the badge; null for an inline credential without a web page. */
  pageUrl: httpUrl.nullable(),
  name: z.string(),
  description: z.string(),
  /** Only badges of this server, and credentials whose achievementType maps to one, have a category. */
  category: badgeCategorySchema.nullable(),
  imageUrl: httpUrl.nullable(),
  issuer: z.object({
    /** A URL for hosted badges, a DID for signed credentials. */
    id: z.string().min(1),
    name: z.string(),
    url: httpUrl.nullable(),
    imageUrl: httpUrl.nullable(),
    /** The host the issuer's identity was proven on (its hosted profile's host, or its did:web host); null for did:key. */
    domain: z.string().nullable(),
  }),
  /** Null when the badge publishes no name (most hosted badges carry only a hashed email). */
  recipientName: z.string().nullable(),
  issuedOn: isoDateTime,
  expires: isoDateTime.nullable(),
  revocationReason: z.string().nullable(),
  /** The level or years the badge carries ({kind, label, value}), when it carries one. */
  attribute: badgeAttributeResultSchema.optional(),
});
export type VerifiedBadge = z.infer<typeof verifiedBadgeSchema>;

/** What every result says, whether for a URL or an inline credential. */
const outcomeShape = {
  status: verifyStatusSchema,
  /** Present for valid, expired and self-claimed badges, and for revoked ones when known; never for invalid or unverifiable ones. */
  badge: verifiedBadgeSchema.optional(),
  /** Present unless `unsupported`. */
  source: verifySourceSchema.optional(),
  /** One line for people: why, on `invalid` and `unverifiable` results (and the revocation reason of a revoked badge whose details are unknown). */
  reason: z.string().max(300).optional(),
  /** When the source was checked (a cached foreign result keeps the time of its check). */
  checkedAt: isoDateTime,
};

/** The result for one URL (the extension sends URLs only). */
export const verifyResultSchema = z.object({ url: z.string(), ...outcomeShape });
export type VerifyResult = z.infer<typeof verifyResultSchema>;

/** The result for the inline credential at this index of `credentials`. */
export const verifyCredentialResultSchema = z.object({ credential: z.number().int().min(0), ...outcomeShape });
export type VerifyCredentialResult = z.infer<typeof verifyCredentialResultSchema>;

export type VerifyItemResult = VerifyResult | VerifyCredentialResult;

/**
 * GET /api/v1/relay?url=…: the document of another site to relay (its bytes, for the extension's
 * trustless mode). Any http(s) URL is accepted here; the fetcher refuses what it must (not https,
 * not a public address).
 */
export const relayQuerySchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'url must be an http(s) URL' }).max(MAX_BADGE_URL_LENGTH),
});
export type RelayQuery = z.infer<typeof relayQuerySchema>;

export const verifyResponseSchema = z.object({
  /** One per item, in order: urls first, then credentials. */
  results: z.array(z.union([verifyResultSchema, verifyCredentialResultSchema])),
});
export type VerifyResponse = z.infer<typeof verifyResponseSchema>;
