// Every badge's Open Badges 3.0 credential starts here: a random free place in its issuer's status list
// and the unsigned credential, queued for signing. Run inside the transaction that stores the badge, so
// a badge never exists without its place in the queue.
import { randomInt } from 'node:crypto';
import type { AssertionRecord } from '../db/assertions';
import { createStatusList, getCredentialRow, insertCredentialRow, markStatusListChanged, newestStatusList, type CredentialRow } from '../db/credentials';
import { transaction, type Db } from '../db/engine';
import { buildCredential, type CredentialInput } from '../credentials/credential';
import { issuerDid } from '../credentials/didWeb';
import { STATUS_LIST_LENGTH, statusListEntry } from '../credentials/statusList';
import { credentialUrls } from '../credentials/urls';

/** Random tries in one list before moving on to a new one: a list is left once it is mostly full. */
const TRIES_PER_LIST = 16;

export class StatusIndexExhaustedError extends Error {}

/** What buildCredential needs of a stored badge, at its place in a status list. */
export function credentialInputOf(record: AssertionRecord, publicUrl: string, listNumber: number, index: number): CredentialInput {
  const { assertion, badgeClass, issuer } = record;
  const urls = credentialUrls(publicUrl);
  return {
    assertion: {
      id: assertion.id,
      recipientName: assertion.recipientName,
      recipientSalt: assertion.recipientSalt,
      recipientHash: assertion.recipientHash,
      issuedOn: assertion.issuedOn,
      expires: assertion.expires,
      evidenceUrl: assertion.evidenceUrl,
      narrative: assertion.narrative,
    },
    badgeClass: {
      id: badgeClass.id,
      name: badgeClass.name,
      description: badgeClass.description,
      category: badgeClass.category,
      criteriaNarrative: badgeClass.criteriaNarrative,
      skills: badgeClass.skills,
      alignment: badgeClass.alignment,
    },
    issuer: { id: issuer.id, name: issuer.name, url: issuer.url },
    issuerDid: issuerDid(publicUrl, issuer.id),
    urls,
    status: statusListEntry({ statusListCredential: urls.statusList(issuer.id, String(listNumber)), index }),
  };
}

/**
 * The badge's credential row, creating it when missing: the issuer's newest status list (the first is
 * made on the first badge), a random index not taken in it (a taken one is refused by the unique
 * constraint and another is drawn), and the unsigned credential as the badge reads now. A badge that
 * is already revoked marks its list changed, so its bit shows.
 */
export async function queueCredential(db: Db, record: AssertionRecord, publicUrl: string, now: Date): Promise<CredentialRow> {
  return transaction(db, async (trx) => {
    const existing = await getCredentialRow(trx, record.assertion.id);
    if (existing) return existing;
    const issuerId = record.issuer.id;
    let list = await newestStatusList(trx, issuerId);
    if (!list) {
      await createStatusList(trx, issuerId, 1, STATUS_LIST_LENGTH, now);
      list = (await newestStatusList(trx, issuerId))!;
    }
    for (let lists = 0; lists < 1000; lists++) {
      for (let tries = 0; tries < TRIES_PER_LIST; tries++) {
        const index = randomInt(list.length);
        const unsigned = buildCredential(credentialInputOf(record, publicUrl, list.listNumber, index));
        const row = { assertionId: record.assertion.id, issuerId, listNumber: list.listNumber, statusIndex: index, unsignedCredential: JSON.stringify(unsigned) };
        if (await insertCredentialRow(trx, row, now)) {
          if (record.assertion.revoked) await markStatusListChanged(trx, row.assertionId);
          return { assertionId: row.assertionId, issuerId, listNumber: list.listNumber, statusIndex: index, credential: row.unsignedCredential, signedAt: null, keyNumber: null, attempts: 0 };
        }
        // Not inserted: another request queued this badge meanwhile, or the index is taken.
        const queued = await getCredentialRow(trx, row.assertionId);
        if (queued) return queued;
      }
      await createStatusList(trx, issuerId, list.listNumber + 1, STATUS_LIST_LENGTH, now);
      list = (await newestStatusList(trx, issuerId))!;
    }
    throw new StatusIndexExhaustedError(`no free status list index found for issuer ${issuerId}`);
  });
}
