import type { ExpressionBuilder, Selectable } from 'kysely';
import { normaliseEmail, randomId } from '../lib/crypto';
import { transaction, type Db } from './engine';
import type { AccountsTable, Database } from './schema';

export interface Account {
  id: string;
  firstName: string;
  lastName: string;
  /** Normalised primary email. */
  email: string;
  passwordHash: string;
  emailVerifiedAt: string | null;
  failedLogins: number;
  lockedAt: string | null;
  workplace: string | null;
  professionalTitle: string | null;
  linkedinUrl: string | null;
  createdAt: string;
  updatedAt: string;
  /** Raised whenever the password changes; a session is only good for the version it was created with. */
  credentialVersion: number;
}

function accountFromRow(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    passwordHash: row.password_hash,
    emailVerifiedAt: row.email_verified_at,
    failedLogins: row.failed_logins,
    lockedAt: row.locked_at,
    workplace: row.workplace,
    professionalTitle: row.professional_title,
    linkedinUrl: row.linkedin_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    credentialVersion: row.credential_version,
  };
}

export interface NewAccount {
  firstName: string;
  lastName: string;
  email: string;
  passwordHash: string;
  verified?: boolean;
}

export async function createAccount(db: Db, input: NewAccount, now = new Date()): Promise<Account> {
  const at = now.toISOString();
  const row = await db
    .insertInto('accounts')
    .values({
      id: randomId(16),
      first_name: input.firstName,
      last_name: input.lastName,
      email: normaliseEmail(input.email),
      password_hash: input.passwordHash,
      email_verified_at: input.verified ? at : null,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return accountFromRow(row);
}

/**
 * The account registered with this primary email, created (unconfirmed, with this registration's password
 * and names) when there is none: one INSERT … ON CONFLICT DO NOTHING, so registrations of a new address at
 * the same moment end up with one account instead of a unique-constraint error.
 */
export async function findOrCreateAccount(db: Db, input: NewAccount, now = new Date()): Promise<Account> {
  const at = now.toISOString();
  const email = normaliseEmail(input.email);
  const created = await db
    .insertInto('accounts')
    .values({ id: randomId(16), first_name: input.firstName, last_name: input.lastName, email, password_hash: input.passwordHash, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (created) return accountFromRow(created);
  return (await findAccountByPrimaryEmail(db, email))!;
}

export async function getAccount(db: Db, id: string): Promise<Account | null> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? accountFromRow(row) : null;
}

export async function findAccountByPrimaryEmail(db: Db, email: string): Promise<Account | null> {
  const row = await db.selectFrom('accounts').selectAll().where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return row ? accountFromRow(row) : null;
}

/** The account for which `email` is a verified address (its verified primary email or a verified alternate). */
export async function findAccountByVerifiedEmail(db: Db, email: string): Promise<Account | null> {
  const address = normaliseEmail(email);
  const row =
    (await db.selectFrom('accounts').selectAll().where('email', '=', address).where('email_verified_at', 'is not', null).executeTakeFirst()) ??
    (await db
      .selectFrom('accounts as a')
      .innerJoin('account_emails as e', 'e.account_id', 'a.id')
      .selectAll('a')
      .where('e.email', '=', address)
      .where('e.verified_at', 'is not', null)
      .executeTakeFirst());
  return row ? accountFromRow(row) : null;
}

/**
 * True when `email` is some account's confirmed primary email or someone's verified alternate: it cannot be
 * registered again. An unconfirmed registration proves nothing, so it does not make an address taken.
 */
export async function isEmailTaken(db: Db, email: string): Promise<boolean> {
  return (await findAccountByVerifiedEmail(db, email)) !== null;
}

/**
 * Confirms an unconfirmed account with the registration whose link was opened (its password was checked):
 * that registration's password and names become the account's, the credential version goes up and any
 * lock from guesses made before is lifted. Null when the account is already confirmed (or gone).
 */
export async function activateAccount(db: Db, accountId: string, registration: { passwordHash: string; firstName?: string; lastName?: string }, now = new Date()): Promise<Account | null> {
  const at = now.toISOString();
  const row = await db
    .updateTable('accounts')
    .set((eb) => ({
      password_hash: registration.passwordHash,
      ...(registration.firstName ? { first_name: registration.firstName } : {}),
      ...(registration.lastName ? { last_name: registration.lastName } : {}),
      email_verified_at: at,
      credential_version: eb('credential_version', '+', 1),
      locked_at: null,
      failed_logins: 0,
      updated_at: at,
    }))
    .where('id', '=', accountId)
    .where('email_verified_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row ? accountFromRow(row) : null;
}

/**
 * Deletes the unconfirmed account registered with `email` as its primary address, if any (not `keep`): the
 * address has just been proven by someone else, and a registration that never proved it holds nothing.
 */
export async function deleteUnconfirmedRegistration(db: Db, email: string, keep: string): Promise<void> {
  await db.deleteFrom('accounts').where('email', '=', normaliseEmail(email)).where('email_verified_at', 'is', null).where('id', '<>', keep).execute();
}

export async function markPrimaryEmailVerified(db: Db, accountId: string, now = new Date()): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable('accounts')
    .set((eb) => ({ email_verified_at: eb.fn.coalesce('email_verified_at', eb.val(at)), updated_at: at }))
    .where('id', '=', accountId)
    .execute();
}

/**
 * How long a reserved sign-in attempt may stay unsettled: far longer than any password check takes, so
 * only the attempts of a process that died mid-check are ever forgotten this way.
 */
export const LOGIN_ATTEMPT_HOLD_MS = 60_000;

export type LoginReservation =
  | { status: 'reserved'; account: Account }
  | { status: 'unknown' | 'locked' | 'busy' };

/**
 * Reserves one sign-in attempt on the account with this primary email, before its password is checked:
 * one conditional UPDATE that refuses while the account is locked or while its failures plus the
 * attempts already under way reach `lockAfter`. So the lockout never has to be checked again after the
 * slow password check, and no burst of concurrent guesses gets more than `lockAfter` checks in.
 * The account is read by the same statement: the password hash and credential version that the check
 * uses are the ones of the moment the attempt was reserved.
 */
export async function reserveLoginAttempt(db: Db, email: string, lockAfter: number, now = new Date()): Promise<LoginReservation> {
  const at = now.toISOString();
  const address = normaliseEmail(email);
  const row = await db
    .updateTable('accounts')
    .set((eb) => {
      const stale = eb.or([eb('login_attempts_until', 'is', null), eb('login_attempts_until', '<=', at)]);
      return {
        login_attempts_pending: eb.case().when(stale).then(1).else(eb('login_attempts_pending', '+', 1)).end(),
        login_attempts_until: new Date(now.getTime() + LOGIN_ATTEMPT_HOLD_MS).toISOString(),
      };
    })
    .where('email', '=', address)
    .where('locked_at', 'is', null)
    .where((eb) => {
      const stale = eb.or([eb('login_attempts_until', 'is', null), eb('login_attempts_until', '<=', at)]);
      const pending = eb.case().when(stale).then(0).else(eb.ref('login_attempts_pending')).end();
      return eb(eb('failed_logins', '+', pending), '<', lockAfter);
    })
    .returningAll()
    .executeTakeFirst();
  if (row) return { status: 'reserved', account: accountFromRow(row) };
  const current = await db.selectFrom('accounts').select('locked_at').where('email', '=', address).executeTakeFirst();
  if (!current) return { status: 'unknown' };
  return { status: current.locked_at ? 'locked' : 'busy' };
}

/** One attempt fewer under way (never below zero: attempts forgotten as stale may still settle). */
const onePendingLess = (eb: ExpressionBuilder<Database, 'accounts'>) =>
  eb.case().when('login_attempts_pending', '>', 0).then(eb('login_attempts_pending', '-', 1)).else(0).end();

/**
 * Settles a reserved attempt whose password was wrong: counts the failure and locks the account when the
 * count reaches `lockAfter`. Null when the account no longer exists. `lockedNow` is true for the one
 * failure that locked it (the count reaches `lockAfter` once per lock: reservations never let it pass).
 */
export async function settleFailedLogin(db: Db, accountId: string, lockAfter: number, now = new Date()): Promise<{ locked: boolean; lockedNow: boolean } | null> {
  const row = await db
    .updateTable('accounts')
    .set((eb) => ({
      login_attempts_pending: onePendingLess(eb),
      failed_logins: eb('failed_logins', '+', 1),
      locked_at: eb
        .case()
        .when(eb.and([eb('locked_at', 'is', null), eb(eb('failed_logins', '+', 1), '>=', lockAfter)]))
        .then(now.toISOString())
        .else(eb.ref('locked_at'))
        .end(),
    }))
    .where('id', '=', accountId)
    .returning(['failed_logins', 'locked_at'])
    .executeTakeFirst();
  if (!row) return null;
  return { locked: row.locked_at !== null, lockedNow: row.locked_at !== null && row.failed_logins === lockAfter };
}

/**
 * Settles a reserved attempt whose password was right, for the credentials it was checked against: the
 * failure count starts again. Null when that is no longer the account's password (it changed during the
 * check), or the account is gone or locked.
 */
export async function settleSucceededLogin(db: Db, accountId: string, credentialVersion: number): Promise<Account | null> {
  const row = await db
    .updateTable('accounts')
    .set((eb) => ({ login_attempts_pending: onePendingLess(eb), failed_logins: 0 }))
    .where('id', '=', accountId)
    .where('credential_version', '=', credentialVersion)
    .where('locked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  if (row) return accountFromRow(row);
  await releaseLoginAttempt(db, accountId);
  return null;
}

/** Gives back a reserved attempt without counting it (the check could not run to its end). */
export async function releaseLoginAttempt(db: Db, accountId: string): Promise<void> {
  await db
    .updateTable('accounts')
    .set((eb) => ({ login_attempts_pending: onePendingLess(eb) }))
    .where('id', '=', accountId)
    .execute();
}

/** Unlocks an account and forgets its failures (an issuer's unlock, a completed password reset). */
export async function unlockAccount(db: Db, accountId: string, now = new Date()): Promise<void> {
  await db.updateTable('accounts').set({ locked_at: null, failed_logins: 0, updated_at: now.toISOString() }).where('id', '=', accountId).execute();
}

/**
 * Sets a new password: the credential version goes up (every session and every sign-in still checking the
 * old password stops counting), and the account is unlocked, since only the mailbox's owner can do this.
 */
export async function setPasswordHash(db: Db, accountId: string, passwordHash: string, now = new Date()): Promise<void> {
  await db
    .updateTable('accounts')
    .set((eb) => ({
      password_hash: passwordHash,
      credential_version: eb('credential_version', '+', 1),
      locked_at: null,
      failed_logins: 0,
      updated_at: now.toISOString(),
    }))
    .where('id', '=', accountId)
    .execute();
}

export interface ProfileUpdate {
  workplace: string | null;
  professionalTitle: string | null;
  linkedinUrl: string | null;
}

export async function updateProfile(db: Db, accountId: string, profile: ProfileUpdate, now = new Date()): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ workplace: profile.workplace, professional_title: profile.professionalTitle, linkedin_url: profile.linkedinUrl, updated_at: now.toISOString() })
    .where('id', '=', accountId)
    .execute();
}

export interface AlternateEmail {
  email: string;
  verifiedAt: string | null;
}

export async function listAlternateEmails(db: Db, accountId: string): Promise<AlternateEmail[]> {
  const rows = await db
    .selectFrom('account_emails')
    .select(['email', 'verified_at'])
    .where('account_id', '=', accountId)
    .orderBy('created_at')
    .orderBy('email')
    .execute();
  return rows.map((row) => ({ email: row.email, verifiedAt: row.verified_at }));
}

/** Adds an unverified alternate email (no-op when already listed). */
export async function addAlternateEmail(db: Db, accountId: string, email: string, now = new Date()): Promise<void> {
  await db
    .insertInto('account_emails')
    .values({ account_id: accountId, email: normaliseEmail(email), created_at: now.toISOString() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Marks an alternate email verified (adding it if missing); false when the address already counts for someone. */
export async function verifyAlternateEmail(db: Db, accountId: string, email: string, now = new Date()): Promise<boolean> {
  const address = normaliseEmail(email);
  const at = now.toISOString();
  return transaction(db, async (trx) => {
    // An unconfirmed registration of the address elsewhere proves nothing: it gives way (deleted below).
    const primaryElsewhere = await trx
      .selectFrom('accounts')
      .select('id')
      .where('email', '=', address)
      .where('id', '<>', accountId)
      .where('email_verified_at', 'is not', null)
      .executeTakeFirst();
    const verifiedElsewhere = await trx
      .selectFrom('account_emails')
      .select('account_id')
      .where('email', '=', address)
      .where('account_id', '<>', accountId)
      .where('verified_at', 'is not', null)
      .executeTakeFirst();
    if (primaryElsewhere || verifiedElsewhere) return false;
    const own = await trx.selectFrom('accounts').select('email').where('id', '=', accountId).executeTakeFirst();
    if (!own) return false;
    if (own.email === address) return true;
    await deleteUnconfirmedRegistration(trx, address, accountId);
    await trx
      .insertInto('account_emails')
      .values({ account_id: accountId, email: address, verified_at: at, created_at: at })
      .onConflict((oc) =>
        oc.columns(['account_id', 'email']).doUpdateSet((eb) => ({ verified_at: eb.fn.coalesce('account_emails.verified_at', eb.val(at)) })),
      )
      .execute();
    return true;
  });
}

export async function removeAlternateEmail(db: Db, accountId: string, email: string): Promise<boolean> {
  const result = await db.deleteFrom('account_emails').where('account_id', '=', accountId).where('email', '=', normaliseEmail(email)).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/**
 * True when the account holds a badge issued by `issuerId` and has accepted it. Issuing alone proves
 * nothing (anyone with an issuer key can issue to any address); the earner's acceptance does.
 */
export async function accountAcceptedIssuerBadge(db: Db, accountId: string, issuerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('assertions as a')
    .innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
    .select('a.id')
    .where('a.account_id', '=', accountId)
    .where('a.claim_state', '=', 'accepted')
    .where('b.issuer_id', '=', issuerId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Deletes an account and its personal data, all in one transaction: the account row, its emails, sessions,
 * tokens and mail go; its badges stay as issued records (the Open Badges hash is kept) but lose name and
 * email and stop being public, so they verify as not_found.
 */
export async function deleteAccount(db: Db, accountId: string): Promise<boolean> {
  return transaction(db, async (trx) => {
    await forgetHeldAssertions(trx, accountId);
    // Mail to the person's addresses holds their name and links: it goes too, sent or not.
    const addresses = trx
      .selectFrom('accounts')
      .select('email')
      .where('id', '=', accountId)
      .union(trx.selectFrom('account_emails').select('email').where('account_id', '=', accountId));
    await trx.deleteFrom('mail_queue').where('to_address', 'in', addresses).execute();
    await trx.deleteFrom('outbox').where('to_address', 'in', addresses).execute();
    const result = await trx.deleteFrom('accounts').where('id', '=', accountId).executeTakeFirst();
    return result.numDeletedRows === 1n;
  });
}

/**
 * The earner deletes one badge they hold: as for a deleted account, the issuer's record stays (the Open
 * Badges hash is kept) but it leaves the account, loses name and email and is never public again, so it
 * verifies as not_found. False when the account does not hold it.
 */
export async function deleteHeldAssertion(db: Db, accountId: string, assertionId: string): Promise<boolean> {
  return transaction(db, async (trx) => (await forgetHeldAssertions(trx, accountId, assertionId)) === 1);
}

/** Detaches the account's badges (or one of them) and removes the personal data they carry; returns how many. */
async function forgetHeldAssertions(trx: Db, accountId: string, assertionId?: string): Promise<number> {
  const held = trx
    .selectFrom('assertions')
    .select('id')
    .where('account_id', '=', accountId)
    .$if(assertionId !== undefined, (query) => query.where('id', '=', assertionId!));
  await trx.deleteFrom('one_time_tokens').where('assertion_id', 'in', held).execute();
  await trx.deleteFrom('assertion_event_clients').where('assertion_id', 'in', held).execute();
  // The stored Open Badges 3.0 credential carries the recipient's name: it goes (and is never made again, see assertionsWithoutCredential).
  await trx.deleteFrom('assertion_credentials').where('assertion_id', 'in', held).execute();
  const result = await trx
    .updateTable('assertions')
    .set({ is_public: 0, recipient_name: '', recipient_email: '', account_id: null })
    .where('account_id', '=', accountId)
    .$if(assertionId !== undefined, (query) => query.where('id', '=', assertionId!))
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
