import { normaliseEmail, randomId } from '../lib/crypto';
import type { Db } from './connection';

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

interface AccountRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  password_hash: string;
  email_verified_at: string | null;
  failed_logins: number;
  locked_at: string | null;
  workplace: string | null;
  professional_title: string | null;
  linkedin_url: string | null;
  created_at: string;
  updated_at: string;
}

function accountFromRow(row: AccountRow): Account {
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
  const id = randomId(16);
  const at = now.toISOString();
  db.prepare(
    `INSERT INTO accounts (id, first_name, last_name, email, password_hash, email_verified_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, input.firstName, input.lastName, normaliseEmail(input.email), input.passwordHash, input.verified ? at : null, at, at);
  return (await getAccount(db, id))!;
}

export async function getAccount(db: Db, id: string): Promise<Account | null> {
  const row = db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as AccountRow | undefined;
  return row ? accountFromRow(row) : null;
}

export async function findAccountByPrimaryEmail(db: Db, email: string): Promise<Account | null> {
  const row = db.prepare('SELECT * FROM accounts WHERE email = ?').get(normaliseEmail(email)) as AccountRow | undefined;
  return row ? accountFromRow(row) : null;
}

/** The account for which `email` is a verified address (its verified primary email or a verified alternate). */
export async function findAccountByVerifiedEmail(db: Db, email: string): Promise<Account | null> {
  const address = normaliseEmail(email);
  const row = db
    .prepare(
      `SELECT * FROM accounts WHERE email = @address AND email_verified_at IS NOT NULL
       UNION ALL
       SELECT a.* FROM accounts a JOIN account_emails e ON e.account_id = a.id
       WHERE e.email = @address AND e.verified_at IS NOT NULL
       LIMIT 1`,
    )
    .get({ address }) as AccountRow | undefined;
  return row ? accountFromRow(row) : null;
}

/** True when `email` is some account's primary email or someone's verified alternate: it cannot be used again. */
export async function isEmailTaken(db: Db, email: string): Promise<boolean> {
  const address = normaliseEmail(email);
  const row = db
    .prepare(
      `SELECT 1 FROM accounts WHERE email = @address
       UNION ALL SELECT 1 FROM account_emails WHERE email = @address AND verified_at IS NOT NULL LIMIT 1`,
    )
    .get({ address });
  return row !== undefined;
}

export async function markPrimaryEmailVerified(db: Db, accountId: string, now = new Date()): Promise<void> {
  db.prepare('UPDATE accounts SET email_verified_at = coalesce(email_verified_at, ?), updated_at = ? WHERE id = ?').run(
    now.toISOString(),
    now.toISOString(),
    accountId,
  );
}

/** Counts one failed sign-in; locks the account when the count reaches `lockAfter`. Returns the new state. */
export async function recordFailedLogin(db: Db, accountId: string, lockAfter: number, now = new Date()): Promise<{ failedLogins: number; locked: boolean }> {
  const row = db
    .prepare(
      `UPDATE accounts SET failed_logins = failed_logins + 1,
         locked_at = CASE WHEN locked_at IS NULL AND failed_logins + 1 >= @lockAfter THEN @now ELSE locked_at END
       WHERE id = @accountId RETURNING failed_logins, locked_at`,
    )
    .get({ accountId, lockAfter, now: now.toISOString() }) as { failed_logins: number; locked_at: string | null };
  return { failedLogins: row.failed_logins, locked: row.locked_at !== null };
}

export async function clearFailedLogins(db: Db, accountId: string): Promise<void> {
  db.prepare('UPDATE accounts SET failed_logins = 0 WHERE id = ? AND failed_logins <> 0').run(accountId);
}

export async function unlockAccount(db: Db, accountId: string, now = new Date()): Promise<void> {
  db.prepare('UPDATE accounts SET locked_at = NULL, failed_logins = 0, updated_at = ? WHERE id = ?').run(now.toISOString(), accountId);
}

export async function setPasswordHash(db: Db, accountId: string, passwordHash: string, now = new Date()): Promise<void> {
  db.prepare('UPDATE accounts SET password_hash = ?, updated_at = ? WHERE id = ?').run(passwordHash, now.toISOString(), accountId);
}

export interface ProfileUpdate {
  workplace: string | null;
  professionalTitle: string | null;
  linkedinUrl: string | null;
}

export async function updateProfile(db: Db, accountId: string, profile: ProfileUpdate, now = new Date()): Promise<void> {
  db.prepare('UPDATE accounts SET workplace = ?, professional_title = ?, linkedin_url = ?, updated_at = ? WHERE id = ?').run(
    profile.workplace,
    profile.professionalTitle,
    profile.linkedinUrl,
    now.toISOString(),
    accountId,
  );
}

export interface AlternateEmail {
  email: string;
  verifiedAt: string | null;
}

export async function listAlternateEmails(db: Db, accountId: string): Promise<AlternateEmail[]> {
  return (
    db.prepare('SELECT email, verified_at FROM account_emails WHERE account_id = ? ORDER BY created_at, email').all(accountId) as {
      email: string;
      verified_at: string | null;
    }[]
  ).map((row) => ({ email: row.email, verifiedAt: row.verified_at }));
}

/** Adds an unverified alternate email (no-op when already listed). */
export async function addAlternateEmail(db: Db, accountId: string, email: string, now = new Date()): Promise<void> {
  db.prepare('INSERT OR IGNORE INTO account_emails (account_id, email, created_at) VALUES (?, ?, ?)').run(
    accountId,
    normaliseEmail(email),
    now.toISOString(),
  );
}

/** Marks an alternate email verified (adding it if missing); false when the address already counts for someone. */
export async function verifyAlternateEmail(db: Db, accountId: string, email: string, now = new Date()): Promise<boolean> {
  const address = normaliseEmail(email);
  return db.transaction(() => {
    const primaryElsewhere = db.prepare('SELECT 1 FROM accounts WHERE email = ? AND id <> ?').get(address, accountId);
    const verifiedElsewhere = db
      .prepare('SELECT 1 FROM account_emails WHERE email = ? AND account_id <> ? AND verified_at IS NOT NULL')
      .get(address, accountId);
    if (primaryElsewhere || verifiedElsewhere) return false;
    const own = db.prepare('SELECT email FROM accounts WHERE id = ?').get(accountId) as { email: string } | undefined;
    if (!own) return false;
    if (own.email === address) return true;
    db.prepare(
      `INSERT INTO account_emails (account_id, email, verified_at, created_at) VALUES (@accountId, @address, @now, @now)
       ON CONFLICT (account_id, email) DO UPDATE SET verified_at = coalesce(verified_at, @now)`,
    ).run({ accountId, address, now: now.toISOString() });
    return true;
  })();
}

export async function removeAlternateEmail(db: Db, accountId: string, email: string): Promise<boolean> {
  return db.prepare('DELETE FROM account_emails WHERE account_id = ? AND email = ?').run(accountId, normaliseEmail(email)).changes === 1;
}

/** True when the account holds at least one badge issued by `issuerId`. */
export async function accountHoldsIssuerBadge(db: Db, accountId: string, issuerId: string): Promise<boolean> {
  const row = db
    .prepare(
      `SELECT 1 FROM assertions a JOIN badge_classes b ON b.id = a.badge_class_id
       WHERE a.account_id = ? AND b.issuer_id = ? LIMIT 1`,
    )
    .get(accountId, issuerId);
  return row !== undefined;
}

/**
 * Deletes an account and its personal data: the account row, its emails, sessions, tokens and mail go; its badges
 * stay as issued records (the Open Badges hash is kept) but lose name and email and stop being public,
 * so they verify as not_found.
 */
export async function deleteAccount(db: Db, accountId: string): Promise<boolean> {
  return db.transaction(() => {
    const owned = db.prepare('SELECT id FROM assertions WHERE account_id = ?').all(accountId) as { id: string }[];
    const removeTokens = db.prepare('DELETE FROM one_time_tokens WHERE assertion_id = ?');
    for (const { id } of owned) removeTokens.run(id);
    db.prepare(
      `UPDATE assertions SET is_public = 0, recipient_name = '', recipient_email = '', account_id = NULL WHERE account_id = ?`,
    ).run(accountId);
    // Mail to the person's addresses holds their name and links: it goes too, sent or not.
    const addresses = db
      .prepare('SELECT email FROM accounts WHERE id = @accountId UNION SELECT email FROM account_emails WHERE account_id = @accountId')
      .all({ accountId }) as { email: string }[];
    for (const { email } of addresses) {
      db.prepare('DELETE FROM mail_queue WHERE to_address = ?').run(email);
      db.prepare('DELETE FROM outbox WHERE to_address = ?').run(email);
    }
    return db.prepare('DELETE FROM accounts WHERE id = ?').run(accountId).changes === 1;
  })();
}
