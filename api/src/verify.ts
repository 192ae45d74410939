import type { VerifiedBadge, VerifyResult } from '../../shared/schemas/verify';
import type { Db } from './db/connection';
import { getAssertionRecords, type AssertionRecord } from './db/assertions';
import { assertionIdFromUrl } from './lib/badgeUrl';
import { assertionStatus } from './lib/status';
import { publicUrls } from './lib/urls';

export interface VerifyContext {
  db: Db;
  /** The server's public base URL: only assertion URLs under it are recognised. */
  publicUrl: string;
  now: Date;
}

function toIso(value: string): string {
  return new Date(value).toISOString();
}

function badgeOf(record: AssertionRecord, publicUrl: string): VerifiedBadge {
  const { assertion, badgeClass, issuer } = record;
  const urls = publicUrls(publicUrl);
  return {
    assertionId: assertion.id,
    pageUrl: urls.assertion(assertion.id),
    name: badgeClass.name,
    description: badgeClass.description,
    category: badgeClass.category,
    imageUrl: urls.assertionImage(assertion.id),
    issuer: {
      id: urls.issuer(issuer.id),
      name: issuer.name,
      url: issuer.url,
      imageUrl: issuer.image ? urls.issuerImage(issuer.id) : null,
    },
    recipientName: assertion.recipientName,
    issuedOn: toIso(assertion.issuedOn),
    expires: assertion.expires ? toIso(assertion.expires) : null,
    revocationReason: assertion.revoked ? assertion.revocationReason : null,
  };
}

/**
 * Verifies a batch of URLs with one database read for the whole batch.
 * Results keep the order of `urls`, one per entry, duplicates included.
 */
export async function verifyBadgeUrls(urls: readonly string[], { db, publicUrl, now }: VerifyContext): Promise<VerifyResult[]> {
  const checkedAt = now.toISOString();
  const ids = urls.map((url) => assertionIdFromUrl(url, publicUrl));
  const records = await getAssertionRecords(db, ids.filter((id): id is string => id !== null));
  return urls.map((url, index): VerifyResult => {
    const id = ids[index];
    if (id === null) return { url, status: 'unsupported', checkedAt };
    const record = records.get(id);
    // Private badges must not be told apart from unknown ones.
    if (!record || !record.assertion.isPublic) return { url, status: 'not_found', checkedAt };
    return { url, status: assertionStatus(record.assertion, now), badge: badgeOf(record, publicUrl), checkedAt };
  });
}
