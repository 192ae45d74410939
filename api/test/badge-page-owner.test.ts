import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { Browser, earnerWorld, issueBadge, issuerWithBadge, logIn, verifiedAccount, type EarnerWorld } from './earners-helpers';
import { jsonRequest, PUBLIC_URL } from './helpers';

const worlds: EarnerWorld[] = [];
afterEach(() => {
  for (const world of worlds.splice(0)) world.transport.close();
});

function parse(html: string) {
  const window = new Window();
  window.document.write(html);
  return window.document;
}

async function setup() {
  const world = await earnerWorld();
  worlds.push(world);
  const issuer = await issuerWithBadge(world, 'GTAW Pipe 6G');
  await verifiedAccount(world, 'jane@example.com');
  await verifiedAccount(world, 'omar@example.com', undefined, { firstName: 'Omar', lastName: 'Haddad' });
  const id = await issueBadge(world, issuer, 'jane@example.com', 'Jane Doe');
  return { world, issuer, id };
}

describe('the badge page for its owner', () => {
  it('shows the owner tracked share links, privately cached', async () => {
    const { world, id } = await setup();
    const { browser } = await logIn(world, 'jane@example.com');
    const res = await browser.get(`/assertions/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const document = parse(await res.text());
    const section = document.querySelector('section[aria-labelledby="share"]');
    expect(section?.querySelector('h2')?.textContent).toBe('Share your badge');
    const hrefs = [...section!.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['linkedin-profile', 'linkedin', 'x', 'facebook', 'email'].map((channel) => `${PUBLIC_URL}/s/${id}/${channel}`));
  });

  it('shows no share section to anonymous visitors or other earners, and keeps the public page cacheable', async () => {
    const { world, id } = await setup();
    const anonymous = await new Browser(world.app).get(`/assertions/${id}`);
    expect(anonymous.headers.get('cache-control')).toMatch(/^public/);
    expect(parse(await anonymous.text()).querySelector('section[aria-labelledby="share"]')).toBeNull();
    const { browser } = await logIn(world, 'omar@example.com');
    const other = await browser.get(`/assertions/${id}`);
    expect(parse(await other.text()).querySelector('section[aria-labelledby="share"]')).toBeNull();
  });

  it('links the PDF certificate in both sizes only where the issuer offers it', async () => {
    const { world, issuer, id } = await setup();
    const without = parse(await (await new Browser(world.app).get(`/assertions/${id}`)).text());
    expect(without.querySelector('a[href*="certificate.pdf"]')).toBeNull();
    const patch = await world.app.request(`/api/v1/badges/${issuer.badgeClassId}`, jsonRequest('PATCH', { offersCertificate: true }, issuer.auth));
    expect(patch.status).toBe(200);
    const withCertificate = parse(await (await new Browser(world.app).get(`/assertions/${id}`)).text());
    const links = [...withCertificate.querySelectorAll('a[href*="certificate.pdf"]')].map((a) => a.getAttribute('href'));
    expect(links).toEqual([`${PUBLIC_URL}/assertions/${id}/certificate.pdf`, `${PUBLIC_URL}/assertions/${id}/certificate.pdf?size=letter`]);
  });

  it('opens a private badge for its owner alone, marked as such and without share tools; others learn nothing', async () => {
    const { world, id } = await setup();
    const { browser } = await logIn(world, 'jane@example.com');
    const made = await browser.post(`/portfolio/badges/${id}/private`, {});
    expect(made.status).toBeLessThan(400);

    const own = await browser.get(`/assertions/${id}`);
    expect(own.status).toBe(200);
    expect(own.headers.get('cache-control')).toBe('private, no-store');
    const document = parse(await own.text());
    const notice = document.querySelector('#private-notice');
    expect(notice?.querySelector('.status-title')?.textContent).toBe('Only you can see this');
    expect(notice?.querySelector('a')?.getAttribute('href')).toBe(`/portfolio/badges/${id}/public`);
    expect(document.querySelector('meta[name="robots"]')?.getAttribute('content')).toMatch(/noindex/);
    expect(document.querySelector('section[aria-labelledby="share"]')).toBeNull();

    const anonymous = await new Browser(world.app).get(`/assertions/${id}`);
    const { browser: omar } = await logIn(world, 'omar@example.com');
    const other = await omar.get(`/assertions/${id}`);
    const ownJson = await browser.get(`/assertions/${id}.json`);
    for (const hidden of [anonymous, other, ownJson]) {
      expect(hidden.status).toBe(404);
      expect(await hidden.text()).not.toContain('GTAW Pipe 6G');
    }
  });
});
