// The portfolio offers everything the popup does for a badge: tracked share links, the email
// signature, the résumé line and the files, on a page of its own.
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { cspHash, INLINE_SCRIPTS } from '../src/pages/csp';
import { COPY_SNIPPET_SCRIPT } from '../src/pages/earner/SharePage';
import { Browser, issueBadge, issuerWithBadge, logIn, PUBLIC_URL, verifiedAccount, worldsClosedAfterEach } from './earners-helpers';

const world = worldsClosedAfterEach();
const parse = (html: string) => new new Window().DOMParser().parseFromString(html, 'text/html');
const text = (element: { textContent: string | null } | null | undefined) => (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

async function earnerWithBadge() {
  const w = await world();
  await verifiedAccount(w, 'jane@example.com');
  const issuer = await issuerWithBadge(w);
  const id = await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
  const { browser } = await logIn(w, 'jane@example.com');
  await browser.get('/portfolio');
  expect((await browser.post(`/portfolio/badges/${id}/accept`, {})).status).toBe(303);
  return { w, browser, id };
}

describe('the share page of a badge in the portfolio', () => {
  it('is linked from the portfolio and carries the tracked links, the signature, the résumé line and the files', async () => {
    const { browser, id } = await earnerWithBadge();
    const portfolio = parse(await (await browser.get('/portfolio')).text());
    expect(portfolio.querySelector(`a[href="/portfolio/badges/${id}/share"]`)).not.toBeNull();

    const res = await browser.get(`/portfolio/badges/${id}/share`);
    expect(res.status).toBe(200);
    const page = parse(await res.text());
    const links = Object.fromEntries([...page.querySelectorAll('.share-links a')].map((link) => [text(link), link.getAttribute('href')]));
    expect(links).toEqual({
      'Add to LinkedIn profile': `${PUBLIC_URL}/s/${id}/linkedin-profile`,
      'Post on LinkedIn': `${PUBLIC_URL}/s/${id}/linkedin`,
      'Post on X': `${PUBLIC_URL}/s/${id}/x`,
      'Share on Facebook': `${PUBLIC_URL}/s/${id}/facebook`,
      'Send by email': `${PUBLIC_URL}/s/${id}/email`,
    });
    const value = (selector: string) => page.querySelector(selector)?.textContent ?? '';
    expect(value('#signature-html')).toContain(`${PUBLIC_URL}/assertions/${id}`);
    expect(value('#signature-html')).toMatch(/^</);
    expect(value('#signature-text')).toContain(`${PUBLIC_URL}/assertions/${id}`);
    expect(value('#resume-markdown')).toContain(`${PUBLIC_URL}/assertions/${id}`);
    // The snippets are text in the page, never markup of it.
    expect(page.querySelectorAll('main table, main img').length).toBe(0);
    expect([...page.querySelectorAll('#downloads ~ ul a, section[aria-labelledby="downloads"] a')].map((link) => link.getAttribute('href'))).toEqual(
      expect.arrayContaining([`${PUBLIC_URL}/assertions/${id}/baked.png`, `${PUBLIC_URL}/assertions/${id}/baked.svg`]),
    );
    // Copy buttons wait for the script, which the page's policy allows by hash.
    expect([...page.querySelectorAll('button[data-copy]')].every((button) => button.hasAttribute('hidden'))).toBe(true);
    expect(INLINE_SCRIPTS).toContain(COPY_SNIPPET_SCRIPT);
    expect(res.headers.get('content-security-policy')).toContain(cspHash(COPY_SNIPPET_SCRIPT));
  });

  it('says why a badge cannot be shared, and answers for somebody else’s badge as for none', async () => {
    const { w, browser, id } = await earnerWithBadge();
    expect((await browser.post(`/portfolio/badges/${id}/private`, {})).status).toBe(303);
    const privatePage = await browser.get(`/portfolio/badges/${id}/share`);
    expect(privatePage.status).toBe(409);
    expect(text(parse(await privatePage.text()).querySelector('main'))).toContain('Make this badge public');

    await verifiedAccount(w, 'ravi@example.com', undefined, { firstName: 'Ravi', lastName: 'Rao' });
    const { browser: ravi } = await logIn(w, 'ravi@example.com');
    expect((await browser.post(`/portfolio/badges/${id}/public`, {})).status).toBe(303);
    expect((await ravi.get(`/portfolio/badges/${id}/share`)).status).toBe(404);
    expect((await ravi.get('/portfolio/badges/no-such-badge/share')).status).toBe(404);
    expect((await new Browser(w.app).get(`/portfolio/badges/${id}/share`)).status).toBe(303);
  });
});
