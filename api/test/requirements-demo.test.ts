// Issue 17 item 1 in the demo data: completing the Welding Fundamentals online course earns the four process knowledge badges.
import { describe, expect, it } from 'vitest';
import { completionResponseSchema } from '../../shared/schemas/requirements';
import { createApp } from '../src/app';
import { getBadgeClassesInOrder } from '../src/db/badgeClasses';
import { listMailQueue } from '../src/db/mailQueue';
import { seedDemo } from '../src/seed/demo';
import { jsonRequest, PUBLIC_URL, testDb } from './helpers';

const NOW = new Date('2026-06-15T12:00:00Z');

describe('demo data: the fundamentals course', () => {
  it('is one requirement shared by the SMAW, GTAW, GMAW and FCAW knowledge badges, and completing it awards all four', async () => {
    const db = await testDb();
    const summary = await seedDemo(db, { publicUrl: PUBLIC_URL, now: NOW });
    const app = createApp({ db, publicUrl: PUBLIC_URL, now: () => NOW });
    const society = summary.issuers.find((issuer) => /Welding Society/.test(issuer.name))!;
    const auth = { Authorization: `Bearer ${society.apiKey}` };
    const { items } = await (await app.request('/api/v1/requirements', { headers: auth })).json();
    const course = items.find((item: { title: string }) => item.title === 'Welding Fundamentals Online Course');
    expect(items.filter((item: { title: string }) => item.title === 'Welding Fundamentals Online Course')).toHaveLength(1);

    const mailBefore = (await listMailQueue(db)).length;
    const res = await app.request(`/api/v1/requirements/${course.id}/completions`, jsonRequest('POST', { email: 'new.welder@example.com', name: 'New Welder' }, auth));
    expect(res.status).toBe(201);
    const body = completionResponseSchema.parse(await res.json());
    const awarded = await getBadgeClassesInOrder(db, body.awarded.map((award) => award.badgeId));
    expect(awarded.map((badgeClass) => badgeClass.name).sort()).toEqual(['FCAW Process Knowledge', 'GMAW Process Knowledge', 'GTAW Process Knowledge', 'SMAW Process Knowledge']);
    expect((await listMailQueue(db)).length).toBe(mailBefore + 1);
  }, 60_000); // loading the whole demo catalogue takes a while on PostgreSQL
});
