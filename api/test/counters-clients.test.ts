// Badge page views and tracked shares count a client (address, User-Agent, visitor cookie) once per day,
// badge and channel, in the database (every node counts together), without storing any address.
import { describe, expect, it } from 'vitest';
import { purgeExpired } from '../src/earners/housekeeping';
import { MAX_COUNTED_CLIENTS_PER_ADDRESS } from '../src/db/sharing';
import { Browser, worldsClosedAfterEach, fromAddress, issueBadge, issuerWithBadge, type EarnerWorld } from './earners-helpers';

const world = worldsClosedAfterEach(() => ({ trustProxy: 1 }));

const DAY = 24 * 60 * 60 * 1000;
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

async function badge(w: EarnerWorld) {
  const issuer = await issuerWithBadge(w);
  const id = await issueBadge(w, issuer, 'ada@example.com', 'Ada Diver');
  const counts = async () => {
    const res = await w.app.request('/api/v1/stats', { headers: issuer.auth });
    expect(res.status).toBe(200);
    const [entry] = (await res.json()).badgeClasses as { views: number; shares: Record<string, number> }[];
    return { views: entry.views, linkedin: entry.shares.linkedin, x: entry.shares.x };
  };
  return { id, counts };
}

const browserAt = (w: EarnerWorld, address: string, userAgent = FIREFOX) => new Browser(w.app, fromAddress(address, { 'User-Agent': userAgent }));

async function visit(browser: Browser, id: string) {
  expect((await browser.get(`/assertions/${id}`)).status).toBe(200);
}

async function share(browser: Browser, id: string, channel: string) {
  expect((await browser.get(`/s/${id}/${channel}`)).status).toBe(302);
}

describe('view and share counters', () => {
  it('count one browser once per day, badge and channel, however often it comes back', async () => {
    const w = await world();
    const { id, counts } = await badge(w);
    const ada = browserAt(w, '203.0.113.5');
    for (let i = 0; i < 5; i++) {
      await visit(ada, id);
      await share(ada, id, 'linkedin');
    }
    await share(ada, id, 'x');
    await share(ada, id, 'x');
    expect(await counts()).toEqual({ views: 1, linkedin: 1, x: 1 });

    // The same browser with its cookies cleared, and a client that never keeps them: still the same client.
    const cleared = browserAt(w, '203.0.113.5');
    await visit(cleared, id);
    await share(cleared, id, 'linkedin');
    expect(await counts()).toEqual({ views: 1, linkedin: 1, x: 1 });

    // Another browser on the same address, and a browser elsewhere: each counts once.
    await visit(browserAt(w, '203.0.113.5', CHROME), id);
    await visit(browserAt(w, '198.51.100.9'), id);
    await share(browserAt(w, '198.51.100.9'), id, 'linkedin');
    expect(await counts()).toEqual({ views: 3, linkedin: 2, x: 1 });

    // IPv6: one subscriber's /64 is one address.
    await visit(browserAt(w, '2001:db8:1:2::1'), id);
    await visit(browserAt(w, '2001:db8:1:2::ffff'), id);
    expect((await counts()).views).toBe(4);

    // A new day counts everyone again.
    w.clock.advance(DAY);
    await visit(ada, id);
    await share(ada, id, 'linkedin');
    expect(await counts()).toEqual({ views: 5, linkedin: 3, x: 1 });
  });

  it('count a client once when it sends the same request many times at the same moment', async () => {
    const w = await world();
    const { id, counts } = await badge(w);
    const requests = Array.from({ length: 12 }, () => browserAt(w, '203.0.113.77').get(`/s/${id}/linkedin`));
    expect((await Promise.all(requests)).map((res) => res.status)).toEqual(Array(12).fill(302));
    expect((await counts()).linkedin).toBe(1);
  });

  it('count a limited number of clients per address, however it varies its User-Agent or cookie', async () => {
    const w = await world();
    const { id, counts } = await badge(w);
    for (let i = 0; i < MAX_COUNTED_CLIENTS_PER_ADDRESS + 15; i++) {
      const browser = new Browser(w.app, fromAddress('203.0.113.8', { 'User-Agent': `agent ${i}`, Cookie: `bl_visitor=forged-visitor-${String(i).padStart(8, '0')}` }));
      await visit(browser, id);
    }
    expect((await counts()).views).toBe(MAX_COUNTED_CLIENTS_PER_ADDRESS);
    await visit(browserAt(w, '203.0.113.9'), id);
    expect((await counts()).views).toBe(MAX_COUNTED_CLIENTS_PER_ADDRESS + 1);
  });

  it('store no address or User-Agent, only hashes under a daily salt that housekeeping forgets once the day is over', async () => {
    const w = await world();
    const { id } = await badge(w);
    await visit(browserAt(w, '203.0.113.5'), id);
    await share(browserAt(w, '2001:db8:1:2::1'), id, 'linkedin');
    await w.badgeEvents.flush();
    const stored = JSON.stringify([
      await w.db.selectFrom('assertion_event_clients').selectAll().execute(),
      await w.db.selectFrom('counter_salts').selectAll().execute(),
      await w.db.selectFrom('assertion_daily_counts').selectAll().execute(),
    ]);
    for (const secret of ['203.0.113.5', '2001:db8', 'Firefox', 'Gecko']) expect(stored).not.toContain(secret);
    expect(await w.db.selectFrom('assertion_event_clients').select('client_hash').execute()).toHaveLength(2);

    expect((await purgeExpired(w.db, w.clock.now())).countedClients).toBe(0);
    w.clock.advance(DAY);
    expect((await purgeExpired(w.db, w.clock.now())).countedClients).toBe(2);
    expect(await w.db.selectFrom('counter_salts').selectAll().execute()).toEqual([]);
    // The counts themselves stay.
    expect(await w.db.selectFrom('assertion_daily_counts').select(['event', 'count']).orderBy('event').execute()).toEqual([
      { event: 'linkedin', count: 1 },
      { event: 'view', count: 1 },
    ]);
  });

  it('set the visitor cookie on tracked share links only (never on the publicly cached badge page), until the end of the UTC day', async () => {
    const w = await world();
    const { id } = await badge(w);
    const page = await browserAt(w, '203.0.113.5').get(`/assertions/${id}`);
    expect(page.headers.getSetCookie().filter((cookie) => cookie.startsWith('bl_visitor='))).toEqual([]);
    const shared = await browserAt(w, '203.0.113.5').get(`/s/${id}/linkedin`);
    const cookie = shared.headers.getSetCookie().find((line) => line.startsWith('bl_visitor='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    // The test clock stands at 09:00 UTC: 15 hours to midnight.
    expect(cookie).toMatch(/Max-Age=54000/);
  });
});
