// @vitest-environment-options {"url": "https://www.linkedin.com/in/amara-okafor-4b1a2c/"}
import { describe, expect, test } from 'vitest';
import { createFakeApi } from '../../test/fake-api';
import { FIXTURES, type FixtureName } from '../../test/linkedin-fixtures';
import { showFixture } from '../../test/page';
import { findCredentialEntries, findProfileName, findSummaryAnchor, isProfileUrl, mayHoldCredentials, nameFromTitle, unwrapLinkedinRedirect } from './page';

const api = createFakeApi();

describe('finding the entries', () => {
  test.each<[FixtureName, string[], string]>([
    ['member-profile', ['valid', 'expired', 'revoked', 'mismatch', 'foreign'], 'Amara Okafor'],
    ['guest-profile', ['valid', 'expired', 'revoked', 'mismatch', 'foreign'], 'Amara Okafor'],
    ['details-certifications', ['valid', 'not-found', 'revoked', 'foreign'], 'Amara Okafor'],
    ['redesign-profile', ['valid', 'expired', 'revoked', 'mismatch', 'foreign'], 'Amara Okafor'],
    ['second-profile', ['second-valid', 'second-foreign'], 'Tomás Lindqvist'],
  ])('%s: one entry per credential link, the whole entry, and the name', (fixture, entries, name) => {
    showFixture(fixture, api.urls);
    const found = findCredentialEntries(document);
    expect(found.map((item) => item.entry.getAttribute('data-entry'))).toEqual(entries);
    for (const item of found) expect(item.credentialUrl).not.toMatch(/linkedin\.com/);
    expect(findProfileName(document)).toBe(name);
  });

  test('the credential URL comes out of LinkedIn’s redirect and keeps its own query', () => {
    showFixture('member-profile', api.urls);
    const urls = findCredentialEntries(document).map((item) => item.credentialUrl);
    expect(urls[0]).toBe(api.urls.VALID);
    expect(urls[4]).toBe('https://credentials.example.org/badges/f1a2b3c4/public_url');
  });

  test('the summary goes after the name, or after the section heading on the details page', () => {
    showFixture('redesign-profile', api.urls);
    expect(findSummaryAnchor(document)?.tagName).toBe('A'); // the link around the h2 name
    expect(findSummaryAnchor(document)?.textContent).toBe('Amara Okafor');
    showFixture('guest-profile', api.urls);
    expect(findSummaryAnchor(document)?.tagName).toBe('H1');
    showFixture('details-certifications', api.urls);
    expect(findSummaryAnchor(document)?.textContent).toContain('Licenses & certifications');
  });
});

test('a LinkedIn UI in another language: credential links are still found', () => {
  showFixture('member-profile', api.urls);
  for (const link of document.querySelectorAll('a[aria-label="Show credential"]')) {
    link.setAttribute('aria-label', 'Nachweis anzeigen');
    link.querySelector('span')!.textContent = 'Nachweis anzeigen';
  }
  const found = findCredentialEntries(document);
  expect(found.map((item) => item.entry.getAttribute('data-entry'))).toEqual(['valid', 'expired', 'revoked', 'mismatch', 'foreign']);
  expect(found[0].credentialUrl).toBe(api.urls.VALID);
});

describe('helpers', () => {
  test.each([
    ['https://www.linkedin.com/redir/redirect?url=https%3A%2F%2Fb.example%2Fassertions%2Fa1%3Ftrk%3Dx&urlhash=Q', 'https://b.example/assertions/a1?trk=x'],
    ['https://www.linkedin.com/redir/redirect/?url=https%3A%2F%2Fb.example%2Fa', 'https://b.example/a'],
    ['https://b.example/assertions/a1?trk=public_profile_see-credential', 'https://b.example/assertions/a1?trk=public_profile_see-credential'],
    ['https://www.linkedin.com/redir/redirect?urlhash=Q', null],
    ['javascript:alert(1)', null],
    ['not a url', null],
  ])('unwrap %s', (href, expected) => {
    expect(unwrapLinkedinRedirect(href)).toBe(expected);
  });

  test.each([
    ['(2) Amara Okafor | LinkedIn', 'Amara Okafor'],
    ['Amara Okafor - Lead Welding Inspector - Northgate | LinkedIn', 'Amara Okafor'],
    ['Licenses & certifications | Amara Okafor | LinkedIn', 'Amara Okafor'],
    ['LinkedIn', null],
  ])('name from title %s', (title, expected) => {
    expect(nameFromTitle(title)).toBe(expected);
  });

  test('which pages are profiles', () => {
    const yes = [FIXTURES['member-profile'], FIXTURES['details-certifications'], '/in/someone'];
    const no = ['/feed/', '/in/someone/details/experience/', '/company/acme/', '/in/'];
    for (const path of yes) expect(isProfileUrl(new URL(path, 'https://www.linkedin.com')), path).toBe(true);
    for (const path of no) expect(isProfileUrl(new URL(path, 'https://www.linkedin.com')), path).toBe(false);
    expect(isProfileUrl(new URL('https://uk.linkedin.com/in/someone/'))).toBe(true);
    expect(isProfileUrl(new URL('https://evil.example/in/someone/'))).toBe(false);
    expect(isProfileUrl(new URL('https://www.linkedin.com.evil.example/in/someone/'))).toBe(false);
  });
});

describe('which added elements may hold credentials', () => {
  test('a feed card or a people list does not; a certification section, entry or name heading does', () => {
    showFixture('member-profile', api.urls);
    const feedCard = document.createElement('section');
    const post = feedCard.appendChild(document.createElement('a'));
    post.href = 'https://www.linkedin.com/feed/update/urn:li:activity:1/';
    post.textContent = 'See more';
    document.querySelector('main')!.append(feedCard);
    expect(mayHoldCredentials(feedCard)).toBe(false);
    expect(mayHoldCredentials(document.querySelector('aside ul')!)).toBe(false);

    expect(mayHoldCredentials(document.querySelector('#licenses_and_certifications')!.closest('section')!)).toBe(true);
    expect(mayHoldCredentials(document.querySelector('[data-entry="valid"]')!)).toBe(true);
    expect(mayHoldCredentials(document.querySelector('.pv-top-card')!)).toBe(true);

    // A text-only "Show credential" link arriving inside an existing certification section.
    const bare = document.createElement('li');
    const link = bare.appendChild(document.createElement('a'));
    link.href = 'https://example.org/x';
    link.textContent = 'Show credential';
    document.querySelector('[data-entry="valid"]')!.parentElement!.append(bare);
    expect(mayHoldCredentials(bare)).toBe(true);
  });
});
