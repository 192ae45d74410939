// Every badge's Open Badges 3.0 credential starts here: a random free place in its issuer's status list
// and the unsigned credential, queued for signing. Run inside the transaction that stores the badge, so
// a badge never exists without its place in the queue.
import { randomInt } from 'node:crypto';
import { getAssertionRecords, type AssertionRecord } from '../db/assertions';
import {
  createStatusList,
  freezeUnbuiltCredentials,
  getCredentialRow,
  insertCredentialRow,
  markStatusListChanged,
  newestStatusList,
  queueInNewestStatusList,
  type CredentialRow,
} from '../db/credentials';
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
      attributeValue: assertion.attributeValue,
    },
    badgeClass: {
      id: badgeClass.id,
      name: badgeClass.name,
      description: badgeClass.description,
      category: badgeClass.category,
      criteriaNarrative: badgeClass.criteriaNarrative,
      skills: badgeClass.skills,
      alignment: badgeClass.alignment,
      attribute: badgeClass.attribute,
    },
    issuer: { id: issuer.id, name: issuer.name, url: issuer.url },
    issuerDid: issuerDid(publicUrl, issuer.id),
    urls,
    status: statusListEntry({ statusListCredential: urls.statusList(issuer.id, String(listNumber)), index }),
  };
}

/** The unsigned credential of a badge at its place in a status list, as the badge reads now. */
export function unsignedCredentialJson(record: AssertionRecord, publicUrl: string, listNumber: number, index: number): string {
  return JSON.stringify(buildCredential(credentialInputOf(record, publicUrl, listNumber, index)));
}

/**
 * The badge's credential row, creating it when missing: the issuer's newest status list (the first is
 * made on the first badge), a random index not taken in it (a taken one is refused by the unique
 * constraint and another is drawn). A badge being issued stores no document yet: it is built when
 * signed, unless an edit of its badge class or issuer freezes it first (`freezeCredentials`), which
 * keeps issuing cheap; `build` stores it at once (badges from before Open Badges 3.0). A badge that is
 * already revoked marks its list changed, so its bit shows.
 */
export async function queueCredential(db: Db, record: AssertionRecord, publicUrl: string, now: Date, options: { build?: boolean } = {}): Promise<CredentialRow> {
  return transaction(db, async (trx) => {
    const assertionId = record.assertion.id;
    const issuerId = record.issuer.id;
    if (!options.build) {
      // One statement for the usual case; the loop below for the rest.
      const placed = await queueInNewestStatusList(trx, { assertionId, issuerId, random: randomInt(2 ** 47) }, now);
      if (placed) {
        if (record.assertion.revoked) await markStatusListChanged(trx, assertionId);
        return { assertionId, issuerId, ...placed, credential: null, signedAt: null, keyNumber: null, attempts: 0 };
      }
    }
    let list = await newestStatusList(trx, issuerId);
    if (!list) {
      await createStatusList(trx, issuerId, 1, STATUS_LIST_LENGTH, now);
      list = (await newestStatusList(trx, issuerId))!;
    }
    for (let lists = 0; lists < 1000; lists++) {
      for (let tries = 0; tries < TRIES_PER_LIST; tries++) {
        const statusIndex = randomInt(list.length);
        const unsignedCredential = options.build ? unsignedCredentialJson(record, publicUrl, list.listNumber, statusIndex) : null;
        if (await insertCredentialRow(trx, { assertionId, issuerId, listNumber: list.listNumber, statusIndex, unsignedCredential }, now)) {
          if (record.assertion.revoked) await markStatusListChanged(trx, assertionId);
          return { assertionId, issuerId, listNumber: list.listNumber, statusIndex, credential: unsignedCredential, signedAt: null, keyNumber: null, attempts: 0 };
        }
        // Not inserted: the badge was queued already (by another request), or the index is taken.
        const queued = await getCredentialRow(trx, assertionId);
        if (queued) return queued;
      }
      await createStatusList(trx, issuerId, list.listNumber + 1, STATUS_LIST_LENGTH, now);
      list = (await newestStatusList(trx, issuerId))!;
    }
    throw new StatusIndexExhaustedError(`no free status list index found for issuer ${issuerId}`);
  });
}

/**
 * Before an edit of a badge class or an issuer (in its transaction): the credentials of its badges
 * that are still to be built get their document as the badges read before the edit. An edit shows in
 * badges issued afterwards only.
 */
export async function freezeCredentials(db: Db, publicUrl: string, of: { badgeClassId: string } | { issuerId: string }): Promise<number> {
  return freezeUnbuiltCredentials(db, of, async (assertionIds) => {
    const records = await getAssertionRecords(db, assertionIds);
    const rows = await Promise.all(assertionIds.map((id) => getCredentialRow(db, id)));
    const built = new Map<string, string>();
    for (const row of rows) {
      const record = row && records.get(row.assertionId);
      if (row && record) built.set(row.assertionId, unsignedCredentialJson(record, publicUrl, row.listNumber, row.statusIndex));
    }
    return built;
  });
}
