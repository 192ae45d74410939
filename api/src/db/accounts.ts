import type { Selectable } from 'kysely';
import { normaliseEmail, randomId } from '../lib/crypto';
import { transaction, type Db } from './engine';
import type { AccountsTable } from './schema';

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

/** True when `email` is some account's primary email or someone's verified alternate: it cannot be used again. */
export async function isEmailTaken(db: Db, email: string): Promise<boolean> {
  const address = normaliseEmail(email);
  const row = await db
    .selectFrom('accounts')
    .select('id')
    .where('email', '=', address)
    .unionAll(db.selectFrom('account_emails').select('account_id as id').where('email', '=', address).where('verified_at', 'is not', null))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
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
 * Counts one failed sign-in; locks the account when the count reaches `lockAfter`. One atomic UPDATE, so
 * failures counted at the same moment on several nodes all add up. Returns the new state.
 */
export async function recordFailedLogin(db: Db, accountId: string, lockAfter: number, now = new Date()): Promise<{ failedLogins: number; locked: boolean }> {
  const row = await db
    .updateTable('accounts')
    .set((eb) => ({
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
    .executeTakeFirstOrThrow();
  return { failedLogins: row.failed_logins, locked: row.locked_at !== null };
}

export async function clearFailedLogins(db: Db, accountId: string): Promise<void> {
  await db.updateTable('accounts').set({ failed_logins: 0 }).where('id', '=', accountId).where('failed_logins', '<>', 0).execute();
}

export async function unlockAccount(db: Db, accountId: string, now = new Date()): Promise<void> {
  await db.updateTable('accounts').set({ locked_at: null, failed_logins: 0, updated_at: now.toISOString() }).where('id', '=', accountId).execute();
}

export async function setPasswordHash(db: Db, accountId: string, passwordHash: string, now = new Date()): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: passwordHash, updated_at: now.toISOString() }).where('id', '=', accountId).execute();
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
    const primaryElsewhere = await trx.selectFrom('accounts').select('id').where('email', '=', address).where('id', '<>', accountId).executeTakeFirst();
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

/** True when the account holds at least one badge issued by `issuerId`. */
export async function accountHoldsIssuerBadge(db: Db, accountId: string, issuerId: string): Promise<boolean> {
  const row = await db
    .selectFrom('assertions as a')
    .innerJoin('badge_classes as b', 'b.id', 'a.badge_class_id')
    .select('a.id')
    .where('a.account_id', '=', accountId)
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
    const owned = trx.selectFrom('assertions').select('id').where('account_id', '=', accountId);
    await trx.deleteFrom('one_time_tokens').where('assertion_id', 'in', owned).execute();
    await trx
      .updateTable('assertions')
      .set({ is_public: 0, recipient_name: '', recipient_email: '', account_id: null })
      .where('account_id', '=', accountId)
      .execute();
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
