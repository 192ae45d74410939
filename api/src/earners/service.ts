// The earner flows, independent of HTTP: pages and JSON routes both call these.
import {
  activateAccount,
  findAccountByPrimaryEmail,
  findOrCreateAccount,
  getAccount,
  isEmailTaken,
  markPrimaryEmailVerified,
  releaseLoginAttempt,
  reserveLoginAttempt,
  setPasswordHash,
  settleFailedLogin,
  settleSucceededLogin,
  verifyAlternateEmail,
  type Account,
} from '../db/accounts';
import {
  attachUnclaimedAssertions,
  changeClaimState,
  getAssertionAccountId,
  getAssertionRecord,
  setAssertionAccount,
  setAssertionPublic,
  type AssertionRecord,
  type ClaimChannel,
  type ClaimDecision,
  type ClaimState,
} from '../db/assertions';
import { transaction, type Db } from '../db/connection';
import { deleteAccountSessions } from '../db/sessions';
import {
  checkOneTimeToken,
  consumeAccountTokens,
  consumeAssertionTokens,
  consumeOneTimeToken,
  createOneTimeToken,
  type OneTimeToken,
  type Registration,
  type TokenCheck,
} from '../db/tokens';
import type { AppDeps } from '../http/env';
import { normaliseEmail } from '../lib/crypto';
import { accountLockedEmail, activationEmail, alreadyRegisteredEmail, alternateEmailVerificationEmail, passwordResetEmail } from '../mail/templates';
import { queueAccountMail, queueMail } from './mail';
import { burnPasswordCheck, hashPassword, verifyPassword } from './passwords';
import { earnerUrls } from './urls';

type Deps = Required<AppDeps>;

/** The tenth consecutive failed sign-in locks the account until a password reset (or the issuer) unlocks it. */
export const LOCK_AFTER_FAILURES = 10;
export const COOKIE_SESSION_MS = 14 * 24 * 60 * 60 * 1000;
export const BEARER_SESSION_MS = 30 * 24 * 60 * 60 * 1000;

export type SignInResult = { ok: true; account: Account } | { ok: false; reason: 'invalid' | 'locked' | 'unverified' | 'busy' };

/**
 * Checks an email and password. Unknown addresses cost the same scrypt time as wrong passwords and get the
 * same answer. A locked account fails even with the right password. The attempt is reserved on the account
 * before the slow check (db/accounts.ts, reserveLoginAttempt), so concurrent guesses never get more checks
 * than the lockout allows: once the failures and the checks under way reach the limit, the answer is
 * 'busy' (429) until they settle, then 'locked'. An unconfirmed account gets a fresh activation link (only
 * once the password is right, so this reveals nothing to a guesser). The account returned carries the
 * credential version the password was checked against: create its session with it.
 */
export async function signIn(deps: Deps, email: string, password: string): Promise<SignInResult> {
  const { db } = deps;
  const reservation = await reserveLoginAttempt(db, email, LOCK_AFTER_FAILURES, deps.now());
  if (reservation.status === 'busy') return { ok: false, reason: 'busy' };
  if (reservation.status !== 'reserved') {
    await burnPasswordCheck(password);
    return { ok: false, reason: reservation.status === 'locked' ? 'locked' : 'invalid' };
  }
  const { account } = reservation;
  let matches: boolean;
  try {
    matches = await verifyPassword(password, account.passwordHash);
  } catch (error) {
    await releaseLoginAttempt(db, account.id);
    throw error;
  }
  if (!matches) return failedSignIn(deps, account);
  const settled = await settleSucceededLogin(db, account.id, account.credentialVersion);
  // The password changed during the check, or the account was deleted: the password is not right any more.
  if (!settled) return { ok: false, reason: (await getAccount(db, account.id))?.lockedAt ? 'locked' : 'invalid' };
  if (!settled.emailVerifiedAt) {
    await sendActivation(deps, settled, null, { passwordHash: settled.passwordHash, firstName: settled.firstName, lastName: settled.lastName });
    return { ok: false, reason: 'unverified' };
  }
  return { ok: true, account: settled };
}

/** Counts the failure; the one that locks the account also emails its owner a reset link, in the same transaction. */
async function failedSignIn(deps: Deps, account: Account): Promise<SignInResult> {
  const now = deps.now();
  const settled = await transaction(deps.db, async (db) => {
    const result = await settleFailedLogin(db, account.id, LOCK_AFTER_FAILURES, now);
    if (result?.lockedNow) await sendLockedNotice({ ...deps, db }, account, now);
    return result;
  });
  return { ok: false, reason: settled?.locked ? 'locked' : 'invalid' };
}

async function sendLockedNotice(deps: Deps, account: Account, now: Date): Promise<void> {
  const urls = earnerUrls(deps.publicUrl);
  await consumeAccountTokens(deps.db, account.id, 'reset', now);
  const token = await createOneTimeToken(deps.db, 'reset', { accountId: account.id, email: account.email }, now);
  await queueMail(deps, accountLockedEmail({ to: account.email, firstName: account.firstName, resetUrl: urls.reset(token), resetRequestUrl: urls.resetRequest() }), now);
}

/** What a refused sign-in says; the locked message names the way out (the extension shows it as is). */
export function signInMessage(reason: Exclude<SignInResult, { ok: true }>['reason'], publicUrl: string): string {
  switch (reason) {
    case 'invalid':
      return 'The email address or the password is not right.';
    case 'locked':
      return (
        'This account is locked after 10 failed sign-in attempts. To unlock it, choose a new password: we have emailed you a link, ' +
        `and you can ask for a new one at ${earnerUrls(publicUrl).resetRequest()}. You can also contact the organisation that issued your badges.`
      );
    case 'busy':
      return 'Several sign-ins to this account are being checked right now. Wait a few seconds and try again.';
    case 'unverified':
      return 'Please confirm your email address first. We have just sent you a new confirmation link.';
  }
}

/** Seconds a 'busy' answer asks the client to wait (a password check takes well under a second). */
export const BUSY_RETRY_SECONDS = 2;

/**
 * Creates an activation token for one registration (the password and names someone chose) and queues the
 * email carrying it, together. Opening the link then needs that registration's password.
 */
async function sendActivation(deps: Deps, account: Account, assertionId: string | null, registration: Registration): Promise<void> {
  const now = deps.now();
  await transaction(deps.db, async (db) => {
    const token = await createOneTimeToken(db, 'activation', { accountId: account.id, assertionId, email: account.email, registration }, now);
    await queueAccountMail(
      { ...deps, db },
      activationEmail({ to: account.email, firstName: registration.firstName, activationUrl: earnerUrls(deps.publicUrl).activate(token) }),
      now,
    );
  });
}

export interface RegistrationInput {
  firstName: string;
  lastName: string;
  email: string;
  password: string;
}

/**
 * Registers an address and emails an activation link for this registration. When the address is already
 * confirmed (someone's primary or alternate email) its owner gets a "you already have an account" email
 * instead: the caller answers the same either way. An address registered before but never confirmed is
 * not taken: whoever registered it proved nothing, so each registration gets its own link, which only
 * works with its own password (see activate).
 */
export async function register(deps: Deps, input: RegistrationInput, claimedAssertionId: string | null = null): Promise<void> {
  const urls = earnerUrls(deps.publicUrl);
  const now = deps.now();
  const passwordHash = await hashPassword(input.password);
  await transaction(deps.db, async (db) => {
    if (await isEmailTaken(db, input.email)) {
      await queueAccountMail({ ...deps, db }, alreadyRegisteredEmail({ to: normaliseEmail(input.email), loginUrl: urls.login(), resetUrl: urls.resetRequest() }), now);
      return;
    }
    const account = await findOrCreateAccount(db, { firstName: input.firstName, lastName: input.lastName, email: input.email, passwordHash }, now);
    await sendActivation({ ...deps, db }, account, claimedAssertionId, { passwordHash, firstName: input.firstName, lastName: input.lastName });
  });
}

export type TokenFailure = Exclude<TokenCheck, { ok: true }>['reason'];

export type ActivationResult = { ok: true; account: Account; assertionId: string | null } | { ok: false; reason: TokenFailure | 'wrong_password' };

/**
 * Confirms the primary email: the link proves the mailbox, the password proves the registration (the one
 * that sent this link). That registration's password and names become the account's, every other
 * activation link of the account stops working, and the account then holds every badge issued to it.
 */
export async function activate(deps: Deps, token: string, password: string): Promise<ActivationResult> {
  const { db } = deps;
  const now = deps.now();
  const check = await checkOneTimeToken(db, token, 'activation', now);
  if (!check.ok) return check;
  const account = check.token.accountId ? await getAccount(db, check.token.accountId) : null;
  if (!account) return { ok: false, reason: 'invalid' };
  if (account.emailVerifiedAt) return { ok: false, reason: 'used' };
  // Links from before registrations were stored with them confirm the password the account was created with.
  const registration = check.token.registration ?? { passwordHash: account.passwordHash, firstName: account.firstName, lastName: account.lastName };
  if (!(await verifyPassword(password, registration.passwordHash))) return { ok: false, reason: 'wrong_password' };
  const activated = await transaction(db, async (trx) => {
    if (!(await consumeOneTimeToken(trx, check.token.id, now))) return null;
    const confirmed = await activateAccount(trx, account.id, registration, now);
    if (!confirmed) return null;
    await consumeAccountTokens(trx, account.id, 'activation', now);
    await attachUnclaimedAssertions(trx, account.id, account.email, now);
    return confirmed;
  });
  if (!activated) return { ok: false, reason: 'used' };
  return { ok: true, account: activated, assertionId: check.token.assertionId };
}

export interface ClaimView {
  token: OneTimeToken;
  record: AssertionRecord;
  ownerId: string | null;
}

/** What a claim link points at, if the link is still good. */
export async function openClaim(deps: Deps, token: string): Promise<{ ok: true; claim: ClaimView } | { ok: false; reason: TokenFailure }> {
  const check = await checkOneTimeToken(deps.db, token, 'claim', deps.now());
  if (!check.ok) return check;
  const record = check.token.assertionId ? await getAssertionRecord(deps.db, check.token.assertionId) : null;
  if (!record || record.assertion.recipientEmail === '') return { ok: false, reason: 'invalid' };
  return { ok: true, claim: { token: check.token, record, ownerId: await getAssertionAccountId(deps.db, record.assertion.id) } };
}

export type ClaimOutcome =
  | { ok: true; assertionId: string }
  | { ok: false; reason: TokenFailure | 'owned_elsewhere' }
  | { ok: false; reason: 'conflict'; message: string };

/** Why a badge cannot go from `current` to `to` (claimStatesMovableTo in db/assertions.ts holds the rules). */
export function claimConflictMessage(current: ClaimState, to: ClaimDecision): string {
  if (current === 'accepted' && to === 'declined') {
    return 'An accepted badge cannot be declined. You can make it private, so that only you see it, or delete it from your portfolio.';
  }
  if (current === 'declined' && to === 'accepted') {
    return 'You declined this badge. If you changed your mind, sign in and accept it after all in your portfolio.';
  }
  return `This badge is ${current}; it cannot be ${to} now.`;
}

/**
 * A signed-in earner accepts or declines the badge of a claim link. Holding the link proves the badge's
 * address is theirs, so that address becomes a verified alternate email of the account (unless it already
 * counts for another account). All of it happens in one transaction; the state changes only from pending
 * (a badge already decided elsewhere is refused with a conflict).
 */
export async function decideClaim(deps: Deps, token: string, accountId: string, decision: ClaimDecision): Promise<ClaimOutcome> {
  const now = deps.now();
  return transaction(deps.db, async (db): Promise<ClaimOutcome> => {
    const opened = await openClaim({ ...deps, db }, token);
    if (!opened.ok) return opened;
    const { record, ownerId } = opened.claim;
    if (ownerId && ownerId !== accountId) return { ok: false, reason: 'owned_elsewhere' };
    if (!ownerId) {
      if (!(await verifyAlternateEmail(db, accountId, record.assertion.recipientEmail, now))) return { ok: false, reason: 'owned_elsewhere' };
      await setAssertionAccount(db, record.assertion.id, accountId, now);
      await attachUnclaimedAssertions(db, accountId, record.assertion.recipientEmail, now);
    }
    const change = await changeClaimState(db, record.assertion.id, decision, 'claim_link', accountId, now);
    if (!change.ok) return change.current ? { ok: false, reason: 'conflict', message: claimConflictMessage(change.current, decision) } : { ok: false, reason: 'invalid' };
    await consumeAssertionTokens(db, record.assertion.id, 'claim', now);
    return { ok: true, assertionId: record.assertion.id };
  });
}

export type OwnBadgeOutcome = { ok: true } | { ok: false; status: 404 | 409; message: string };

class OwnBadgeRefusal extends Error {
  constructor(readonly outcome: Exclude<OwnBadgeOutcome, { ok: true }>) {
    super(outcome.message);
  }
}

const NOT_YOURS: Exclude<OwnBadgeOutcome, { ok: true }> = { ok: false, status: 404, message: 'You hold no such badge.' };

/**
 * Changes one of the account's own badges (portfolio or API): its claim state and/or whether it is public,
 * all or nothing, in one transaction. Refused: a badge of someone else (404), a change the claim rules do
 * not allow through `channel`, or making a declined badge public (409).
 */
export async function updateOwnBadge(
  db: Db,
  accountId: string,
  assertionId: string,
  change: { claimState?: ClaimDecision; isPublic?: boolean },
  channel: Exclude<ClaimChannel, 'claim_link'>,
): Promise<OwnBadgeOutcome> {
  try {
    return await transaction(db, async (trx): Promise<OwnBadgeOutcome> => {
      if ((await getAssertionAccountId(trx, assertionId)) !== accountId) throw new OwnBadgeRefusal(NOT_YOURS);
      if (change.claimState) {
        const result = await changeClaimState(trx, assertionId, change.claimState, channel, accountId);
        if (!result.ok) {
          throw new OwnBadgeRefusal(result.current ? { ok: false, status: 409, message: claimConflictMessage(result.current, change.claimState) } : NOT_YOURS);
        }
      }
      if (change.isPublic !== undefined && !(await setAssertionPublic(trx, assertionId, change.isPublic))) {
        throw new OwnBadgeRefusal({ ok: false, status: 409, message: 'A declined badge is never public. Accept it first (in your portfolio) to make it public.' });
      }
      return { ok: true };
    });
  } catch (error) {
    if (error instanceof OwnBadgeRefusal) return error.outcome;
    throw error;
  }
}

/** Sends a one-hour reset link when the address has an account; silent otherwise (the caller answers the same). */
export async function requestPasswordReset(deps: Deps, email: string): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const account = await findAccountByPrimaryEmail(db, email);
  if (!account) return;
  await transaction(db, async (trx) => {
    await consumeAccountTokens(trx, account.id, 'reset', now);
    const token = await createOneTimeToken(trx, 'reset', { accountId: account.id, email: account.email }, now);
    await queueAccountMail({ ...deps, db: trx }, passwordResetEmail({ to: account.email, firstName: account.firstName, resetUrl: earnerUrls(deps.publicUrl).reset(token) }), now);
  });
}

export async function checkResetToken(deps: Deps, token: string): Promise<TokenCheck> {
  return checkOneTimeToken(deps.db, token, 'reset', deps.now());
}

/**
 * Sets the new password, unlocks the account and ends every session of it (and every sign-in still checking
 * the old password). Using the link also confirms the address, so the activation links of registrations
 * made before stop working.
 */
export async function resetPassword(deps: Deps, token: string, password: string): Promise<{ ok: true } | { ok: false; reason: TokenFailure }> {
  const { db } = deps;
  const now = deps.now();
  const check = await checkOneTimeToken(db, token, 'reset', now);
  if (!check.ok) return check;
  const accountId = check.token.accountId;
  if (!accountId) return { ok: false, reason: 'used' };
  // Hashed before the transaction: scrypt takes a while, and the transaction holds SQLite's write lock.
  const passwordHash = await hashPassword(password);
  const done = await transaction(db, async (trx) => {
    if (!(await consumeOneTimeToken(trx, check.token.id, now))) return false;
    await setPasswordHash(trx, accountId, passwordHash, now);
    await markPrimaryEmailVerified(trx, accountId, now);
    await consumeAccountTokens(trx, accountId, 'activation', now);
    await deleteAccountSessions(trx, accountId);
    return true;
  });
  return done ? { ok: true } : { ok: false, reason: 'used' };
}

/**
 * Checks a signed-in earner's password the way signing in does, so failures count towards the lockout:
 * a session left open on a shared computer is not a way to guess the password (before changing it or
 * deleting the account).
 */
export async function confirmOwnPassword(deps: Deps, account: Account, password: string): Promise<'ok' | 'invalid' | 'locked' | 'busy'> {
  const result = await signIn(deps, account.email, password);
  if (result.ok) return result.account.id === account.id ? 'ok' : 'invalid';
  return result.reason === 'unverified' ? 'invalid' : result.reason;
}

/** Sets a new password and ends every session of the account (the caller starts a new one for this browser). */
export async function changePassword(deps: Deps, accountId: string, password: string): Promise<Account | null> {
  const passwordHash = await hashPassword(password);
  return transaction(deps.db, async (db) => {
    await setPasswordHash(db, accountId, passwordHash, deps.now());
    await deleteAccountSessions(db, accountId);
    return getAccount(db, accountId);
  });
}

/** Emails a verification link to a new alternate address. */
export async function sendAlternateEmailVerification(deps: Deps, account: Account, email: string): Promise<void> {
  const now = deps.now();
  await transaction(deps.db, async (db) => {
    const token = await createOneTimeToken(db, 'alt_email', { accountId: account.id, email }, now);
    await queueMail(
      { ...deps, db },
      alternateEmailVerificationEmail({ to: normaliseEmail(email), firstName: account.firstName, verifyUrl: earnerUrls(deps.publicUrl).verifyEmail(token) }),
      now,
    );
  });
}

export async function confirmAlternateEmail(deps: Deps, token: string): Promise<{ ok: true; email: string } | { ok: false; reason: TokenFailure | 'owned_elsewhere' }> {
  const { db } = deps;
  const now = deps.now();
  const check = await checkOneTimeToken(db, token, 'alt_email', now);
  if (!check.ok) return check;
  const { accountId, email } = check.token;
  if (!accountId || !email) return { ok: false, reason: 'invalid' };
  return transaction(db, async (trx) => {
    if (!(await verifyAlternateEmail(trx, accountId, email, now))) return { ok: false, reason: 'owned_elsewhere' };
    if (!(await consumeOneTimeToken(trx, check.token.id, now))) return { ok: false, reason: 'used' };
    await attachUnclaimedAssertions(trx, accountId, email, now);
    return { ok: true, email };
  });
}

export const TOKEN_FAILURE_MESSAGES: Record<TokenFailure, string> = {
  invalid: 'This link is not valid. Check that you copied the whole link from the email.',
  expired: 'This link has expired.',
  used: 'This link has already been used. Each link works only once.',
};
