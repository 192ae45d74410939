// What the format verifiers (ob2Hosted.ts, ob3.ts) may do while verifying one item.
import type { VerifyPlatform } from '../../../shared/schemas/verify';
import type { Answer } from './fetching';

export interface ItemContext {
  /** The moment validity is judged at. */
  now: Date;
  /** Fetches a document linked from the item (badge class, issuer, revocation list, DID document, status list): shared and kept a while. */
  fetchDocument(url: string, accept: readonly string[]): Promise<Answer>;
  /** The platform to name for a document fetched from `checkedUrl` (null: nothing was fetched). */
  platformOf(checkedUrl: string | null): VerifyPlatform;
}
