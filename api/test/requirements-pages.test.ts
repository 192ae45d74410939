// Issue 17 item 1: the badge page lists the options, each with its link, and shows a logged-in earner which they completed.
import { describe, expect, it } from 'vitest';
import { Browser, earnerWorld, logIn, verifiedAccount } from './earners-helpers';
import { jsonRequest, makeIssuer } from './helpers';

async function world() {
  const w = await earnerWorld();
  const { auth } = await makeIssuer(w.db);
  const post = async (path: string, body: object) => (await w.app.request(path, jsonRequest('POST', body, auth))).json();
  const course = await post('/api/v1/requirements', { kind: 'course', title: 'Fundamentals <Course>', url: 'https://welders.test/learn', provider: 'Guild Academy' });
  const badge = await post('/api/v1/badges', {
    name: 'SMAW Process Knowledge', description: 'D', category: 'knowledge', criteria: 'C',
    requirements: [{ id: course.id }, { kind: 'quiz', title: 'SMAW quiz', url: 'https://welders.test/quiz' }],
  });
  const complete = (email: string) => w.app.request(`/api/v1/requirements/${course.id}/completions`, jsonRequest('POST', { email, name: 'Jane Doe' }, auth));
  return { w, badge, complete };
}

describe('the badge page', () => {
  it('lists every option with its link and provider, escaped, and no completion marks for visitors', async () => {
    const { w, badge, complete } = await world();
    await complete('jane@example.com');
    const res = await w.app.request(`/badges/${badge.id}`, { headers: { Accept: 'text/html' } });
    const html = await res.text();
    expect(html).toContain('Complete any one of these:');
    expect(html).toContain('<a href="https://welders.test/learn" rel="noopener nofollow">Fundamentals &lt;Course&gt;</a>');
    expect(html).toContain('Guild Academy');
    expect(html).toContain('<a href="https://welders.test/quiz" rel="noopener nofollow">SMAW quiz</a>');
    expect(html).not.toContain('You completed this');
  });

  it('marks the options a logged-in earner completed, and keeps that page out of shared caches', async () => {
    const { w, badge, complete } = await world();
    await verifiedAccount(w, 'jane@example.com');
    const { browser } = await logIn(w, 'jane@example.com');
    const before = await browser.get(`/badges/${badge.id}`);
    expect(await before.text()).not.toContain('You completed this');
    expect((await complete('Jane@Example.com')).status).toBe(201);
    const after = await browser.get(`/badges/${badge.id}`);
    const html = await after.text();
    expect(html.match(/You completed this/g)).toHaveLength(1);
    expect(html.indexOf('You completed this')).toBeLessThan(html.indexOf('SMAW quiz'));
    expect(after.headers.get('cache-control')).toBe('private, no-store');
    // Someone else, logged in, sees no marks.
    await verifiedAccount(w, 'other@example.com');
    const { browser: other } = await logIn(w, 'other@example.com', undefined, new Browser(w.app));
    expect(await (await other.get(`/badges/${badge.id}`)).text()).not.toContain('You completed this');
  });
});
