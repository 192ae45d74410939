import { createAccount, findAccountByPrimaryEmail } from '../db/accounts';
import { attachUnclaimedAssertions, listUnclaimedRecipients, type UnclaimedRecipient } from '../db/assertions';
import type { Db } from '../db/connection';
import { splitFullName } from '../../../shared/names';
import { hashPassword, unusablePasswordHash } from './passwords';

export const DEMO_EARNER_EMAIL = 'demo@badgelens.example';
export const DEMO_EARNER_PASSWORD = 'badgelens-demo';

/** The account's name from the name a badge was issued to (an empty one becomes "Earner"). */
export function splitName(fullName: string): { firstName: string; lastName: string } {
  const { firstName, lastName } = splitFullName(fullName);
  return { firstName: firstName || 'Earner', lastName };
}

/**
 * Gives every recipient of the demo badges a confirmed account holding their badges. Only the demo earner
 * can sign in (with the documented password); the others get a password nothing matches. Claim states are
 * left as the demo data set them. Running it again adds nothing.
 */
export async function seedDemoAccounts(db: Db, now = new Date()): Promise<{ accountsCreated: number }> {
  const byEmail = new Map<string, UnclaimedRecipient[]>();
  for (const row of await listUnclaimedRecipients(db)) byEmail.set(row.recipientEmail, [...(byEmail.get(row.recipientEmail) ?? []), row]);

  let accountsCreated = 0;
  for (const [email, assertions] of byEmail) {
    let account = await findAccountByPrimaryEmail(db, email);
    if (!account) {
      const isDemo = email === DEMO_EARNER_EMAIL;
      const passwordHash = isDemo ? await hashPassword(DEMO_EARNER_PASSWORD) : unusablePasswordHash();
      account = await createAccount(db, { ...splitName(assertions[0].recipientName), email, passwordHash, verified: true }, now);
      accountsCreated++;
    }
    await attachUnclaimedAssertions(db, account.id, email);
  }
  return { accountsCreated };
}
