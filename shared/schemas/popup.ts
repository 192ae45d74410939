// Messages between the extension's own pages (popup, options) and the background's earner module.
// The background holds the earner's token and is the only part that calls the earner API; pages
// ask it by message and validate its replies like any other outside input.
import { z } from 'zod';
import { meBadgeSchema } from './earners';
import { shareResponseSchema } from './sharing';

/** Assertion ids are url-safe random strings. */
const assertionId = z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/);

export const earnerSignInMessageSchema = z.object({
  type: z.literal('earner-sign-in'),
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(200),
});
export const earnerSignOutMessageSchema = z.object({ type: z.literal('earner-sign-out') });
export const earnerBadgesMessageSchema = z.object({ type: z.literal('earner-badges') });
export const earnerShareKitMessageSchema = z.object({ type: z.literal('earner-share-kit'), id: assertionId });
export const earnerAcceptMessageSchema = z.object({ type: z.literal('earner-accept'), id: assertionId });

export const earnerMessageSchema = z.discriminatedUnion('type', [
  earnerSignInMessageSchema,
  earnerSignOutMessageSchema,
  earnerBadgesMessageSchema,
  earnerShareKitMessageSchema,
  earnerAcceptMessageSchema,
]);
export type EarnerMessage = z.infer<typeof earnerMessageSchema>;
export const EARNER_MESSAGE_TYPES = earnerMessageSchema.options.map((option) => option.shape.type.value);

/** Why an earner request failed; each has its own words and advice in the popup. */
export const EARNER_FAILURES = [
  'signed_out',
  'session_expired',
  'invalid_credentials',
  'locked',
  'unconfirmed',
  'rate_limited',
  'not_found',
  'revoked',
  'private',
  'unreachable',
  'bad_response',
  'bad_request',
] as const;
export type EarnerFailure = (typeof EARNER_FAILURES)[number];

export const earnerFailureSchema = z.object({
  ok: z.literal(false),
  error: z.enum(EARNER_FAILURES),
  /** The API's own explanation, when it gave one (e.g. how to unlock a locked account). */
  message: z.string().max(500).optional(),
});
export type EarnerFailureReply = z.infer<typeof earnerFailureSchema>;

/** The earner's badges as last fetched: what the popup paints before the network answers. */
export const badgesSnapshotSchema = z.object({
  apiBaseUrl: z.string(),
  email: z.string(),
  fetchedAt: z.string(),
  badges: z.array(meBadgeSchema),
});
export type BadgesSnapshot = z.infer<typeof badgesSnapshotSchema>;

export const signInReplySchema = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), email: z.string() }), earnerFailureSchema]);
export type SignInReply = z.infer<typeof signInReplySchema>;

export const signOutReplySchema = z.object({
  ok: z.literal(true),
  /** False when the API could not be told (offline): the token is forgotten here all the same. */
  revoked: z.boolean(),
});
export type SignOutReply = z.infer<typeof signOutReplySchema>;

export const badgesReplySchema = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), snapshot: badgesSnapshotSchema }), earnerFailureSchema]);
export type BadgesReply = z.infer<typeof badgesReplySchema>;

export const shareKitReplySchema = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), kit: shareResponseSchema }), earnerFailureSchema]);
export type ShareKitReply = z.infer<typeof shareKitReplySchema>;

export const acceptReplySchema = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), badge: meBadgeSchema }), earnerFailureSchema]);
export type AcceptReply = z.infer<typeof acceptReplySchema>;

/** Options page → background: forget every cached verification result. */
export const clearVerificationCacheMessageSchema = z.object({ type: z.literal('clear-verification-cache') });
export const clearVerificationCacheReplySchema = z.object({ ok: z.literal(true) });
export type ClearVerificationCacheReply = z.infer<typeof clearVerificationCacheReplySchema>;
