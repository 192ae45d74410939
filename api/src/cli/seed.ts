// `npm run seed`: loads the demo data into the configured database, but only when it is empty.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config';
import { databaseTarget, openDb, type Db } from '../db/connection';
import { DEMO_EARNER_PASSWORD } from '../earners/demoAccounts';
import { earnerUrls } from '../earners/urls';
import type { AssertionStatus } from '../lib/status';
import { DEMO_EARNER_EMAIL } from '../seed/demo-data';
import { isDatabaseEmpty, seedDemo, SeedRefusedError, type SeedOptions, type SeedSummary } from '../seed/demo';
import { describeExistingDatabase, type ExistingDatabase } from '../seed/existing';

export const ALREADY_HAS_DATA = 'Database already has data; the demo data is only loaded into an empty database.';

/** Seeds the demo data when the database is empty; null (and the database untouched) otherwise. */
export async function seedIfEmpty(db: Db, options: SeedOptions): Promise<SeedSummary | null> {
  if (!(await isDatabaseEmpty(db))) return null;
  try {
    return await seedDemo(db, options);
  } catch (error) {
    if (error instanceof SeedRefusedError) return null;
    throw error;
  }
}

export function formatSummary(summary: SeedSummary, publicUrl: string): string {
  const lines = [
    `Loaded the demo data: ${summary.issuers.length} issuers, ${summary.badgeClasses} badge classes, ` +
      `${summary.assertions} badges issued to ${summary.earners} earners.`,
    'Demo issuer API keys (shown only now; use as "Authorization: Bearer <key>"):',
  ];
  for (const issuer of summary.issuers) lines.push(`  ${issuer.name}  ${issuer.url}`, `    ${issuer.apiKey}`);
  return [...lines, ...demoEarnerLines(publicUrl, summary.examples)].join('\n');
}

/** For a database that already had data (a restart): the same logins and URLs, without the keys only shown once. */
export function formatExisting(existing: ExistingDatabase, publicUrl: string): string {
  const lines = [ALREADY_HAS_DATA, `Issuers (${existing.issuerCount}):`];
  for (const issuer of existing.issuers) lines.push(`  ${issuer.name}  ${issuer.url}`);
  if (existing.issuerCount > existing.issuers.length) lines.push(`  … and ${existing.issuerCount - existing.issuers.length} more`);
  if (existing.issuerCount > 0) {
    lines.push(
      'Issuer API keys are shown only when they are made (only their hashes are kept). Another key for an issuer:',
      `  npm run --silent admin -- create-key --issuer ${existing.issuers[0].id}`,
    );
  }
  if (existing.hasDemoEarner) lines.push(...demoEarnerLines(publicUrl, existing.examples));
  return lines.join('\n');
}

function demoEarnerLines(publicUrl: string, examples: Partial<Record<AssertionStatus, string>>): string[] {
  const lines = [`Demo earner sign-in: ${earnerUrls(publicUrl).login()}  ${DEMO_EARNER_EMAIL} / ${DEMO_EARNER_PASSWORD}`];
  const entries = Object.entries(examples);
  if (entries.length) {
    lines.push('Badges to try the verifier on:');
    for (const [status, url] of entries) lines.push(`  ${status.padEnd(8)} ${url}`);
  }
  return lines;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDb(databaseTarget());
  try {
    const summary = await seedIfEmpty(db, { publicUrl: config.publicUrl });
    const { publicUrl } = config;
    console.log(summary ? formatSummary(summary, publicUrl) : formatExisting(await describeExistingDatabase(db, publicUrl), publicUrl));
  } finally {
    await db.destroy();
  }
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (runDirectly) {
  main().catch((error: unknown) => {
    console.error('Seeding failed:', error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
