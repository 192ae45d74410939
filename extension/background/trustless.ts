// Trustless mode: the service worker verifies Open Badges 3.0 credentials itself, with the same
// code as the API (api/src/verify/ob3.ts on the credentials core: bundled JSON-LD contexts, did:key
// resolved here, did:web DID documents and status lists fetched, the digitalbazaar libraries), so
// a recruiter need not trust a BadgeLens server for signed badges. The credential, its issuer's DID
// document and its status list are read straight from their hosts when these allow it (CORS), else
// through the server's relay (documents.ts). A link that is not an Open Badges 3.0 credential the
// browser can read is left to the API (null).
import type { VerifyPlatform, VerifyResult } from '../../shared/schemas/verify';
import type { ItemContext } from '../../api/src/verify/context';
import { BADGE_JSON_TYPES } from '../../api/src/verify/fetching';
import { isCredential, verifyCredentialDocument } from '../../api/src/verify/ob3';
import { unverifiable, type Verdict } from '../../api/src/verify/outcome';
import { platformOfUrl } from '../../api/src/verify/platforms';
import { SingleFlight } from '../../api/src/verify/singleFlight';
import { apiOrigin } from '../common/settings';
import type { DocumentFetcher } from './documents';

export interface TrustlessOptions {
  documents: DocumentFetcher;
  now?: () => number;
}

export type TrustlessVerifier = ReturnType<typeof createTrustlessVerifier>;

function platformOf(checkedUrl: string | null, apiBaseUrl: string): VerifyPlatform {
  if (!checkedUrl) return 'openbadges';
  return new URL(checkedUrl).origin === apiOrigin(apiBaseUrl) ? 'badgelens' : platformOfUrl(checkedUrl);
}

export function createTrustlessVerifier(options: TrustlessOptions) {
  const now = options.now ?? Date.now;
  const flights = new SingleFlight<VerifyResult | null>();

  async function check(url: string, apiBaseUrl: string): Promise<VerifyResult | null> {
    const answer = await options.documents.fetch(url, BADGE_JSON_TYPES);
    // Not a credential (a badge page, Open Badges 2.0 JSON), or not readable from here: the API decides.
    if (answer.kind !== 'json' || !isCredential(answer.json)) return null;
    const checkedAt = new Date(now());
    const ctx: ItemContext = {
      now: checkedAt,
      fetchDocument: (documentUrl, accept) => options.documents.fetch(documentUrl, accept),
      platformOf: (checkedUrl) => platformOf(checkedUrl, apiBaseUrl),
    };
    let verdict: Verdict;
    try {
      verdict = await verifyCredentialDocument(answer.json, ctx, answer.url, answer.maxAgeMs);
    } catch (error) {
      // A library failing on hostile input costs this badge only.
      console.error('BadgeLens: trustless check failed', url, error);
      verdict = unverifiable('the check failed in your browser');
    }
    const { status, badge, source, reason } = verdict;
    return { url, status, ...(badge ? { badge } : {}), ...(source ? { source } : {}), ...(reason ? { reason } : {}), checkedAt: checkedAt.toISOString() };
  }

  return {
    /** The result for a credential URL checked here, or null when the API should check the URL. */
    verify(url: string, apiBaseUrl: string): Promise<VerifyResult | null> {
      return flights.run(url, () => check(url, apiBaseUrl));
    },
    /** Forgets every document read (the results are the verifier's to forget). */
    clear(): void {
      options.documents.clear();
    },
  };
}
