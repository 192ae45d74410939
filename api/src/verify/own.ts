// This server's own Open Badges 3.0 credentials handed in inline: checked like any other (proof, dates,
// status list), but the issuer's DID document and status lists are read from the database instead of
// fetched (the server never fetches itself) and the outcome is never cached, so a revocation shows at once.
import { buildDidDocument, issuerDid } from '../credentials/didWeb';
import { listIssuerKeys } from '../db/credentials';
import { getIssuer } from '../db/issuers';
import { signedStatusListJson, type SigningDeps } from '../ob3/signing';
import { isOnThisServer } from './badgeUrl';
import type { ItemContext } from './context';
import type { Answer } from './fetching';
import { isObject, stringOf, type JsonObject } from './json';
import { isCredential, verifyCredentialDocument } from './ob3';
import type { Outcome } from './outcome';

const ISSUER_ID = '([A-Za-z0-9_-]{1,64})';

/** Whether an inline credential names one of this server's issuers (by its did:web) as its issuer. */
export function isOwnCredential(credential: JsonObject | string, publicUrl: string): credential is JsonObject {
  if (typeof credential === 'string' || !isCredential(credential)) return false;
  const issuerId = stringOf(isObject(credential.issuer) ? credential.issuer.id : credential.issuer);
  return issuerId !== null && issuerId.startsWith(issuerDid(publicUrl, ''));
}

/** A DID document or status list of this server, from the database: what fetching `url` would answer. */
async function ownDocument(deps: SigningDeps, url: string): Promise<Answer> {
  const missing: Answer = { kind: 'missing', url, status: 404, json: null };
  const parsed = new URL(url);
  if (!isOnThisServer(parsed, deps.publicUrl)) return { kind: 'failed', url, reason: 'this server does not fetch documents of other sites for its own credentials' };
  const basePath = new URL(deps.publicUrl).pathname.replace(/\/+$/, '');
  const path = parsed.pathname.startsWith(basePath) ? parsed.pathname.slice(basePath.length) : '';
  const found = (json: unknown): Answer => ({ kind: 'json', url, requestedUrl: url, json, maxAgeMs: null });
  const didDocument = new RegExp(`^/issuers/${ISSUER_ID}/did\\.json$`).exec(path);
  if (didDocument) {
    const issuer = await getIssuer(deps.db, didDocument[1]);
    return issuer ? found(buildDidDocument(issuerDid(deps.publicUrl, issuer.id), await listIssuerKeys(deps.db, issuer.id))) : missing;
  }
  const statusList = new RegExp(`^/issuers/${ISSUER_ID}/status/([1-9][0-9]{0,8})$`).exec(path);
  if (statusList) {
    const json = await signedStatusListJson(deps, statusList[1], Number(statusList[2]));
    return json ? found(JSON.parse(json)) : missing;
  }
  return missing;
}

/** Verifies one of this server's credentials handed in inline (isOwnCredential). */
export async function verifyOwnCredential(credential: JsonObject, deps: SigningDeps, now: Date): Promise<Outcome> {
  const ctx: ItemContext = { now, fetchDocument: (url) => ownDocument(deps, url), platformOf: () => 'badgelens' };
  const { maxAgeMs: _unused, ...verdict } = await verifyCredentialDocument(credential, ctx, null);
  return { ...verdict, checkedAt: now.toISOString() };
}
