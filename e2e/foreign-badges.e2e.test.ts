// Real browser, badges of other sites: Debian's Chromium loads the built extension; a local server
// answers for www.linkedin.com with a profile whose certifications link Credly, Canvas Credentials
// (Badgr), other Open Badges and signed Open Badges 3.0 credentials. The real API reads the foreign
// hosts through FETCH_TEST_HOSTS; the service worker reads the signed credentials' hosts itself
// (trustless mode, on by default) over HTTPS on loopback, or through the API's relay.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { safeFetchFromEnv } from '../api/src/fetch';
import { BADGE_SLOTS, FIXTURES, type BadgeUrls } from '../extension/test/linkedin-fixtures';
import { startApi, type RunningApi } from './support/api';
import { launchWithExtension, setApiBaseUrl, type ExtensionBrowser } from './support/chromium';
import { startFixtureServer, type FixtureServer } from './support/fixture-server';
import { CLOSED_HOSTS, CORS_HOSTS, FOREIGN_URLS, publishForeignBadges } from './support/foreign-badges';
import { startForeignSites, type ForeignSites } from './support/foreign-sites';
import { eventually, readOverlays } from './support/overlays';

let sites: ForeignSites;
let api: RunningApi;
let linkedin: FixtureServer;
let browser: ExtensionBrowser;
let page: Page;

beforeAll(async () => {
  sites = await startForeignSites({ corsHosts: CORS_HOSTS, closedHosts: CLOSED_HOSTS });
  await publishForeignBadges(sites.web);
  api = await startApi({ safeFetch: safeFetchFromEnv({ FETCH_TEST_HOSTS: sites.fetchTestHosts() }).safeFetch });
  // The foreign profile has no placeholders for this server's badges.
  linkedin = await startFixtureServer(Object.fromEntries(BADGE_SLOTS.map((slot) => [slot, `${api.url}/assertions/unused`])) as BadgeUrls);
  const https = Object.fromEntries([...CORS_HOSTS, ...CLOSED_HOSTS].map((host) => [host, sites.httpsPort]));
  browser = await launchWithExtension({ linkedinPort: linkedin.port, extraHosts: https, extraArgs: ['--ignore-certificate-errors'] });
  await setApiBaseUrl(browser.serviceWorker, api.url);
  page = await browser.context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await linkedin?.close();
  await api?.close();
  await sites?.close();
});

/** data-entry → the line under its chips (who vouches, who checked). */
function sourceLines(): Promise<Record<string, string>> {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('[data-entry]')].map((entry) => [
        entry.getAttribute('data-entry')!,
        entry.querySelector('badgelens-badge')?.shadowRoot?.querySelector('.source')?.textContent ?? '',
      ]),
    ),
  );
}

const COULD_NOT_CHECK = ['Couldn’t check right now'];

// In order, on one tab: the API stopped first, then running again.
describe('badges of other sites in Chromium', () => {
  test('API stopped: signed credentials are verified in the browser and say so; the others cannot be checked now', async () => {
    await api.stop();
    await page.goto(`http://www.linkedin.com${FIXTURES['foreign-profile']}`);
    const overlays = await eventually(
      () => readOverlays(page),
      (o) => {
        expect(o.chips.signed).toEqual(['Verified']);
        expect(o.chips['signed-revoked']).toEqual(['Revoked: Revoked by its issuer']);
        for (const name of ['credly-valid', 'badgr-revoked', 'unverifiable', 'signed-relayed']) expect(o.chips[name], name).toEqual(COULD_NOT_CHECK);
      },
      30_000,
    );
    // Links not known to be badges by their address show nothing while nobody could say what they are.
    expect(overlays.overlayCount.invalid).toBe(0);
    expect(overlays.overlayCount['not-a-badge']).toBe(0);
    const lines = await sourceLines();
    expect(lines.signed).toBe('Verified by issuer.example · issued by Guild of Fixture Welders · Checked in your browser');
    expect(lines['signed-revoked']).toBe('Issued by Guild of Fixture Welders · Checked in your browser');
    expect(sites.browserReads).toEqual(
      expect.arrayContaining([FOREIGN_URLS.signed, FOREIGN_URLS.signedRevoked, 'https://issuer.example/issuers/guild/did.json', 'https://issuer.example/status/1']),
    );
    expect(await page.locator('h1').textContent()).toBe('Rosa Example');
  });

  test('API running again: Retry shows every foreign status; signed credentials never reach the verify route', async () => {
    await api.start();
    await page.locator('[data-entry="credly-valid"] badgelens-badge button.retry').click();
    const overlays = await eventually(
      () => readOverlays(page),
      (o) => {
        expect(o.chips['credly-valid']).toEqual(['Verified', 'No name on this badge']);
        expect(o.chips['badgr-revoked']).toEqual(['Revoked: Issued in error']);
        expect(o.chips.invalid).toHaveLength(1);
        expect(o.chips.invalid[0]).toMatch(/^Invalid: .+/);
        expect(o.chips.unverifiable).toEqual(COULD_NOT_CHECK);
        expect(o.chips['signed-relayed']).toEqual(['Verified']);
        expect(o.chips.signed).toEqual(['Verified']);
      },
      30_000,
    );
    expect(overlays.overlayCount['not-a-badge']).toBe(0);
    // Never the word "Verified" on a chip that is not valid.
    for (const name of ['badgr-revoked', 'invalid', 'unverifiable', 'signed-revoked']) expect(overlays.chips[name]!.join(' '), name).not.toMatch(/Verified/);
    const lines = await sourceLines();
    expect(lines['credly-valid']).toMatch(/^Verified by [a-z0-9.-]+ · issued by Northwind Cloud Academy$/);
    expect(lines['badgr-revoked']).not.toMatch(/Verified/);
    expect(lines['signed-relayed']).toBe('Verified by closed.example · issued by Guild of Fixture Welders · Checked in your browser');

    // The signed credentials were read by the browser (closed.example through the relay), never sent to be verified.
    expect(api.verifiedUrls.length).toBeGreaterThan(0);
    expect(api.verifiedUrls.filter((url) => url.includes('/credentials/'))).toEqual([]);
    expect(api.requests).toContain('GET /api/v1/relay');
    expect(sites.apiSide.requests.some((request) => request.startsWith('issuer.example '))).toBe(false);
    expect(sites.apiSide.requests).toContain('closed.example /credentials/Re1ayedCredent1al');
  });
});
