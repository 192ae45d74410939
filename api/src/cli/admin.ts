// The operator's command line: `npm run --silent admin -- <command> [options]`.
// stdout carries exactly one JSON object so scripts can parse it; everything else goes to stderr.
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createIssuerSchema } from '../../../shared/schemas/badges';
import type { BulkJobResponse } from '../../../shared/schemas/bulk';
import { presentBulkJob } from '../bulk/present';
import { progressLine } from '../bulk/progress';
import { BulkUploadError, checkRows, rowsFromCsv } from '../bulk/rows';
import { runBulkJobToEnd } from '../bulk/worker';
import { inviteStaff } from '../console/service';
import { getBadgeClass } from '../db/badgeClasses';
import { createBulkJob, listBulkReport } from '../db/bulkJobs';
import { normalisePublicUrl } from '../config';
import { createApiKey } from '../db/apiKeys';
import { databaseTarget, openDb, type Db } from '../db/connection';
import { copyDatabase, type CopiedTable } from '../db/copy';
import { isPostgresUrl } from '../db/postgres';
import { createIssuer, getIssuer } from '../db/issuers';
import { issuesOf } from '../http/errors';
import { safeFetchFromEnv } from '../fetch';
import { imageInputProblem } from '../lib/imageInput';

export const USAGE = `Usage:
  npm run --silent admin -- create-issuer --name "<name>" --url <url> --email <email>
                                          [--description "<text>"] [--linkedin-org-id <id>] [--image <https URL or data: URI>]
                                          [--owner-email <email>]
      Creates an issuer and its first API key; with --owner-email, mails that address a one-time link
      that makes its account the owner of the issuer's web console (/console; links use PUBLIC_URL).
  npm run --silent admin -- create-key --issuer <issuerId> [--label "<text>"]
      Creates another API key for an existing issuer.
Both print one JSON object on stdout: {"issuerId": "…", "apiKey": "…"}.
The database is DATABASE_URL (PostgreSQL) or else DATABASE_PATH (default ./data/badgelens.db), as for the server.

  npm run --silent admin -- copy-database --to postgres://<user>:<password>@<host>/<database>
      Copies the embedded SQLite database at DATABASE_PATH (DATABASE_URL is not read) into an empty
      PostgreSQL database, migrating it first; refuses a database that holds any row.
      Prints {"copied": {"<table>": <rows>, …}}.

  npm run --silent admin -- issue-csv <file> --badge <badgeClassId>
      Issues the badge class to every row of a CSV file (header row: email,name and optionally
      evidence,narrative,expires,attribute), as POST /api/v1/badges/:id/assertions/bulk does, each issued row with its
      claim email queued (sent by the server's mail worker; links use PUBLIC_URL). Shows a progress bar on a
      terminal (stderr) and prints the job with its per-row report as JSON. Running it again skips every row
      already issued; a run interrupted half way is resumed by the server or by the next run.`;

export class UsageError extends Error {}

export interface AdminResult {
  issuerId: string;
  apiKey: string;
}

export interface CopyResult {
  copied: Record<CopiedTable, number>;
}

async function createIssuerCommand(db: Db, args: string[], env: NodeJS.ProcessEnv): Promise<AdminResult> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      name: { type: 'string' },
      url: { type: 'string' },
      email: { type: 'string' },
      description: { type: 'string' },
      'linkedin-org-id': { type: 'string' },
      image: { type: 'string' },
      'owner-email': { type: 'string' },
    },
  });
  const ownerEmail = values['owner-email'];
  if (ownerEmail !== undefined && !z.email().safeParse(ownerEmail).success) throw new UsageError('--owner-email: must be an email address');
  const missing = (['name', 'url', 'email'] as const).filter((option) => values[option] === undefined);
  if (missing.length > 0) throw new UsageError(`missing ${missing.map((option) => `--${option}`).join(', ')}`);
  const parsed = createIssuerSchema.safeParse({
    name: values.name,
    url: values.url,
    email: values.email,
    description: values.description,
    linkedInOrganizationId: values['linkedin-org-id'],
    image: values.image,
  });
  if (!parsed.success) {
    const optionOf: Record<string, string> = { linkedInOrganizationId: 'linkedin-org-id' };
    const problems = issuesOf(parsed.error).map((issue) => `--${optionOf[issue.path] ?? issue.path}: ${issue.message}`);
    throw new UsageError(problems.join('\n'));
  }
  const imageProblem = parsed.data.image ? await imageInputProblem(parsed.data.image, safeFetchFromEnv()) : null;
  if (imageProblem) throw new UsageError(`--image: ${imageProblem}`);
  const issuer = await createIssuer(db, parsed.data);
  const { apiKey } = await createApiKey(db, issuer.id, 'first key (admin create-issuer)');
  if (ownerEmail !== undefined) {
    const publicUrl = publicUrlFromEnv(env);
    await inviteStaff({ db, publicUrl, now: () => new Date() }, { issuerId: issuer.id, accountId: null, email: 'operator (admin create-issuer)' }, { email: ownerEmail, role: 'owner' });
  }
  return { issuerId: issuer.id, apiKey };
}

function publicUrlFromEnv(env: NodeJS.ProcessEnv): string {
  try {
    return normalisePublicUrl(env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 8787}`);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function createKeyCommand(db: Db, args: string[]): Promise<AdminResult> {
  const { values } = parseArgs({ args, strict: true, options: { issuer: { type: 'string' }, label: { type: 'string' } } });
  if (!values.issuer) throw new UsageError('--issuer: required');
  const issuer = await getIssuer(db, values.issuer);
  if (!issuer) throw new UsageError(`--issuer: no issuer with id "${values.issuer}"`);
  const { apiKey } = await createApiKey(db, issuer.id, values.label ?? 'admin create-key');
  return { issuerId: issuer.id, apiKey };
}

async function copyDatabaseCommand(source: Db, args: string[]): Promise<CopyResult> {
  const { values } = parseArgs({ args, strict: true, options: { to: { type: 'string' } } });
  if (!values.to) throw new UsageError('--to: required (the postgres:// URL of an empty database)');
  if (!isPostgresUrl(values.to)) throw new UsageError('--to: must be a postgres:// URL');
  const target = await openDb(values.to);
  try {
    return { copied: await copyDatabase(source, target) };
  } finally {
    await target.destroy();
  }
}

async function issueCsvCommand(db: Db, args: string[], env: NodeJS.ProcessEnv): Promise<BulkJobResponse> {
  const { values, positionals } = parseArgs({ args, strict: true, allowPositionals: true, options: { badge: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('issue-csv: give exactly one CSV file');
  if (!values.badge) throw new UsageError('--badge: required (the badge class id)');
  const publicUrl = publicUrlFromEnv(env);
  const badgeClass = await getBadgeClass(db, values.badge);
  if (!badgeClass) throw new UsageError(`--badge: no badge class with id "${values.badge}"`);
  let text: string;
  try {
    text = await readFile(positionals[0], 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${positionals[0]}: ${(error as Error).message}`);
  }
  const now = () => new Date();
  let rows;
  try {
    rows = checkRows(rowsFromCsv(text), now(), badgeClass.attribute);
  } catch (error) {
    if (error instanceof BulkUploadError) throw new UsageError(`${positionals[0]}: ${error.message}`);
    throw error;
  }
  const created = await createBulkJob(db, { issuerId: badgeClass.issuerId, badgeClassId: badgeClass.id, rows }, now());
  const terminal = Boolean(process.stderr.isTTY);
  const job = await runBulkJobToEnd({ db, publicUrl, now }, created.id, {
    onProgress: (progress) => {
      if (terminal) process.stderr.write(`\r${progressLine(progress)}`);
    },
  });
  if (terminal) process.stderr.write('\n');
  return presentBulkJob(job, await listBulkReport(db, job.id));
}

interface Command<Result> {
  run(db: Db, args: string[], env: NodeJS.ProcessEnv): Promise<Result>;
  /** The database the command works on: the configured one unless said otherwise. */
  database?(env: NodeJS.ProcessEnv): string;
}

const commands: Record<string, Command<AdminResult | CopyResult | BulkJobResponse>> = {
  'create-issuer': { run: createIssuerCommand },
  'create-key': { run: createKeyCommand },
  'copy-database': { run: copyDatabaseCommand, database: (env) => databaseTarget({ ...env, DATABASE_URL: '' }) },
  'issue-csv': { run: issueCsvCommand },
};

/**
 * `--option -value` as `--option=-value`: ids are base64url and one in 64 starts with a dash, which parseArgs
 * would take for an option of its own. The commands have no short options, so a value is all it can be.
 */
export function withDashValuesAttached(args: readonly string[]): string[] {
  const attached: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const value = args[i + 1];
    if (/^--[a-z-]+$/.test(args[i]) && value !== undefined && /^-[^-]/.test(value)) {
      attached.push(`${args[i]}=${value}`);
      i++;
    } else attached.push(args[i]);
  }
  return attached;
}

/** Runs one admin command against the database; throws UsageError for anything the operator got wrong. */
export async function runAdmin(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<AdminResult | CopyResult | BulkJobResponse> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) throw new UsageError(name ? `Unknown command "${name}".` : 'Give a command.');
  const db = await openDb(command.database ? command.database(env) : databaseTarget(env));
  try {
    return await command.run(db, withDashValuesAttached(args), env);
  } catch (error) {
    // parseArgs reports unknown options and missing values with these codes.
    const code = (error as { code?: string }).code;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' || code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      throw new UsageError((error as Error).message);
    }
    throw error;
  } finally {
    await db.destroy();
  }
}

async function main() {
  if (['help', '--help', '-h'].includes(process.argv[2] ?? '')) {
    process.stdout.write(USAGE + '\n');
    return;
  }
  try {
    const result = await runAdmin(process.argv.slice(2));
    const output = 'copied' in result ? { copied: result.copied } : 'report' in result ? result : { issuerId: result.issuerId, apiKey: result.apiKey };
    process.stdout.write(JSON.stringify(output) + '\n');
    if ('report' in result && result.state !== 'done') process.exitCode = 1;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`Error: ${error.message}\n\n${USAGE}\n`);
    } else {
      process.stderr.write(`Error: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
