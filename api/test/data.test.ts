import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createApiKey, findIssuerIdByApiKey } from '../src/db/apiKeys';
import {
  getAssertionRecords,
  InvalidCursorError,
  issueAssertion,
  listAssertions,
  revokeAssertion,
} from '../src/db/assertions';
import { createBadgeClass, listBadgeClasses, updateBadgeClass } from '../src/db/badgeClasses';
import { createIssuer, updateIssuer } from '../src/db/issuers';
import { assertionStatus } from '../src/lib/status';
import { testDb } from './helpers';

async function setup() {
  const db = await testDb();
  const issuer = await createIssuer(db, { name: 'Test Guild', url: 'https://guild.example', email: 'o@guild.example' });
  const badge = await createBadgeClass(db, issuer.id, {
    name: 'GTAW Pipe 6G',
    description: 'Welds pipe in the 6G position with GTAW (TIG).',
    category: 'skill',
    criteria: 'Pass a bend test.',
    skills: ['GTAW', 'TIG'],
    requirements: [{ kind: 'seminar', title: 'Pipe seminar' }],
    validityMonths: 24,
  });
  return { db, issuer, badge };
}

describe('data layer', () => {
  it('stores the recipient normalised, salted and hashed as Open Badges 2.0 expects', async () => {
    const { db, badge } = await setup();
    const assertion = await issueAssertion(db, badge, { email: '  Jane.Doe@Example.COM ', name: 'Jane Doe' }, new Date('2025-01-31T10:00:00Z'));
    expect(assertion.recipientEmail).toBe('jane.doe@example.com');
    const expected = createHash('sha256').update('jane.doe@example.com' + assertion.recipientSalt).digest('hex');
    expect(assertion.recipientHash).toBe(`sha256$${expected}`);
    expect(assertion.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(assertion.claimState).toBe('pending');
    expect(assertion.isPublic).toBe(true);
  });

  it('derives expiry from the badge class validity unless one is given', async () => {
    const { db, badge } = await setup();
    const issuedOn = new Date('2025-01-31T10:00:00Z');
    const derived = await issueAssertion(db, badge, { email: 'a@example.com', name: 'A' }, issuedOn);
    expect(derived.issuedOn).toBe('2025-01-31T10:00:00.000Z');
    expect(derived.expires).toBe('2027-01-31T10:00:00.000Z');
    const given = await issueAssertion(db, badge, { email: 'b@example.com', name: 'B', expires: '2026-06-01T00:00:00+02:00' }, issuedOn);
    expect(given.expires).toBe('2026-05-31T22:00:00.000Z');
  });

  it('loads many assertions with badge class and issuer in one map, skipping unknown ids', async () => {
    const { db, issuer, badge } = await setup();
    const a = await issueAssertion(db, badge, { email: 'a@example.com', name: 'A' });
    const b = await issueAssertion(db, badge, { email: 'b@example.com', name: 'B' });
    const records = await getAssertionRecords(db, [a.id, 'unknown', b.id, a.id]);
    expect([...records.keys()].sort()).toEqual([a.id, b.id].sort());
    const record = records.get(a.id)!;
    expect(record.assertion.recipientName).toBe('A');
    expect(record.badgeClass).toMatchObject({ id: badge.id, name: 'GTAW Pipe 6G', skills: ['GTAW', 'TIG'] });
    expect(record.issuer).toMatchObject({ id: issuer.id, name: 'Test Guild' });
  });

  it('pages assertions newest first without gaps or duplicates and rejects forged cursors', async () => {
    const { db, badge } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push((await issueAssertion(db, badge, { email: `p${i}@example.com`, name: `P${i}` }, new Date(Date.UTC(2025, 0, 1 + (i % 3))))).id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listAssertions(db, badge.id, 3, cursor);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
    await expect(listAssertions(db, badge.id, 3, 'bm90LWEtY3Vyc29y')).rejects.toThrow(InvalidCursorError);
  });

  it('revokes once, and status puts revocation before expiry', async () => {
    const { db, badge } = await setup();
    const a = await issueAssertion(db, badge, { email: 'a@example.com', name: 'A' }, new Date('2020-01-01T00:00:00Z'));
    const now = new Date('2025-01-01T00:00:00Z');
    expect(assertionStatus(a, now)).toBe('expired');
    expect(assertionStatus(a, new Date('2021-01-01T00:00:00Z'))).toBe('valid');
    expect(await revokeAssertion(db, a.id, 'Issued in error')).toBe(true);
    expect(await revokeAssertion(db, a.id, 'Again')).toBe(false);
    const [record] = (await getAssertionRecords(db, [a.id])).values();
    expect(record.assertion.revocationReason).toBe('Issued in error');
    expect(assertionStatus(record.assertion, now)).toBe('revoked');
  });

  it('only the owning issuer can update a badge class', async () => {
    const { db, badge } = await setup();
    const other = await createIssuer(db, { name: 'Other', url: 'https://other.example', email: 'o@other.example' });
    expect(await updateBadgeClass(db, other.id, badge.id, { name: 'Hijacked' })).toBeNull();
    expect((await updateBadgeClass(db, badge.issuerId, badge.id, { name: 'GTAW Pipe 6G (2025)' }))?.name).toBe('GTAW Pipe 6G (2025)');
  });

  it('filters the catalogue by category', async () => {
    const { db, issuer } = await setup();
    await createBadgeClass(db, issuer.id, { name: '100% Safety', description: 'Safe.', category: 'knowledge', criteria: 'Quiz.' });
    expect((await listBadgeClasses(db, { category: 'knowledge' })).map((b) => b.name)).toEqual(['100% Safety']);
    expect((await listBadgeClasses(db, { category: 'skill' })).map((b) => b.name)).toEqual(['GTAW Pipe 6G']);
  });

  it('finds issuers by live API keys only, storing just a hash', async () => {
    const { db, issuer } = await setup();
    const { apiKey } = await createApiKey(db, issuer.id);
    expect(await findIssuerIdByApiKey(db, apiKey)).toBe(issuer.id);
    expect(await findIssuerIdByApiKey(db, apiKey + 'x')).toBeNull();
    expect(JSON.stringify(await db.selectFrom('issuer_api_keys').selectAll().execute())).not.toContain(apiKey);
    const updated = await updateIssuer(db, issuer.id, { linkedInOrganizationId: '12345', description: null });
    expect(updated).toMatchObject({ linkedInOrganizationId: '12345', description: null });
  });
});
