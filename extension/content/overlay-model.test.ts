import { describe, expect, test } from 'vitest';
import type { VerifiedBadge, VerifyResult } from '../../shared/schemas/verify';
import { checkedState, chipsFor, formatShortDate, summarize, summaryText } from './overlay-model';

const badge: VerifiedBadge = {
  assertionId: 'a1',
  pageUrl: 'http://localhost:8787/assertions/a1',
  name: 'Rope Access Technician',
  description: 'd',
  category: 'skill',
  imageUrl: 'http://localhost:8787/assertions/a1/image',
  issuer: { id: 'http://localhost:8787/issuers/i', name: 'Harbour Safety Council', url: 'https://hsc.example', imageUrl: null, domain: 'localhost:8787' },
  recipientName: 'Amara Okafor',
  issuedOn: '2025-03-01T00:00:00Z',
  expires: '2024-02-01T00:00:00Z',
  revocationReason: null,
};
const result = (status: VerifyResult['status'], extra: Partial<VerifiedBadge> = {}): VerifyResult => ({
  url: badge.pageUrl!,
  status,
  ...(status === 'not_found' || status === 'unsupported' ? {} : { badge: { ...badge, ...extra } }),
  checkedAt: '2026-05-01T00:00:00Z',
});

describe('chips', () => {
  test.each<[string, VerifyResult, string, string[]]>([
    ['valid, same person', result('valid'), 'Amara Okafor', ['verified:Verified']],
    ['valid, someone else', result('valid'), 'Tomás Lindqvist', ['warning:Name mismatch:issued to Amara Okafor']],
    ['valid, name unknown', result('valid'), '', ['verified:Verified']],
    ['expired', result('expired'), 'Amara Okafor', ['neutral:Expired:Feb 1, 2024']],
    ['revoked, someone else', result('revoked', { revocationReason: 'Fraud' }), 'Jane Roe', ['danger:Revoked:Fraud', 'warning:Name mismatch:issued to Amara Okafor']],
    ['not found', result('not_found'), 'Amara Okafor', ['danger:Not found:no public badge at this address']],
    ['not ours', result('unsupported'), 'Amara Okafor', []],
    ['invalid, with its reason', { ...result('invalid'), badge: undefined, reason: 'its proof does not verify' }, 'Amara Okafor', ['danger:Invalid:its proof does not verify']],
    ['unverifiable', { ...result('unverifiable'), badge: undefined }, 'Amara Okafor', ['neutral:Couldn’t check right now']],
    ['valid, the badge names no recipient', result('valid', { recipientName: null }), 'Tomás Lindqvist', ['verified:Verified']],
  ])('%s', (_name, verifyResult, profileName, expected) => {
    const chips = chipsFor(checkedState(verifyResult, profileName || null));
    expect(chips.map((chip) => [chip.tone, chip.label, chip.detail].filter(Boolean).join(':'))).toEqual(expected);
  });
});

describe('summary', () => {
  test('counts verified badges and problems, ignores foreign ones', () => {
    const states = [
      checkedState(result('valid'), 'Amara Okafor'),
      checkedState(result('valid'), 'Amara Okafor'),
      checkedState(result('valid'), 'Jane Roe'),
      checkedState(result('revoked'), 'Amara Okafor'),
      checkedState(result('unsupported'), 'Amara Okafor'),
    ];
    expect(summaryText(summarize(states))).toBe('2 verified badges · 2 with problems');
    expect(summaryText(summarize([checkedState(result('unsupported'), 'x')]))).toBeNull();
    expect(summaryText(summarize([{ kind: 'checking' }, { kind: 'failed', failure: 'timeout' }]))).toBe('0 verified badges · 1 being checked · 1 not checked');
  });

  test('dates read like LinkedIn’s, in the page’s language (UTC)', () => {
    document.documentElement.lang = 'en';
    expect(formatShortDate('2024-02-01T00:00:00Z')).toBe('Feb 1, 2024');
    expect(formatShortDate('2025-12-31T23:30:00-02:00')).toBe('Jan 1, 2026');
    document.documentElement.lang = 'fr';
    expect(formatShortDate('2024-02-01T00:00:00Z')).toMatch(/^1 févr\.? 2024$/);
    document.documentElement.lang = 'ja';
    expect(formatShortDate('2024-02-01T00:00:00Z')).toBe('2024年2月1日');
    document.documentElement.lang = 'not a language';
    expect(formatShortDate('2024-02-01T00:00:00Z')).toMatch(/2024/);
    document.documentElement.lang = 'en';
  });
});
