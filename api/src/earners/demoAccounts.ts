import { createAccount, findAccountByPrimaryEmail } from '../db/accounts';
import { attachUnclaimedAssertions, listUnclaimedRecipients, type UnclaimedRecipient } from '../db/assertions';
import type { Db } from '../db/connection';
import { hashPassword, unusablePasswordHash } from './passwords';

export const DEMO_EARNER_EMAIL = 'demo@badgelens.example';
export const DEMO_EARNER_PASSWORD = 'badgelens-demo';

/** "Ana María Ruiz" -> first "Ana", last "María Ruiz"; a single word is the first name. */
export function splitName(fullName: string): { firstName: string; lastName: string } {
  const [firstName = '', ...rest] = fullName.trim().split(/\s+/);
  return { firstName: firstName || 'Earner', lastName: rest.join(' ') };
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
