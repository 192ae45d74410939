import { describe, expect, test } from 'vitest';
import { BADGE_CATEGORIES, MAX_VERIFY_URLS, VERIFY_STATUSES, verifyResultSchema } from './verify';
import { contentMessageSchema, MAX_MESSAGE_URLS, verifyBadgesReplySchema, verifyResultMessageSchema } from './messages';

const badge = {
  assertionId: 'q7Vt2mXk9LpR4sWd',
  pageUrl: 'http://localhost:8787/assertions/q7Vt2mXk9LpR4sWd',
  name: 'Certified Welding Inspector',
  description: 'Inspects welds.',
  category: 'certification',
  imageUrl: 'http://localhost:8787/assertions/q7Vt2mXk9LpR4sWd/image',
  issuer: { id: 'http://localhost:8787/issuers/i1', name: 'North Sea Welding Institute', url: 'https://nswi.example.org', imageUrl: null },
  recipientName: 'Amara Okafor',
  issuedOn: '2025-03-01T00:00:00Z',
  expires: null,
  revocationReason: null,
};
const result = { url: badge.pageUrl, status: 'valid', badge, checkedAt: '2026-05-01T10:00:00.000Z' };

const samples: Array<[string, unknown]> = [
  ['a valid result', result],
  ['not found, no badge', { url: 'x', status: 'not_found', checkedAt: result.checkedAt }],
  ['revoked with a reason and expiry', { ...result, status: 'revoked', badge: { ...badge, revocationReason: 'error', expires: '2027-01-01T00:00:00+02:00' } }],
  ...BADGE_CATEGORIES.map((category): [string, unknown] => [`category ${category}`, { ...result, badge: { ...badge, category } }]),
  ...VERIFY_STATUSES.map((status): [string, unknown] => [`status ${status}`, { ...result, status }]),
  ['an unknown status', { ...result, status: 'fine' }],
  ['an unknown category', { ...result, badge: { ...badge, category: 'other' } }],
  ['a number as name', { ...result, badge: { ...badge, name: 42 } }],
  ['a page URL that is no URL', { ...result, badge: { ...badge, pageUrl: 'somewhere' } }],
  ['no image', { ...result, badge: { ...badge, imageUrl: null } }],
  ['an issuer image', { ...result, badge: { ...badge, issuer: { ...badge.issuer, imageUrl: 'https://nswi.example.org/logo.png' } } }],
  ['a date that is no date', { ...result, checkedAt: 'yesterday' }],
  ['a date without time zone', { ...result, checkedAt: '2026-05-01T10:00:00' }],
  ['no checkedAt', { url: 'x', status: 'not_found' }],
  ['an empty assertion id', { ...result, badge: { ...badge, assertionId: '' } }],
  ['missing recipient', { ...result, badge: { ...badge, recipientName: undefined } }],
];

describe('the message schema mirrors the API contract', () => {
  test.each(samples)('%s: accepted by one exactly when accepted by the other', (_name, sample) => {
    expect(verifyResultMessageSchema.safeParse(sample).success).toBe(verifyResultSchema.safeParse(sample).success);
  });

  test('the table has both accepted and rejected samples', () => {
    const outcomes = samples.map(([, sample]) => verifyResultSchema.safeParse(sample).success);
    expect(outcomes).toContain(true);
    expect(outcomes).toContain(false);
  });

  test('the same URL limit', () => {
    expect(MAX_MESSAGE_URLS).toBe(MAX_VERIFY_URLS);
  });
});

describe('content messages', () => {
  test('verify requests take 1 to 100 http(s) URLs', () => {
    expect(contentMessageSchema.safeParse({ type: 'verify-badges', urls: [badge.pageUrl] }).success).toBe(true);
    expect(contentMessageSchema.safeParse({ type: 'verify-badges', urls: [] }).success).toBe(false);
    expect(contentMessageSchema.safeParse({ type: 'verify-badges', urls: Array(101).fill(badge.pageUrl) }).success).toBe(false);
    expect(contentMessageSchema.safeParse({ type: 'verify-badges', urls: ['javascript:alert(1)'] }).success).toBe(false);
    expect(contentMessageSchema.safeParse({ type: 'badge-image', url: badge.imageUrl }).success).toBe(true);
    expect(contentMessageSchema.safeParse({ type: 'delete-everything' }).success).toBe(false);
  });

  test('replies are either results or a known failure', () => {
    expect(verifyBadgesReplySchema.safeParse({ ok: true, results: [result] }).success).toBe(true);
    expect(verifyBadgesReplySchema.safeParse({ ok: false, error: 'timeout' }).success).toBe(true);
    expect(verifyBadgesReplySchema.safeParse({ ok: false, error: 'oops' }).success).toBe(false);
  });
});
