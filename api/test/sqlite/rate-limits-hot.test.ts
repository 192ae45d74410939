// Issue 16: on embedded SQLite (one server process per database, docs/deploy.md) the verify rate limit
// is counted in memory: a hot request costs no database write.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import type { Db } from '../../src/db/connection';
import { RATE_LIMITS, type RateLimitSettings } from '../../src/earners/rateLimit';
import { manualClock } from '../earners-helpers';
import { countRows, jsonRequest, PUBLIC_URL, queriesOf, testDb } from '../helpers';

const VERIFY_THREE: RateLimitSettings = { ...RATE_LIMITS, verify: { ...RATE_LIMITS.verify, limit: 3 } };

async function verifyOn(app: ReturnType<typeof createApp>): Promise<number> {
  return (await app.request('/api/v1/verify', jsonRequest('POST', { urls: [`${PUBLIC_URL}/assertions/unknownunknown00`] }))).status;
}

const counterQueries = (db: Db) => queriesOf(db).filter((sql) => sql.includes('rate_limit_counters')).length;

describe('the verify rate limit on embedded SQLite', () => {
  it('is counted in memory: no database query for it, and a 429 past the limit until the window ends', async () => {
    const db = await testDb();
    const clock = manualClock();
    const app = createApp({ db, publicUrl: PUBLIC_URL, now: clock.now, rateLimits: VERIFY_THREE });
    for (let i = 0; i < 3; i++) expect(await verifyOn(app)).toBe(200);
    expect(await verifyOn(app)).toBe(429);
    expect(counterQueries(db)).toBe(0);
    expect(await countRows(db, 'rate_limit_counters')).toBe(0);
    clock.advance(RATE_LIMITS.verify.windowMs);
    expect(await verifyOn(app)).toBe(200);
  });
});
