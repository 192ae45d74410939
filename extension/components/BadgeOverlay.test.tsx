// The overlay as people see it, rendered by Preact in happy-dom: the chips, the line saying who
// vouches for the badge and who checked it, Retry, and the details card with the platform, the
// issuer's proven domain and what it says when a badge names nobody.
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { CheckedBy, CheckedResult } from '../../shared/schemas/messages';
import type { VerifiedBadge, VerifySource } from '../../shared/schemas/verify';
import { checkedState, type OverlayState } from '../content/overlay-model';
import { BadgeOverlay } from './BadgeOverlay';

const credly: VerifiedBadge = {
  assertionId: 'https://api.credly.com/v1/obi/v2/badge_assertions/3b5c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
  pageUrl: 'https://www.credly.com/badges/3b5c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e',
  name: 'Cloud Operations Associate',
  description: 'Operates cloud workloads.',
  category: null,
  imageUrl: null,
  issuer: { id: 'https://api.credly.com/v1/obi/v2/issuers/8a3f', name: 'Northwind Cloud Academy', url: null, imageUrl: null, domain: 'api.credly.com' },
  recipientName: null,
  issuedOn: '2025-03-01T09:00:00.000Z',
  expires: null,
  revocationReason: null,
};
const CREDLY_SOURCE: VerifySource = { platform: 'credly', format: 'ob2-hosted', checkedUrl: 'https://api.credly.com/v1/obi/v2/badge_assertions/3b5c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e' };

function checked(status: CheckedResult['status'], extra: Partial<CheckedResult> = {}, checkedBy: CheckedBy = { kind: 'server', host: 'badgelens.example' }): OverlayState {
  return checkedState({ url: credly.pageUrl!, status, badge: credly, source: CREDLY_SOURCE, checkedAt: '2026-05-01T10:00:00Z', checkedBy, ...extra }, 'Rosa Example');
}

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.replaceChildren(container);
});
afterEach(() => render(null, container));

function show(state: OverlayState, onRetry = () => undefined) {
  render(<BadgeOverlay state={state} dark={false} onRetry={onRetry} />, container);
  return {
    chips: [...container.querySelectorAll('.chip')].map((chip) => (chip.textContent ?? '').replace(/^[✓!✕•]/, '')),
    source: container.querySelector('.source')?.textContent ?? null,
    retry: container.querySelector<HTMLButtonElement>('button.retry'),
  };
}

async function openCard(): Promise<HTMLElement> {
  container.querySelector('button.chip')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
  await vi.waitFor(() => expect(container.querySelector('.card')).not.toBeNull());
  return container.querySelector<HTMLElement>('.card')!;
}

function cardRows(card: HTMLElement): Record<string, string> {
  const terms = [...card.querySelectorAll('dt')];
  return Object.fromEntries(terms.map((term) => [term.textContent ?? '', term.nextElementSibling?.textContent ?? '']));
}

describe('a badge of another site', () => {
  test('valid without a recipient name: Verified, says so, and who vouches for it', async () => {
    const view = show(checked('valid'));
    expect(view.chips).toEqual(['Verified', 'No name on this badge']);
    expect(view.source).toBe('Verified by api.credly.com · issued by Northwind Cloud Academy');
    expect(view.retry).toBeNull();
    const card = await openCard();
    expect(cardRows(card)).toMatchObject({
      Issuer: 'Northwind Cloud Academy',
      'Proven domain': 'api.credly.com',
      Recipient: 'No name on this badge',
      Source: 'Credly · Open Badges 2.0',
    });
    expect(cardRows(card)).not.toHaveProperty('Category');
    expect(card.querySelector('.card-checked')?.textContent).toBe('Checked by badgelens.example');
    expect(card.querySelector('a')?.getAttribute('href')).toBe(credly.pageUrl);
  });

  test('checked in the browser: the chip line and the card say so', async () => {
    const signed: VerifiedBadge = { ...credly, issuer: { ...credly.issuer, id: 'did:web:issuer.example:issuers:guild', name: 'Guild of Fixture Welders', domain: 'issuer.example' }, recipientName: 'Rosa Example' };
    const view = show(checked('valid', { badge: signed, source: { platform: 'openbadges', format: 'ob3', checkedUrl: 'https://issuer.example/credentials/1' } }, { kind: 'browser' }));
    expect(view.chips).toEqual(['Verified']);
    expect(view.source).toBe('Verified by issuer.example · issued by Guild of Fixture Welders · Checked in your browser');
    const card = await openCard();
    expect(cardRows(card)).toMatchObject({ Recipient: 'Rosa Example', Source: 'Open Badges on the issuer’s site · Open Badges 3.0, signed' });
    expect(card.querySelector('.card-checked')?.textContent).toBe('Checked in your browser');
  });

  test('an issuer that is a key proves no domain', async () => {
    show(checked('valid', { badge: { ...credly, issuer: { ...credly.issuer, domain: null } } }));
    expect(cardRows(await openCard())['Proven domain']).toBe('None: signed with a key, not a domain');
  });

  test('invalid: alarming, with its one-line reason, and no card (nothing in it can be trusted)', () => {
    const view = show(checkedState({ url: credly.pageUrl!, status: 'invalid', reason: 'its proof does not verify', source: CREDLY_SOURCE, checkedAt: '2026-05-01T10:00:00Z', checkedBy: { kind: 'browser' } }, null));
    expect(view.chips).toEqual(['Invalidits proof does not verify']);
    expect(container.querySelector('.chip--danger')).not.toBeNull();
    expect(container.querySelector('button.chip')).toBeNull();
    expect(view.source).toBe('Checked in your browser');
  });

  test('revoked without details: its reason; unverifiable: neutral, with Retry', () => {
    const revoked = show(checkedState({ url: credly.pageUrl!, status: 'revoked', reason: 'Awarded in error', checkedAt: '2026-05-01T10:00:00Z', checkedBy: { kind: 'server', host: 'badgelens.example' } }, null));
    expect(revoked.chips).toEqual(['RevokedAwarded in error']);
    expect(revoked.source).toBeNull();
    const onRetry = vi.fn();
    const unverifiable = show(checkedState({ url: credly.pageUrl!, status: 'unverifiable', reason: 'records.example answered HTTP 500', checkedAt: '2026-05-01T10:00:00Z', checkedBy: { kind: 'server', host: 'badgelens.example' } }, null), onRetry);
    expect(unverifiable.chips).toEqual(['Couldn’t check right now']);
    expect(container.querySelector('.chip--neutral')).not.toBeNull();
    unverifiable.retry!.click();
    expect(onRetry).toHaveBeenCalledOnce();
  });

  test('expired and self-claimed badges never say Verified, also not in their line', () => {
    for (const status of ['expired', 'self_claimed'] as const) {
      const view = show(checked(status));
      expect(view.chips.join(' '), status).not.toMatch(/Verified/);
      expect(view.source, status).not.toMatch(/Verified/);
    }
    expect(show(checked('expired')).source).toBe('Issued by Northwind Cloud Academy');
    // A self-claim was never issued by anyone.
    expect(show(checked('self_claimed')).source).toBe('A skill badge of Northwind Cloud Academy, claimed by its holder; Northwind Cloud Academy has not confirmed it');
  });
});

describe('a badge carrying a level or years', () => {
  const withAttribute = (attribute: VerifiedBadge['attribute'], status: CheckedResult['status'] = 'valid') =>
    checked(status, { badge: { ...credly, name: 'CWI', recipientName: 'Rosa Example', attribute } });
  const attributeOf = (state: OverlayState) => {
    show(state);
    return container.querySelector('.attribute')?.textContent ?? null;
  };

  test('says the years after the badge name, singular and plural', () => {
    expect(attributeOf(withAttribute({ kind: 'yearsActive', label: 'Years as CWI', value: 12 }))).toBe('CWI · 12 years');
    expect(attributeOf(withAttribute({ kind: 'yearsExperience', label: 'Years in the trade', value: 1 }))).toBe('CWI · 1 year');
    expect(attributeOf(withAttribute({ kind: 'yearsActive', label: 'Years as CWI', value: 0 }))).toBe('CWI · 0 years');
  });

  test('says a level as given, a volunteer only when the flag is set, and nothing without an attribute', () => {
    expect(attributeOf(withAttribute({ kind: 'level', label: 'Level', value: 'Gold' }))).toBe('CWI · Gold');
    expect(attributeOf(withAttribute({ kind: 'volunteer', label: 'Volunteer', value: true }))).toBe('CWI · Volunteer');
    expect(attributeOf(withAttribute({ kind: 'volunteer', label: 'Volunteer', value: false }))).toBeNull();
    expect(attributeOf(withAttribute(undefined))).toBeNull();
  });

  test('keeps its status chip (an expired badge is not verified because it has years) and shows the value in the card under its label', async () => {
    const view = show(withAttribute({ kind: 'yearsActive', label: 'Years as CWI', value: 12 }, 'expired'));
    expect(view.chips[0]).toMatch(/^Expired/);
    const card = await openCard();
    expect(cardRows(card)['Years as CWI']).toBe('12 years');
  });
});
