// `npm run seed`: loads the demo data into the configured database, but only when it is empty.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../config';
import { databaseTarget, openDb, type Db } from '../db/connection';
import { DEMO_EARNER_EMAIL } from '../seed/demo-data';
import { isDatabaseEmpty, seedDemo, SeedRefusedError, type SeedOptions, type SeedSummary } from '../seed/demo';

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

export function formatSummary(summary: SeedSummary): string {
  const lines = [
    `Loaded the demo data: ${summary.issuers.length} issuers, ${summary.badgeClasses} badge classes, ` +
      `${summary.assertions} badges issued to ${summary.earners} earners.`,
    'Demo issuer API keys (shown only now; use as "Authorization: Bearer <key>"):',
  ];
  for (const issuer of summary.issuers) lines.push(`  ${issuer.name}  ${issuer.url}`, `    ${issuer.apiKey}`);
  lines.push(`Demo earner: ${DEMO_EARNER_EMAIL}`);
  const examples = Object.entries(summary.examples);
  if (examples.length) {
    lines.push('Badges to try the verifier on:');
    for (const [status, url] of examples) lines.push(`  ${status.padEnd(8)} ${url}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const db = await openDb(databaseTarget());
  try {
    const summary = await seedIfEmpty(db, { publicUrl: config.publicUrl });
    console.log(summary ? formatSummary(summary) : ALREADY_HAS_DATA);
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
