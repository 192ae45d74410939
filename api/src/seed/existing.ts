// What `npm start` says about a database that already has data: its issuers and, when it holds the
// demo data, how to sign in and which badges to try. The demo's API keys were shown once, when the
// data was loaded (only their hashes are kept), so this says how to make another.
import { findAccountByPrimaryEmail } from '../db/accounts';
import { listAccountAssertionRecords, listAssertions, listRevokedAssertions, type Assertion } from '../db/assertions';
import { listBadgeClasses } from '../db/badgeClasses';
import type { Db } from '../db/connection';
import { listIssuers } from '../db/issuers';
import { DEMO_EARNER_EMAIL } from './demo-data';
import { assertionStatus, type AssertionStatus } from '../lib/status';
import { publicUrls } from '../lib/urls';

/** Issuers listed at start-up; a real database may have many more. */
const LISTED_ISSUERS = 10;
const STATUSES: AssertionStatus[] = ['valid', 'expired', 'revoked'];

export interface ExistingDatabase {
  issuerCount: number;
  issuers: { id: string; name: string; url: string }[];
  /** The demo earner's account exists: this is the demo database. */
  hasDemoEarner: boolean;
  /** The public page of one public badge of each status (demo database only). */
  examples: Partial<Record<AssertionStatus, string>>;
}

export async function describeExistingDatabase(db: Db, publicUrl: string, now = new Date()): Promise<ExistingDatabase> {
  const urls = publicUrls(publicUrl);
  const issuers = await listIssuers(db);
  const demoEarner = await findAccountByPrimaryEmail(db, DEMO_EARNER_EMAIL);
  const examples: Partial<Record<AssertionStatus, string>> = {};
  if (demoEarner) {
    const note = (assertion: Assertion) => {
      if (assertion.isPublic) examples[assertionStatus(assertion, now)] ??= urls.assertion(assertion.id);
    };
    const missing = () => STATUSES.some((status) => !examples[status]);
    (await listAccountAssertionRecords(db, demoEarner.id)).forEach((record) => note(record.assertion));
    for (const issuer of issuers) if (missing()) (await listRevokedAssertions(db, issuer.id)).forEach(note);
    // The demo catalogue is small: looking through it for an expired badge is cheap.
    for (const badgeClass of missing() ? await listBadgeClasses(db) : []) {
      if (!missing()) break;
      (await listAssertions(db, badgeClass.id, 50)).items.forEach(note);
    }
  }
  return {
    issuerCount: issuers.length,
    issuers: issuers.slice(0, LISTED_ISSUERS).map((issuer) => ({ id: issuer.id, name: issuer.name, url: urls.issuer(issuer.id) })),
    hasDemoEarner: demoEarner !== null,
    examples,
  };
}
