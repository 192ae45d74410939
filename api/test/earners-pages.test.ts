import { Window } from 'happy-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { Browser, earnerWorld, issueBadge, issuerWithBadge, latestMail, linkIn, logIn, PUBLIC_URL, verifiedAccount, type EarnerWorld } from './earners-helpers';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

function parse(html: string) {
  return new new Window().DOMParser().parseFromString(html, 'text/html');
}

/** Structural checks every earner page must pass: language, one h1, every visible control labelled, a form token in every post form. */
function checkPage(html: string, where: string) {
  const page = parse(html);
  expect(page.documentElement.getAttribute('lang'), where).toBe('en');
  expect(page.querySelectorAll('h1').length, where).toBe(1);
  expect(page.querySelector('meta[name="robots"]')?.getAttribute('content'), where).toBe('noindex');
  for (const input of page.querySelectorAll('input:not([type=hidden])')) {
    const id = input.getAttribute('id');
    const labelled = (id && page.querySelector(`label[for="${id}"]`)) || input.closest('label');
    expect(labelled, `${where}: input ${input.getAttribute('name')} has a label`).toBeTruthy();
  }
  for (const form of page.querySelectorAll('form[method="post"]')) {
    expect(form.querySelector('input[name="csrf"]'), `${where}: form ${form.getAttribute('action')} carries the form token`).not.toBeNull();
  }
  return page;
}

describe('earner pages', () => {
  it('are labelled, titled, never indexed, and carry form tokens', async () => {
    const w: EarnerWorld = await earnerWorld();
    closers.push(() => w.transport.close());
    await verifiedAccount(w, 'jane@example.com');
    const issuer = await issuerWithBadge(w);
    await issueBadge(w, issuer, 'new@example.com', 'New Person');
    await issueBadge(w, issuer, 'jane@example.com', 'Jane Doe');
    await w.deliver();
    const claimUrl = linkIn((await latestMail(w, null, 'new@example.com', /issued you/)).text, `${PUBLIC_URL}/claim/`);

    const anonymous = new Browser(w.app);
    for (const path of ['/login', '/register', '/reset', new URL(claimUrl).pathname]) {
      const res = await anonymous.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-store');
      const page = checkPage(await res.text(), path);
      if (path === new URL(claimUrl).pathname) {
        // The claim's registration form starts with the name and address the badge was issued to.
        const value = (id: string) => page.getElementById(id)!.getAttribute('value');
        expect([value('field-firstName'), value('field-lastName'), value('field-email')]).toEqual(['New', 'Person', 'new@example.com']);
      }
    }
    const { browser } = await logIn(w, 'jane@example.com');
    for (const path of ['/portfolio', '/profile', '/account/delete', '/logout']) {
      const res = await browser.get(path);
      expect(res.status, path).toBe(200);
      checkPage(await res.text(), path);
    }
  });

  it('have one header whose links fit who is looking, each link once', async () => {
    const w = await earnerWorld();
    closers.push(() => w.transport.close());
    await verifiedAccount(w, 'jane@example.com');
    const headerLinks = (html: string) => [...parse(html).querySelectorAll('header a, header button')].map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim());
    const anonymous = new Browser(w.app);
    for (const path of ['/login', '/register']) {
      expect(headerLinks(await (await anonymous.get(path)).text()), path).toEqual(['BadgeLens', 'Catalogue', 'API docs', 'Log in', 'Register']);
    }
    const { browser } = await logIn(w, 'jane@example.com');
    for (const path of ['/portfolio', '/profile']) {
      const page = parse(await (await browser.get(path)).text());
      expect(headerLinks(page.documentElement.outerHTML), path).toEqual(['BadgeLens', 'Catalogue', 'API docs', 'My badges', 'Profile', 'Log out (Jane)']);
      expect(page.querySelectorAll('header').length, path).toBe(1);
      expect(page.querySelector('header form[action="/logout"] input[name="csrf"]')?.getAttribute('value'), path).toBeTruthy();
      expect(page.querySelectorAll('main a[href$="/portfolio"]').length, `${path}: no second account menu`).toBe(0);
    }
    // Public pages are cached for everyone alike: the links that fit every visitor.
    expect(headerLinks(await (await browser.get('/catalogue')).text())).toEqual(['BadgeLens', 'Catalogue', 'API docs', 'My badges']);
  });

  it('ties each error message to its field for screen readers', async () => {
    const w = await earnerWorld();
    closers.push(() => w.transport.close());
    const browser = new Browser(w.app);
    await browser.get('/login');
    const res = await browser.post('/login', { email: 'not an email', password: '' });
    expect(res.status).toBe(400);
    const page = checkPage(await res.text(), 'login with errors');
    const email = page.getElementById('field-email')!;
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(page.getElementById(email.getAttribute('aria-describedby')!)!.textContent).toMatch(/valid email address/);
    expect(page.getElementById('field-password-error')!.textContent).toBe('Enter your password.');
    // The first field in error is focused (and so scrolled into view); a password is never sent back.
    expect([...page.querySelectorAll('[autofocus]')].map((field) => field.id)).toEqual(['field-email', 'field-password']);
    expect(page.getElementById('field-password')!.hasAttribute('value')).toBe(false);
  });
});
