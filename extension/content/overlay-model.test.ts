import { describe, expect, test } from 'vitest';
import type { CheckedBy, CheckedResult } from '../../shared/schemas/messages';
import { VERIFY_STATUSES, type VerifiedBadge, type VerifyStatus } from '../../shared/schemas/verify';
import { checkedState, chipsFor, formatShortDate, isUntouched, mayRetry, sourceLine, summarize, summaryText, summaryTone, type OverlayState } from './overlay-model';

const SERVER: CheckedBy = { kind: 'server', host: 'localhost:8787' };
const BROWSER: CheckedBy = { kind: 'browser' };

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

/** A foreign badge as the API describes it: Credly's, with a hashed email only. */
const credlyBadge: VerifiedBadge = {
  ...badge,
  assertionId: 'https://api.credly.com/v1/obi/v2/badge_assertions/3b5c7d9e',
  pageUrl: 'https://www.credly.com/badges/3b5c7d9e',
  category: null,
  imageUrl: null,
  issuer: { id: 'https://api.credly.com/v1/obi/v2/issuers/8a3f', name: 'Acme Training', url: null, imageUrl: null, domain: 'credly.com' },
  recipientName: null,
  expires: null,
};

const result = (status: VerifyStatus, extra: Partial<VerifiedBadge> = {}, checkedBy: CheckedBy = SERVER): CheckedResult => ({
  url: badge.pageUrl!,
  status,
  ...(status === 'not_found' || status === 'unsupported' ? {} : { badge: { ...badge, ...extra } }),
  checkedAt: '2026-05-01T00:00:00Z',
  checkedBy,
});

const bare = (status: VerifyStatus, reason?: string, checkedBy: CheckedBy = SERVER): CheckedResult => ({
  url: 'https://records.example/badges/1',
  status,
  ...(reason ? { reason } : {}),
  checkedAt: '2026-05-01T00:00:00Z',
  checkedBy,
});

const shown = (state: OverlayState) => chipsFor(state).map((chip) => [chip.tone, chip.label, chip.detail].filter(Boolean).join(':'));

describe('chips', () => {
  test.each<[string, CheckedResult, string, string[]]>([
    ['valid, same person', result('valid'), 'Amara Okafor', ['verified:Verified']],
    ['valid, someone else', result('valid'), 'Tomás Lindqvist', ['warning:Name mismatch:issued to Amara Okafor']],
    ['valid, name unknown', result('valid'), '', ['verified:Verified']],
    ['valid, the badge names no recipient', result('valid', { recipientName: null }), 'Tomás Lindqvist', ['verified:Verified', 'neutral:No name on this badge']],
    ['expired', result('expired'), 'Amara Okafor', ['neutral:Expired:Feb 1, 2024']],
    ['expired, no recipient name', result('expired', { recipientName: null }), 'Amara Okafor', ['neutral:Expired:Feb 1, 2024', 'neutral:No name on this badge']],
    ['revoked, someone else', result('revoked', { revocationReason: 'Fraud' }), 'Jane Roe', ['danger:Revoked:Fraud', 'warning:Name mismatch:issued to Amara Okafor']],
    ['revoked, known only by its reason (a hosted badge of another site)', bare('revoked', 'Awarded in error'), 'Jane Roe', ['danger:Revoked:Awarded in error']],
    ['not found', result('not_found'), 'Amara Okafor', ['danger:Not found:no public badge at this address']],
    ['not a badge', result('unsupported'), 'Amara Okafor', []],
    ['invalid, with its reason', bare('invalid', 'its proof does not verify'), 'Amara Okafor', ['danger:Invalid:its proof does not verify']],
    ['invalid, no reason given', bare('invalid'), 'Amara Okafor', ['danger:Invalid']],
    ['unverifiable', bare('unverifiable', 'api.credly.com did not answer in time'), 'Amara Okafor', ['neutral:Couldn’t check right now']],
    ['self-claimed', result('self_claimed'), 'Amara Okafor', ['neutral:Self-claimed']],
    ['self-claimed, no recipient name', result('self_claimed', { recipientName: null }), 'Amara Okafor', ['neutral:Self-claimed', 'neutral:No name on this badge']],
    ['valid, checked in the browser', result('valid', {}, BROWSER), 'Amara Okafor', ['verified:Verified']],
  ])('%s', (_name, verifyResult, profileName, expected) => {
    expect(shown(checkedState(verifyResult, profileName || null))).toEqual(expected);
  });

  test('checking, and a check that could not be made, in the same words as the unverifiable status', () => {
    expect(shown({ kind: 'checking' })).toEqual(['neutral:Checking…']);
    for (const failure of ['unreachable', 'timeout', 'bad_response', 'bad_request'] as const) {
      expect(shown({ kind: 'failed', failure })).toEqual(['neutral:Couldn’t check right now']);
    }
  });

  test('never the word Verified on a chip that is not a valid badge', () => {
    for (const status of VERIFY_STATUSES.filter((status) => status !== 'valid')) {
      for (const variant of [result(status), result(status, { recipientName: null }), bare(status, 'a reason'), result(status, {}, BROWSER)]) {
        const chips = chipsFor(checkedState(variant, 'Amara Okafor'));
        for (const chip of chips) expect(`${chip.label} ${chip.detail ?? ''}`, status).not.toMatch(/verified/i);
        expect(sourceLine(checkedState(variant, 'Amara Okafor')) ?? '', status).not.toMatch(/verified/i);
      }
    }
  });

  test('Retry is offered when the check could not be made, never for a verdict', () => {
    expect(mayRetry({ kind: 'failed', failure: 'unreachable' })).toBe(true);
    expect(mayRetry(checkedState(bare('unverifiable'), null))).toBe(true);
    for (const status of ['valid', 'expired', 'revoked', 'invalid', 'not_found', 'self_claimed'] as const) expect(mayRetry(checkedState(result(status), null)), status).toBe(false);
    expect(mayRetry({ kind: 'checking' })).toBe(false);
  });

  test('an entry is untouched when its link is no badge, or while a link not known to be one is not shown to be a badge', () => {
    expect(isUntouched(checkedState(result('unsupported'), null))).toBe(true);
    expect(isUntouched(checkedState(result('unsupported'), null), true)).toBe(true);
    expect(isUntouched({ kind: 'checking' })).toBe(false);
    expect(isUntouched({ kind: 'checking' }, true)).toBe(true);
    expect(isUntouched({ kind: 'failed', failure: 'unreachable' }, true)).toBe(true);
    // A link not known to be a badge that could not be read, or leads nowhere, was never shown to be one.
    expect(isUntouched(checkedState(bare('unverifiable'), null), true)).toBe(true);
    expect(isUntouched(checkedState(bare('not_found'), null), true)).toBe(true);
    expect(isUntouched(checkedState(bare('unverifiable'), null))).toBe(false);
    expect(isUntouched(checkedState(bare('not_found'), null))).toBe(false);
    expect(isUntouched(checkedState(result('invalid'), null), true)).toBe(false);
    expect(isUntouched(checkedState(result('valid'), null), true)).toBe(false);
  });
});

describe('source line', () => {
  test.each<[string, CheckedResult, string | null]>([
    ['a valid badge of another site: the proven domain and the issuer', { ...result('valid'), badge: credlyBadge }, 'Verified by credly.com · issued by Acme Training'],
    ['this server’s valid badge', result('valid'), 'Verified by localhost:8787 · issued by Harbour Safety Council'],
    ['a valid badge whose issuer is a key (did:key), not a domain', result('valid', { issuer: { ...badge.issuer, domain: null } }), 'Issued by Harbour Safety Council · signed with a key, no domain proven'],
    ['an expired badge: issued by, never verified by', result('expired'), 'Issued by Harbour Safety Council'],
    ['a revoked badge', result('revoked'), 'Issued by Harbour Safety Council'],
    ['a self-claimed badge: never issued by, never verified by', result('self_claimed'), 'A skill badge of Harbour Safety Council, claimed by its holder; Harbour Safety Council has not confirmed it'],
    ['an issuer without a name: its id', result('valid', { issuer: { ...badge.issuer, name: '' } }), 'Verified by localhost:8787 · issued by http://localhost:8787/issuers/i'],
    ['checked in the browser', result('valid', { issuer: { ...badge.issuer, domain: 'issuer.example', name: 'Guild' } }, BROWSER), 'Verified by issuer.example · issued by Guild · Checked in your browser'],
    ['invalid, checked in the browser', bare('invalid', 'its proof does not verify', BROWSER), 'Checked in your browser'],
    ['invalid, checked by the server: nothing to add to the chip', bare('invalid', 'its proof does not verify'), null],
    ['not a badge', result('unsupported', {}, BROWSER), null],
  ])('%s', (_name, verifyResult, expected) => {
    expect(sourceLine(checkedState(verifyResult, 'Amara Okafor'))).toBe(expected);
  });

  test('nothing while checking or when the check failed', () => {
    expect(sourceLine({ kind: 'checking' })).toBeNull();
    expect(sourceLine({ kind: 'failed', failure: 'timeout' })).toBeNull();
  });
});

describe('summary', () => {
  test('counts verified badges and problems, ignores links that are no badges', () => {
    const states = [
      checkedState(result('valid'), 'Amara Okafor'),
      checkedState(result('valid'), 'Amara Okafor'),
      checkedState(result('valid'), 'Jane Roe'),
      checkedState(result('revoked'), 'Amara Okafor'),
      checkedState(result('unsupported'), 'Amara Okafor'),
    ];
    expect(summaryText(summarize(states))).toBe('2 verified badges · 2 with problems');
    expect(summaryTone(summarize(states))).toBe('warning');
    expect(summaryText(summarize([checkedState(result('unsupported'), 'x')]))).toBeNull();
    expect(summaryText(summarize([{ kind: 'checking' }, { kind: 'failed', failure: 'timeout' }]))).toBe('0 verified badges · 1 being checked · 1 not checked');
  });

  test('every status of badges of other sites counts where it belongs', () => {
    const states = [
      checkedState({ ...result('valid'), badge: credlyBadge }, 'Amara Okafor'), // no name: still verified
      checkedState(result('valid', {}, BROWSER), 'Amara Okafor'),
      checkedState(bare('invalid', 'its proof does not verify'), 'Amara Okafor'),
      checkedState(bare('revoked', 'Awarded in error'), 'Amara Okafor'),
      checkedState(result('expired'), 'Amara Okafor'),
      checkedState(result('not_found'), 'Amara Okafor'),
      checkedState(bare('unverifiable'), 'Amara Okafor'), // could not be checked: not a problem of the badge
      checkedState(result('self_claimed'), 'Amara Okafor'),
      { kind: 'failed', failure: 'unreachable' } as const,
    ];
    const counts = summarize(states);
    expect(counts).toEqual({ verified: 2, problems: 4, selfClaimed: 1, checking: 0, failed: 2 });
    expect(summaryText(counts)).toBe('2 verified badges · 4 with problems · 1 self-claimed · 2 not checked');
  });

  test('its tone: verified only without problems, neutral when nothing is verified', () => {
    expect(summaryTone(summarize([checkedState(result('valid'), null)]))).toBe('verified');
    expect(summaryTone(summarize([checkedState(result('self_claimed'), null), checkedState(bare('unverifiable'), null)]))).toBe('neutral');
    expect(summaryText(summarize([checkedState(result('self_claimed'), null)]))).toBe('0 verified badges · 1 self-claimed');
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
