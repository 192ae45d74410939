// Issue 18 in the demo data: a company with two roles, a school with three courses, opted-in earners.
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app';
import { DEMO_EARNER_EMAIL, DEMO_EARNER_PASSWORD } from '../src/earners/demoAccounts';
import { seedDemo } from '../src/seed/demo';
import { jsonRequest, PUBLIC_URL, testDb } from './helpers';

const NOW = new Date('2026-06-15T12:00:00Z');

describe('demo data: organisations and matching', () => {
  it('has a company with two roles, a school with three courses, and opted-in earners the roles find', async () => {
    const db = await testDb();
    await seedDemo(db, { publicUrl: PUBLIC_URL, now: NOW });
    const app = createApp({ db, publicUrl: PUBLIC_URL, now: () => NOW });
    const html = async (path: string) => {
      const res = await app.request(path, { headers: { Accept: 'text/html' } });
      expect(res.status).toBe(200);
      return res.text();
    };
    const company = await html('/organisations/harborline-fabrication');
    expect(company.match(/<h3>/g)).toHaveLength(2);
    const school = await html('/organisations/riverbend-weld-training');
    expect(school.match(/<h3>/g)).toHaveLength(3);
    const home = await html('/');
    expect(home).toContain('/organisations/harborline-fabrication');
    expect(home).toContain('/organisations/riverbend-weld-training');
    expect(home).toContain('/profile/opt-ins');

    const signIn = await app.request('/api/v1/auth/token', jsonRequest('POST', { email: DEMO_EARNER_EMAIL, password: DEMO_EARNER_PASSWORD }));
    const { token } = (await signIn.json()) as { token: string };
    const auth = { Authorization: `Bearer ${token}` };
    const [companyProfile] = ((await (await app.request('/api/v1/organisations', { headers: auth })).json()) as { items: { id: string; kind: string }[] }).items.filter((o) => o.kind === 'company');
    const roles = ((await (await app.request(`/api/v1/organisations/${companyProfile.id}/roles`, { headers: auth })).json()) as { items: { id: string; title: string }[] }).items;
    const welder = roles.find((role) => role.title === 'Structural welder')!;
    const candidates = (await (await app.request(`/api/v1/match/candidates?role=${welder.id}`, { headers: auth })).json()) as { items: { name: string; explanation: string }[] };
    expect(candidates.items.length).toBeGreaterThanOrEqual(2);
    expect(candidates.items[0].explanation).toMatch(/^\d of 2 required/);
  }, 60_000);
});
