import type { RateLimitRule } from '../earners/rateLimit';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * The rules of organisations and matching (overridable by name through the rateLimits setting like the
 * others). Mail that one side makes us send to a person is counted per sender and per recipient, so
 * BadgeLens never becomes a way to flood someone's mailbox.
 */
export const MATCHING_RATE_LIMITS = {
  matching: { name: 'matching', limit: 120, windowMs: MINUTE_MS },
  organisationWrites: { name: 'organisationWrites', limit: 300, windowMs: 60 * MINUTE_MS },
  invitationOrganisation: { name: 'invitationOrganisation', limit: 50, windowMs: DAY_MS },
  invitationRecipient: { name: 'invitationRecipient', limit: 3, windowMs: DAY_MS },
  contactSender: { name: 'contactSender', limit: 100, windowMs: DAY_MS },
  contactRecipient: { name: 'contactRecipient', limit: 5, windowMs: DAY_MS },
} satisfies Record<string, RateLimitRule>;
