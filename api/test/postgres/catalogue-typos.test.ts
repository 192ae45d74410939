// PostgreSQL's catalogue search forgives typing mistakes (pg_trgm) when nothing matches exactly.
import { describe, expect, it } from 'vitest';
import { catalogueResponseSchema } from '../../../shared/schemas/issuerApi';
import { seedDemo } from '../../src/seed/demo';
import { PUBLIC_URL, testApp } from '../helpers';

async function demo() {
  const { db, app } = await testApp();
  await seedDemo(db, { publicUrl: PUBLIC_URL, now: new Date('2026-06-15T12:00:00Z') });
  const items = async (query: string) => {
    const res = await app.request(`/api/v1/badges?${query}`);
    expect(res.status, query).toBe(200);
    return catalogueResponseSchema.parse(await res.json()).items;
  };
  return Object.assign(async (query: string) => (await items(query)).map((item) => item.name), { items });
}

describe('catalogue search on PostgreSQL: typing mistakes', () => {
  it('finds "Inspection" for "inspecter", and badges for words with a letter missing or wrong', async () => {
    const names = await demo();
    expect(await names('q=inspecter')).toContain('Visual Weld Inspection');
    for (const typo of ['inspecton', 'visal%20inspection', 'certifed%20inspectr']) {
      expect(await names(`q=${typo}`), typo).toContain(typo.startsWith('certif') ? 'Certified Welding Inspector' : 'Visual Weld Inspection');
    }
  });

  it('answers exact matches as they are, and nothing for words far from every badge', async () => {
    const names = await demo();
    // "pipe" matches exactly: no badge that merely looks like it ("pipeline", "type") joins in.
    const exact = await names.items('q=pipe');
    expect(exact.length).toBeGreaterThan(0);
    for (const item of exact) expect(`${item.name} ${item.description}`, item.name).toMatch(/pipe/i);
    expect(await names('q=zqxjv')).toEqual([]);
    expect(await names('q=inspecton&category=membership')).toEqual([]);
    // Skill phrases come from a fixed vocabulary: no guessing there.
    expect(await names('skills=inspecton')).toEqual([]);
  });
});
