// Issue 16: on PostgreSQL the verify rate limit still adds up hits across nodes (each a Db of its own on
// one database), and a node refuses a client it already saw over the limit without writing again.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { openDb } from '../../src/db/connection';
import { RATE_LIMITS, type RateLimitSettings } from '../../src/earners/rateLimit';
import { manualClock } from '../earners-helpers';
import { jsonRequest, PUBLIC_URL } from '../helpers';
import { createTestDatabase, dropTestDatabase } from '../support/testDatabase';

const VERIFY_THREE: RateLimitSettings = { ...RATE_LIMITS, verify: { ...RATE_LIMITS.verify, limit: 3 } };

async function verifyOn(app: ReturnType<typeof createApp>): Promise<number> {
  return (await app.request('/api/v1/verify', jsonRequest('POST', { urls: [`${PUBLIC_URL}/assertions/unknownunknown00`] }))).status;
}

describe('the verify rate limit on PostgreSQL, two nodes', () => {
  it('adds up hits made on both nodes, and a node refuses a client it saw at the limit without writing', async () => {
    const { name, url } = await createTestDatabase();
    const dbs = [await openDb(url), await openDb(url)];
    try {
      const clock = manualClock();
      const [one, two] = dbs.map((db) => createApp({ db, publicUrl: PUBLIC_URL, now: clock.now, rateLimits: VERIFY_THREE }));
      expect(await verifyOn(one)).toBe(200);
      expect(await verifyOn(two)).toBe(200);
      expect(await verifyOn(one)).toBe(200);
      expect(await verifyOn(two)).toBe(429);
      const hits = async () => (await dbs[0].selectFrom('rate_limit_counters').select('hits').where('rule', '=', 'verify').executeTakeFirstOrThrow()).hits;
      expect(await hits()).toBe(4);
      // Both nodes last read a count at the limit: their refusals need no write.
      expect(await verifyOn(two)).toBe(429);
      expect(await verifyOn(one)).toBe(429);
      expect(await hits()).toBe(4);
      clock.advance(RATE_LIMITS.verify.windowMs);
      expect(await verifyOn(two)).toBe(200);
    } finally {
      for (const db of dbs) await db.destroy();
      await dropTestDatabase(name);
    }
  });
});
