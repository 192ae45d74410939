import { getAssertionAccountId } from '../db/assertions';
import type { Db } from '../db/connection';

// The one place that knows how the share kit finds its earner: the earners feature's bearer-token
// middleware (sets `accountId`), and the assertions' `account_id` column for ownership.
export { earnerAuth as requireEarner } from '../earners/http';

/** True when the badge sits in this earner's account. */
export async function earnerOwnsAssertion(db: Db, accountId: string, assertionId: string): Promise<boolean> {
  return (await getAssertionAccountId(db, assertionId)) === accountId;
}
