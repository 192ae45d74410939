import { linkedInAddToProfileUrl } from '../../../shared/links';
import { findAccountByVerifiedEmail } from '../db/accounts';
import { getAssertionRecord, issueAssertion, setAssertionAccount, type Assertion, type AssertionRecord, type IssueInput } from '../db/assertions';
import type { BadgeClass } from '../db/badgeClasses';
import { queueCredential } from '../ob3/issuance';
import { transaction } from '../db/connection';
import { createOneTimeToken } from '../db/tokens';
import { selfClaimsOfBadgeClasses } from '../db/selfClaims';
import { verifySelfClaim } from '../earning/completions';
import type { AppDeps } from '../http/env';
import { shareableBadge } from '../sharing/shareable';
import { issuanceEmail } from '../mail/templates';
import { queueMail } from './mail';
import { earnerUrls } from './urls';

/** What issuing needs of the app's dependencies (the bulk-issuing worker runs outside any request). */
export type IssuingDeps = Pick<Required<AppDeps>, 'db' | 'now' | 'publicUrl'>;

/**
 * Issues one badge as the single-issue API and the console do: stored, handed to its earner's account
 * or emailed, and queued for signing, all in one transaction. When the address belongs to an account that
 * self-claimed this badge class, the claim becomes this badge in place (same id, same page URL).
 */
export async function issueOneBadge(
  deps: IssuingDeps & Pick<AppDeps, 'issueCredentials'>,
  badgeClass: BadgeClass,
  input: IssueInput,
  now: Date,
): Promise<Assertion> {
  return transaction(deps.db, async (db) => {
    const owner = await findAccountByVerifiedEmail(db, input.email);
    const [claim] = owner ? await selfClaimsOfBadgeClasses(db, owner.id, [badgeClass.id]) : [];
    let issued: Assertion | null = null;
    const issue = async (id?: string) => (issued = await issueAssertion(db, badgeClass, { ...input, ...(id ? { id } : {}) }, now));
    if (!(owner && claim && (await verifySelfClaim(db, claim, owner.id, () => issue(claim.id))))) await issue();
    issued = issued!;
    const record = (await getAssertionRecord(db, issued.id))!;
    await afterAssertionIssued({ ...deps, db }, record);
    if (deps.issueCredentials) await queueCredential(db, record, deps.publicUrl, now);
    return issued;
  });
}

/**
 * Called by the issuing route right after an assertion is stored (inside the request, so it only
 * enqueues work, never sends). A badge issued to an address an account has verified goes to that
 * account at once; either way the recipient gets the issuance email with a fresh claim link. Run it in
 * the transaction that stored the assertion: a badge is never issued without its email, nor the reverse.
 */
export async function afterAssertionIssued(deps: IssuingDeps, record: AssertionRecord): Promise<void> {
  const now = deps.now();
  const { assertion } = record;
  await transaction(deps.db, async (db) => {
    const owner = await findAccountByVerifiedEmail(db, assertion.recipientEmail);
    if (owner) await setAssertionAccount(db, assertion.id, owner.id, now);
    await sendClaimEmail({ ...deps, db }, record, now);
  });
}

/** Creates a claim token for the badge and queues the issuance email carrying it, together. */
export async function sendClaimEmail(deps: IssuingDeps, record: AssertionRecord, now: Date): Promise<void> {
  const { publicUrl } = deps;
  const { assertion, badgeClass, issuer } = record;
  const badge = shareableBadge(record, publicUrl);
  await transaction(deps.db, async (db) => {
    const token = await createOneTimeToken(db, 'claim', { assertionId: assertion.id, email: assertion.recipientEmail }, now);
    const message = issuanceEmail({
      to: assertion.recipientEmail,
      recipientName: assertion.recipientName,
      issuerName: issuer.name,
      badgeName: badgeClass.name,
      claimUrl: earnerUrls(publicUrl).claim(token),
      badgeUrl: badge.badgeUrl,
      imageUrl: badge.imageUrl,
      linkedInAddToProfileUrl: linkedInAddToProfileUrl(badge),
    });
    await queueMail({ ...deps, db }, message, now);
  });
}
