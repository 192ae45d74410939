import type { AssertionRecord } from '../db/assertions';
import type { AppDeps } from '../http/env';

/**
 * Called by the issuing route right after an assertion is stored (inside the request, so it must only
 * enqueue work, never send). The earners feature fills this in: claim token + issuance email.
 */
export async function afterAssertionIssued(_deps: Required<AppDeps>, _record: AssertionRecord): Promise<void> {}
