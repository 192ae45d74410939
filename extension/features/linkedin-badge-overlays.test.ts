// @vitest-environment-options {"url": "https://www.linkedin.com/in/amara-okafor-4b1a2c/"}
// The LinkedIn overlay feature against the hand-made fixtures of each layout, with the real
// content script code, the real background message handling and verifier (WXT's fakeBrowser
// carries the messages), and a stand-in API at the network edge.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createMessageListener } from '../background/content-messages';
import { runFeatures } from '../content/run-features';
import { createVerifier } from '../background/verifier';
import { createFakeApi, type FakeApi } from '../test/fake-api';
import { FIXTURES, type FixtureName } from '../test/linkedin-fixtures';
import { chipLabels, chipTexts, entry, fixtureMain, overlaysIn, showFixture, summaryText } from '../test/page';
import { features } from './index';

let api: FakeApi;
let ctx: ContentScriptContext;

beforeEach(() => {
  fakeBrowser.reset();
  api = createFakeApi();
  const verifier = createVerifier({ fetch: api.fetch, apiBaseUrl: async () => api.base, batchDelayMs: 1, timeoutMs: 300 });
  fakeBrowser.runtime.onMessage.addListener(createMessageListener(verifier));
});

afterEach(() => {
  ctx?.abort();
});

function start(): void {
  ctx = new ContentScriptContext('linkedin');
  runFeatures(ctx, features);
}

const everyLayout: Array<{ fixture: FixtureName; expected: Record<string, string[]>; untouched: string[]; summary: string }> = [
  {
    fixture: 'member-profile',
    expected: { valid: ['Verified'], expired: ['Expired'], revoked: ['Revoked'], mismatch: ['Name mismatch'] },
    untouched: ['foreign', 'no-link'],
    summary: '1 verified badge · 3 with problems',
  },
  {
    fixture: 'guest-profile',
    expected: { valid: ['Verified'], expired: ['Expired'], revoked: ['Revoked'], mismatch: ['Name mismatch'] },
    untouched: ['foreign'],
    summary: '1 verified badge · 3 with problems',
  },
  {
    fixture: 'details-certifications',
    expected: { valid: ['Verified'], 'not-found': ['Not found'], revoked: ['Revoked'] },
    untouched: ['foreign'],
    summary: '1 verified badge · 2 with problems',
  },
  {
    fixture: 'redesign-profile',
    expected: { valid: ['Verified'], expired: ['Expired'], revoked: ['Revoked'], mismatch: ['Name mismatch'] },
    untouched: ['foreign'],
    summary: '1 verified badge · 3 with problems',
  },
];

describe.each(everyLayout)('$fixture', ({ fixture, expected, untouched, summary }) => {
  test('shows the right chip on each BadgeLens entry and leaves the others alone', async () => {
    showFixture(fixture, api.urls);
    start();
    await vi.waitFor(() => {
      for (const [name, labels] of Object.entries(expected)) expect(chipLabels(entry(name)), name).toEqual(labels);
    });
    for (const name of untouched) expect(overlaysIn(entry(name)), name).toHaveLength(0);
    await vi.waitFor(() => expect(summaryText()).toBe(summary));
    // One overlay per entry, placed right after the credential link.
    for (const name of Object.keys(expected)) {
      const hosts = overlaysIn(entry(name));
      expect(hosts).toHaveLength(1);
      expect(hosts[0].previousElementSibling?.tagName).toBe('A');
    }
  });

  test('asks the API about BadgeLens URLs only, unwrapped from LinkedIn’s redirect', async () => {
    showFixture(fixture, api.urls);
    start();
    await vi.waitFor(() => expect(chipLabels(entry('valid'))).toEqual(['Verified']));
    const asked = api.verifyCalls.flat();
    expect(asked.length).toBeGreaterThan(0);
    for (const url of asked) expect(url.startsWith(`${api.base}/assertions/`), url).toBe(true);
    expect(asked.some((url) => url.includes('linkedin.com'))).toBe(false);
  });
});

describe('chips and card', () => {
  test('a revoked badge shows its reason, a mismatch whose name it carries', async () => {
    showFixture('member-profile', api.urls);
    start();
    await vi.waitFor(() => expect(chipLabels(entry('revoked'))).toEqual(['Revoked']));
    expect(chipTexts(entry('revoked'))[0]).toContain('Issued in error: exam not passed');
    await vi.waitFor(() => expect(chipTexts(entry('mismatch'))[0]).toContain('issued to Daniel Whitford'));
  });

  test('shows the badge image the API serves, as a data: URL', async () => {
    showFixture('member-profile', api.urls);
    start();
    await vi.waitFor(() => {
      const image = overlaysIn(entry('valid'))[0].shadowRoot?.querySelector('img.badge-image');
      expect(image?.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    });
    expect(api.otherCalls.every((url) => url.startsWith(`${api.base}/assertions/`))).toBe(true);
  });

  test('keyboard focus opens the details card, Escape closes it', async () => {
    showFixture('member-profile', api.urls);
    start();
    await vi.waitFor(() => expect(chipLabels(entry('valid'))).toEqual(['Verified']));
    const shadow = overlaysIn(entry('valid'))[0].shadowRoot!;
    const chip = shadow.querySelector<HTMLButtonElement>('button.chip')!;
    expect(chip.getAttribute('aria-expanded')).toBe('false');
    expect(shadow.querySelector('.card')).toBeNull(); // rendered when opened
    chip.focus();
    chip.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await vi.waitFor(() => expect(chip.getAttribute('aria-expanded')).toBe('true'));
    const card = shadow.querySelector<HTMLElement>('.card')!;
    expect(chip.getAttribute('aria-controls')).toBe(card.id);
    expect(card.textContent).toContain('North Sea Welding Institute');
    expect(card.textContent).toContain('Amara N. Okafor');
    expect(card.textContent).toContain('CategoryCertification');
    expect(card.querySelector('a')?.getAttribute('href')).toBe(api.urls.VALID);
    chip.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await vi.waitFor(() => expect(chip.getAttribute('aria-expanded')).toBe('false'));
    expect(shadow.querySelector('.card')).toBeNull();
    expect(chip.hasAttribute('aria-controls')).toBe(false);
  });

  test('a name mismatch explains itself in one line, on the chip and in the card', async () => {
    showFixture('member-profile', api.urls);
    start();
    await vi.waitFor(() => expect(chipTexts(entry('mismatch'))).toEqual(['!Name mismatchissued to Daniel Whitford']));
    const shadow = overlaysIn(entry('mismatch'))[0].shadowRoot!;
    const chip = shadow.querySelector<HTMLButtonElement>('button.chip')!;
    chip.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    await vi.waitFor(() => expect(shadow.querySelector('.card-warning')?.textContent).toBe('Issued to Daniel Whitford, which does not match the name on this profile.'));
    expect(chip.getAttribute('aria-label')).toBe('BadgeLens: Name mismatch (issued to Daniel Whitford). Demo badge mismatch. Show details');
  });

  test('hover opens the card too', async () => {
    showFixture('member-profile', api.urls);
    start();
    await vi.waitFor(() => expect(chipLabels(entry('expired'))).toEqual(['Expired']));
    const shadow = overlaysIn(entry('expired'))[0].shadowRoot!;
    shadow.querySelector('.overlay')!.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    shadow.querySelector('.overlay')!.dispatchEvent(new MouseEvent('mouseenter'));
    await vi.waitFor(() => expect(shadow.querySelector('button.chip')?.getAttribute('aria-expanded')).toBe('true'));
    expect(shadow.querySelector('.card')?.textContent).toContain('Feb 1, 2024');
  });

  test('follows LinkedIn’s dark theme', async () => {
    showFixture('details-certifications', api.urls);
    start();
    await vi.waitFor(() => expect(chipLabels(entry('valid'))).toEqual(['Verified']));
    expect(overlaysIn(entry('valid'))[0].shadowRoot?.querySelector('.overlay')?.getAttribute('data-theme')).toBe('dark');
  });
});

describe('a single-page app', () => {
  test('overlays appear when the certification section arrives late', async () => {
    showFixture('member-profile', api.urls);
    const section = document.querySelector('#licenses_and_certifications')!.closest('section')!;
    const placeholder = document.createElement('div');
    section.replaceWith(placeholder);
    start();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(document.querySelectorAll('badgelens-badge')).toHaveLength(0);
    expect(summaryText()).toBeNull();
    placeholder.replaceWith(section);
    await vi.waitFor(() => expect(chipLabels(entry('valid'))).toEqual(['Verified']));
    await vi.waitFor(() => expect(summaryText()).toBe('1 verified badge · 3 with problems'));
  });

  test('follows navigation to another profile and drops the old overlays', async () => {
    showFixture('member-profile', api.urls);
    start();
    await vi.waitFor(() => expect(chipLabels(entry('valid'))).toEqual(['Verified']));

    const next = fixtureMain('second-profile', api.urls);
    history.pushState(null, '', FIXTURES['second-profile']);
    document.title = next.title;
    document.querySelector('main')!.replaceWith(next.main);

    await vi.waitFor(() => expect(chipLabels(entry('second-valid'))).toEqual(['Verified']), { timeout: 4000 });
    expect(overlaysIn(entry('second-foreign'))).toHaveLength(0);
    expect(document.querySelectorAll('badgelens-badge')).toHaveLength(1);
    await vi.waitFor(() => expect(summaryText()).toBe('1 verified badge'));
  });

  test('back on a profile within the cache lifetime: its chips and images show at once, nothing is asked', async () => {
    const messages: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      messages.push(message);
      return undefined;
    });
    const navigate = (name: 'member-profile' | 'second-profile') => {
      const next = fixtureMain(name, api.urls);
      history.pushState(null, '', FIXTURES[name]);
      document.title = next.title;
      document.querySelector('main')!.replaceWith(next.main);
    };
    const imageOf = (name: string) => overlaysIn(entry(name))[0]?.shadowRoot?.querySelector('img.badge-image')?.getAttribute('src');
    showFixture('member-profile', api.urls);
    start();
    await vi.waitFor(() => {
      expect(chipLabels(entry('valid'))).toEqual(['Verified']);
      expect(imageOf('valid')).toMatch(/^data:image\/png;base64,/);
    });
    navigate('second-profile');
    await vi.waitFor(() => expect(chipLabels(entry('second-valid'))).toEqual(['Verified']), { timeout: 4000 });
    const asked = { messages: messages.length, api: api.verifyCalls.length + api.otherCalls.length };

    navigate('member-profile');
    const states: string[] = [];
    await vi.waitFor(() => {
      const state = overlaysIn(entry('valid'))[0]?.shadowRoot?.querySelector('.overlay')?.getAttribute('data-state');
      if (state) states.push(state);
      expect(chipLabels(entry('valid'))).toEqual(['Verified']);
      expect(chipLabels(entry('revoked'))).toEqual(['Revoked']);
      expect(imageOf('valid')).toMatch(/^data:image\/png;base64,/);
    }, { timeout: 4000, interval: 5 });
    expect(states).not.toContain('checking');
    expect({ messages: messages.length, api: api.verifyCalls.length + api.otherCalls.length }).toEqual(asked);
  });

  test('leaving profiles removes every overlay', async () => {
    showFixture('member-profile', api.urls);
    start();
    await vi.waitFor(() => expect(chipLabels(entry('valid'))).toEqual(['Verified']));
    history.pushState(null, '', '/feed/');
    await vi.waitFor(() => expect(document.querySelectorAll('badgelens-badge, badgelens-summary')).toHaveLength(0), { timeout: 4000 });
  });

  test('entries LinkedIn appends while scrolling the details page get their overlay', async () => {
    history.replaceState(null, '', FIXTURES['details-certifications']);
    showFixture('details-certifications', api.urls);
    start();
    await vi.waitFor(() => expect(chipLabels(entry('valid'))).toEqual(['Verified']));
    const more = entry('valid').cloneNode(true) as Element;
    more.setAttribute('data-entry', 'appended');
    const link = more.querySelector('a[aria-label="Show credential"]')!;
    link.removeAttribute('aria-label'); // only its text says what it is
    link.setAttribute('href', `https://www.linkedin.com/redir/redirect?url=${encodeURIComponent(api.urls.SECOND_VALID)}&urlhash=x`);
    entry('valid').parentElement!.append(more);
    await vi.waitFor(() => expect(chipLabels(entry('appended'))).toEqual(['Name mismatch']));
    await vi.waitFor(() => expect(summaryText()).toBe('1 verified badge · 3 with problems'));
  });

  test('LinkedIn’s constant churn elsewhere on the page costs no scan and no API call', async () => {
    showFixture('member-profile', api.urls);
    start();
    await vi.waitFor(() => expect(summaryText()).toBe('1 verified badge · 3 with problems'));
    const callsBefore = api.verifyCalls.length;
    const hostsBefore = [...document.querySelectorAll('badgelens-badge')];
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the last scan run
    const documentQueries = vi.spyOn(document, 'querySelectorAll');
    for (let round = 0; round < 5; round += 1) {
      const card = document.createElement('section');
      card.append(Object.assign(document.createElement('a'), { href: 'https://www.linkedin.com/feed/update/1/', textContent: 'post' }));
      document.querySelector('main')!.append(card);
      card.remove();
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    expect(documentQueries).not.toHaveBeenCalled(); // a scan starts with a document-wide query
    documentQueries.mockRestore();
    expect(api.verifyCalls.length).toBe(callsBefore);
    expect([...document.querySelectorAll('badgelens-badge')]).toEqual(hostsBefore);
  });

  test('never duplicates overlays under churn, and an overlay leaves with its entry', async () => {
    showFixture('member-profile', api.urls);
    start();
    await vi.waitFor(() => expect(chipLabels(entry('mismatch'))).toEqual(['Name mismatch']));
    const list = entry('valid').parentElement!;
    for (let round = 0; round < 5; round += 1) {
      list.append(document.createElement('div'));
      list.lastElementChild!.remove();
      await new Promise((resolve) => setTimeout(resolve, 80));
    }
    for (const name of ['valid', 'expired', 'revoked', 'mismatch']) expect(overlaysIn(entry(name)), name).toHaveLength(1);

    const gone = overlaysIn(entry('expired'))[0];
    entry('expired').remove();
    await vi.waitFor(() => expect(summaryText()).toBe('1 verified badge · 2 with problems'));
    expect(gone.isConnected).toBe(false);
    expect(document.querySelectorAll('badgelens-badge')).toHaveLength(3);
  });

  test('puts its overlay back when the page re-renders the entry’s contents', async () => {
    showFixture('member-profile', api.urls);
    start();
    await vi.waitFor(() => expect(chipLabels(entry('valid'))).toEqual(['Verified']));
    overlaysIn(entry('valid'))[0].remove();
    await vi.waitFor(() => expect(chipLabels(entry('valid'))).toEqual(['Verified']));
    expect(overlaysIn(entry('valid'))).toHaveLength(1);
  });

  test('stops everything with the content script’s context', async () => {
    showFixture('member-profile', api.urls);
    start();
    await vi.waitFor(() => expect(chipLabels(entry('valid'))).toEqual(['Verified']));
    ctx.abort();
    expect(document.querySelectorAll('badgelens-badge, badgelens-summary')).toHaveLength(0);
    const callsBefore = api.verifyCalls.length;
    const next = fixtureMain('second-profile', api.urls);
    document.querySelector('main')!.replaceWith(next.main);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(document.querySelectorAll('badgelens-badge')).toHaveLength(0);
    expect(api.verifyCalls.length).toBe(callsBefore);
  });
});

describe('failures', () => {
  test('API unreachable: the page is untouched, chips say Couldn’t check, Retry works', async () => {
    api.setMode('down');
    showFixture('member-profile', api.urls);
    const before = entry('valid').textContent;
    start();
    await vi.waitFor(() => expect(chipLabels(entry('valid'))).toEqual(['Couldn’t check']));
    expect(entry('valid').textContent).toBe(before);
    expect(summaryText()).toBe('0 verified badges · 4 not checked');

    api.setMode('ok');
    overlaysIn(entry('valid'))[0].shadowRoot!.querySelector<HTMLButtonElement>('button.retry')!.click();
    await vi.waitFor(() => {
      expect(chipLabels(entry('valid'))).toEqual(['Verified']);
      expect(chipLabels(entry('revoked'))).toEqual(['Revoked']);
    });
  });

  test('API too slow: Couldn’t check', async () => {
    api.setMode('slow');
    showFixture('guest-profile', api.urls);
    start();
    await vi.waitFor(() => expect(chipLabels(entry('valid'))).toEqual(['Couldn’t check']));
  });

  test('a malformed answer is rejected by the schema, never rendered', async () => {
    api.setMode('malformed');
    showFixture('redesign-profile', api.urls);
    start();
    await vi.waitFor(() => expect(chipLabels(entry('valid'))).toEqual(['Couldn’t check']));
    expect(overlaysIn(entry('valid'))[0].shadowRoot?.textContent).not.toContain('42');
  });
});
