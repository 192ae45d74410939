// Screenshots of the issuer console for the README: `npm run screenshots:console` (Debian's Chromium,
// CHROMIUM_PATH to use another). Invented demo data on an in-memory database, served on loopback.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { createApp } from '../api/src/app';
import { runBulkJobToEnd } from '../api/src/bulk/worker';
import { acceptInvitation, checkInvitation, createInvitation, recordAudit } from '../api/src/console/data';
import { previewUpload } from '../api/src/console/service';
import { createAccount } from '../api/src/db/accounts';
import { createBadgeClass } from '../api/src/db/badgeClasses';
import { createBulkJob } from '../api/src/db/bulkJobs';
import { openDb } from '../api/src/db/connection';
import { createApiKey } from '../api/src/db/apiKeys';
import { createIssuer } from '../api/src/db/issuers';
import { hashPassword } from '../api/src/earners/passwords';

const OUT = 'docs/screenshots';
const PASSWORD = 'a long demo password';

async function main() {
  const db = await openDb(':memory:');
  let handler: ((request: Request) => Response | Promise<Response>) | undefined;
  const server = serve({ fetch: (request) => handler!(request), port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => (server.listening ? resolve() : server.once('listening', () => resolve())));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  handler = (request) => createApp({ db, publicUrl: baseUrl }).fetch(request);

  const issuer = await createIssuer(db, { name: 'Society of Demo Welders', url: 'https://welders.example', email: 'office@welders.example' });
  const owner = await createAccount(db, { firstName: 'Olive', lastName: 'Owner', email: 'olive@welders.example', passwordHash: await hashPassword(PASSWORD), verified: true });
  const token = await createInvitation(db, { issuerId: issuer.id, email: owner.email, role: 'owner', invitedBy: null }, new Date());
  const check = await checkInvitation(db, token, new Date());
  if (check.ok) await acceptInvitation(db, check.invitation, owner.id, new Date());
  await recordAudit(db, { issuerId: issuer.id, accountId: owner.id, actorEmail: owner.email, action: 'staff.join', subject: owner.email, detail: 'role owner' }, new Date());
  await createApiKey(db, issuer.id, 'LMS export');
  const badge = await createBadgeClass(db, issuer.id, { name: 'Safe Welding Practice', description: 'Welds safely in a workshop.', category: 'skill', criteria: 'Passed the practical test.', skills: ['welding', 'safety'] });
  await createBadgeClass(db, issuer.id, { name: 'Pipe Welding Level 2', description: 'Welds pipes to level 2.', category: 'certification', criteria: 'Passed the level 2 exam.' });
  const csv = ['email,name', ...Array.from({ length: 12 }, (_, i) => `person${i + 1}@example.com,Demo Person ${i + 1}`), 'not-an-email,Bad Row'].join('\n');
  const rows = await previewUpload(db, badge, csv, new Date());
  const job = await createBulkJob(db, { issuerId: issuer.id, badgeClassId: badge.id, rows: rows.map(({ holds: _holds, ...row }) => row) });
  await runBulkJobToEnd({ db, now: () => new Date(), publicUrl: baseUrl }, job.id, { pollMs: 10 });

  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`${baseUrl}/login?next=/console`);
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(/\/console\//), page.getByRole('button', { name: 'Log in' }).click()]);
    const consoleUrl = `${baseUrl}/console/${issuer.id}`;
    const shots: [string, string][] = [
      ['badge-classes', consoleUrl],
      ['badge-form', `${consoleUrl}/badges/${badge.id}/edit`],
      ['issue', `${consoleUrl}/issue`],
      ['job', `${consoleUrl}/jobs/${job.id}`],
      ['issued', `${consoleUrl}/issued`],
      ['staff', `${consoleUrl}/staff`],
      ['audit', `${consoleUrl}/audit`],
      ['keys', `${consoleUrl}/keys`],
    ];
    for (const [name, url] of shots) {
      await page.goto(url);
      await page.screenshot({ path: `${OUT}/console-${name}.png`, fullPage: true });
      process.stdout.write(`${OUT}/console-${name}.png\n`);
    }
  } finally {
    await browser.close();
    server.close();
    await db.destroy();
  }
}

await main();
