import type { ColumnType, Generated } from 'kysely';
import type { BadgeAttributeKind } from '../../../shared/schemas/attributes';
import type { BadgeCategory } from '../../../shared/schemas/verify';
import type { MatchingTables } from './schemaMatching';

/**
 * The tables as both engines hold them (the migrations create the same columns on SQLite and PostgreSQL).
 * Times are ISO 8601 strings; flags are integers 0/1 on both engines, so rows read the same everywhere.
 */
export interface Database extends MatchingTables {
  issuers: IssuersTable;
  issuer_api_keys: IssuerApiKeysTable;
  badge_classes: BadgeClassesTable;
  /** The catalogue's full-text index (FTS5 on SQLite, tsvector + pg_trgm on PostgreSQL): only db/search.ts reads it. */
  badge_classes_fts: BadgeClassesFtsTable;
  assertions: AssertionsTable;
  accounts: AccountsTable;
  account_emails: AccountEmailsTable;
  sessions: SessionsTable;
  one_time_tokens: OneTimeTokensTable;
  mail_queue: MailQueueTable;
  outbox: OutboxTable;
  assertion_daily_counts: AssertionDailyCountsTable;
  assertion_daily_verifications: AssertionDailyVerificationsTable;
  verify_data_version: VerifyDataVersionTable;
  rate_limit_counters: RateLimitCountersTable;
  issuer_keys: IssuerKeysTable;
  status_lists: StatusListsTable;
  assertion_credentials: AssertionCredentialsTable;
  verification_cache: VerificationCacheTable;
  counter_salts: CounterSaltsTable;
  assertion_event_clients: AssertionEventClientsTable;
  bulk_jobs: BulkJobsTable;
  bulk_job_rows: BulkJobRowsTable;
  imported_badges: ImportedBadgesTable;
  requirements: RequirementsTable;
  badge_class_requirements: BadgeClassRequirementsTable;
  requirement_completions: RequirementCompletionsTable;
  issuer_staff: IssuerStaffTable;
  issuer_staff_invitations: IssuerStaffInvitationsTable;
  console_audit_log: ConsoleAuditLogTable;
  self_claims: SelfClaimsTable;
  skill_synonyms: SkillSynonymsTable;
  issuer_members: IssuerMembersTable;
  membership_link_requests: MembershipLinkRequestsTable;
  membership_badges: MembershipBadgesTable;
}

/** 0 or 1; defaults to 0 on insert. */
type Flag = ColumnType<number, number | undefined, number>;

export interface IssuersTable {
  id: string;
  name: string;
  url: string;
  email: string;
  description: string | null;
  image: string | null;
  linkedin_org_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface IssuerApiKeysTable {
  id: string;
  issuer_id: string;
  key_hash: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
  last_used_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface BadgeClassesTable {
  id: string;
  issuer_id: string;
  name: string;
  description: string;
  image: string | null;
  category: BadgeCategory;
  criteria_narrative: string;
  /** JSON arrays as text. */
  requirements: ColumnType<string, string | undefined, string>;
  skills: ColumnType<string, string | undefined, string>;
  alignment: ColumnType<string, string | undefined, string>;
  validity_months: number | null;
  offers_certificate: Flag;
  created_at: string;
  updated_at: string;
  /** Archived: no new badges are issued from it; those issued stay as they are. */
  archived_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The attribute its badges carry: both set or both null. */
  attribute_kind: ColumnType<BadgeAttributeKind | null, BadgeAttributeKind | null | undefined, BadgeAttributeKind | null>;
  attribute_label: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface BadgeClassesFtsTable {
  badge_class_id: string;
}

export type ClaimState = 'pending' | 'accepted' | 'declined';

export interface AssertionsTable {
  id: string;
  badge_class_id: string;
  recipient_email: string;
  recipient_salt: string;
  recipient_hash: string;
  recipient_name: string;
  issued_on: string;
  expires: string | null;
  evidence_url: string | null;
  narrative: string | null;
  revoked: Flag;
  revocation_reason: string | null;
  revoked_at: string | null;
  claim_state: ColumnType<ClaimState, ClaimState | undefined, ClaimState>;
  is_public: ColumnType<number, number | undefined, number>;
  created_at: string;
  account_id: string | null;
  /** When the badge joined an earner's account; accepted and declined: when the earner decided (analytics). */
  claimed_at: ColumnType<string | null, string | null | undefined, string | null>;
  accepted_at: ColumnType<string | null, string | null | undefined, string | null>;
  declined_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** The value of its badge class's attribute, as JSON. */
  attribute_value: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AccountsTable {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  password_hash: string;
  email_verified_at: string | null;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_at: string | null;
  workplace: string | null;
  professional_title: string | null;
  linkedin_url: string | null;
  created_at: string;
  updated_at: string;
  /** Sign-in attempts whose password check is under way; they count as forgotten after `login_attempts_until`. */
  login_attempts_pending: ColumnType<number, number | undefined, number>;
  login_attempts_until: ColumnType<string | null, string | null | undefined, string | null>;
  /** Raised whenever the password changes: sessions of an older version stop working. */
  credential_version: ColumnType<number, number | undefined, number>;
}

export interface AccountEmailsTable {
  account_id: string;
  email: string;
  verified_at: string | null;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  secret_hash: string;
  account_id: string;
  kind: 'cookie' | 'bearer';
  created_at: string;
  expires_at: string;
  /** The account's credential_version when the session was created. */
  credential_version: number;
}

export interface OneTimeTokensTable {
  id: string;
  secret_hash: string;
  kind: 'claim' | 'activation' | 'reset' | 'alt_email';
  account_id: string | null;
  assertion_id: string | null;
  email: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** Activation links: the registration they confirm (its password hash and names). */
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  first_name: ColumnType<string | null, string | null | undefined, string | null>;
  last_name: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MailQueueTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  status: ColumnType<'queued' | 'sent' | 'failed', 'queued' | undefined, 'queued' | 'sent' | 'failed'>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: string;
  last_error: string | null;
  sent_at: string | null;
  created_at: string;
  /** While a worker sends the message: until when it holds it, and its claim (see db/mailQueue.ts). */
  lease_until: string | null;
  lease_token: string | null;
  /** The Message-ID header, fixed when the message is queued: every delivery of it carries the same one. */
  message_id: ColumnType<string, string | undefined, string>;
}

export interface OutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  html: string;
  text: string;
  created_at: string;
}

export interface AssertionDailyCountsTable {
  assertion_id: string;
  event: string;
  day: string;
  count: number;
}

/** Badges of this server verified through POST /api/v1/verify, per UTC day. */
export interface AssertionDailyVerificationsTable {
  assertion_id: string;
  day: string;
  count: number;
}

/** One row (id 1): bumped by triggers on every change a verify answer would show (migration 019). */
export interface VerifyDataVersionTable {
  id: number;
  /** bigint on PostgreSQL: read as a string there. */
  version: number | string;
}

export interface RateLimitCountersTable {
  rule: string;
  client: string;
  /** Milliseconds since the epoch. */
  window_ends_at: number;
  hits: number;
}

/** An issuer's Ed25519 key `key-<key_number>`; the private half sealed under KEY_ENCRYPTION_KEY, null once withdrawn. */
export interface IssuerKeysTable {
  issuer_id: string;
  key_number: number;
  public_key_multibase: string;
  encrypted_private_key: string | null;
  created_at: string;
  withdrawn_at: string | null;
}

/** An issuer's Bitstring Status List; `version` grows whenever its bits or its signing key may have changed. */
export interface StatusListsTable {
  issuer_id: string;
  list_number: number;
  length: number;
  version: ColumnType<number, number | undefined, number>;
  /** The signed BitstringStatusListCredential of `signed_version`, as served. */
  signed_credential: string | null;
  signed_version: number | null;
  created_at: string;
}

/** One badge's Open Badges 3.0 credential: unsigned (queued for signing) until `signed_at`, then signed once. */
export interface AssertionCredentialsTable {
  assertion_id: string;
  issuer_id: string;
  list_number: number;
  status_index: number;
  /** Null: to be built from the badge's current data; then the unsigned document; from `signed_at` on, the signed one. */
  credential: string | null;
  signed_at: string | null;
  /** The issuer key that signed it. */
  key_number: number | null;
  created_at: string;
  lease_until: string | null;
  lease_token: string | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
}

export interface VerificationCacheTable {
  /** The verified item: a URL, or `credential:<sha256>` of an inline credential. */
  key: string;
  /** The outcome as JSON. */
  outcome: string;
  /** Milliseconds since the epoch. */
  expires_at: number;
}

/** One random salt per UTC day for the counted-client hashes; deleted once the day is over. */
export interface CounterSaltsTable {
  day: string;
  salt: string;
}

/** A client a badge's counter of `event` already counted on `day` (hashes with the day's salt, never addresses). */
export interface AssertionEventClientsTable {
  assertion_id: string;
  event: string;
  day: string;
  client_hash: string;
  address_hash: string;
}

export type BulkJobState = 'queued' | 'running' | 'done' | 'failed';
export type BulkRowStatus = 'pending' | 'issued' | 'skipped' | 'error';
type Count = ColumnType<number, number | undefined, number>;

/** A bulk issuing job (db/bulkJobs.ts): its counters grow as its rows are handled, chunk by chunk. */
export interface BulkJobsTable {
  id: string;
  issuer_id: string;
  badge_class_id: string;
  state: ColumnType<BulkJobState, BulkJobState | undefined, BulkJobState>;
  total: number;
  processed: Count;
  issued: Count;
  skipped: Count;
  errors: Count;
  /** Why a job failed (state 'failed'), for its issuer. */
  failure: string | null;
  /** While a node works on the job: until when it holds it, and its claim. */
  lease_until: string | null;
  lease_token: string | null;
  created_at: string;
  updated_at: string;
}

/** A requirement an issuer defines once and lists as an option on any number of its badge classes. */
export interface RequirementsTable {
  id: string;
  issuer_id: string;
  kind: 'course' | 'seminar' | 'quiz' | 'conference' | 'other';
  title: string;
  /** '' when the requirement has no URL: (issuer_id, title, url) is unique. */
  url: string;
  provider: string | null;
  created_at: string;
  updated_at: string;
}

/** One row of an upload, numbered from 1 after the header; `problem` is its validation error, found at upload. */
export interface BulkJobRowsTable {
  job_id: string;
  row: number;
  email: string;
  name: string;
  evidence_url: string | null;
  narrative: string | null;
  expires: string | null;
  problem: string | null;
  status: ColumnType<BulkRowStatus, BulkRowStatus | undefined, BulkRowStatus>;
  assertion_id: string | null;
  /** The attribute value given for the row, as JSON. */
  attribute_value: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Badges an earner imported from other sites (migration 009). */
export interface ImportedBadgesTable {
  id: string;
  account_id: string;
  /** The badge's assertion or credential id: one row per badge and account. */
  badge_key: string;
  /** The URL it was verified from (null when it was handed in as a credential). */
  source_url: string | null;
  /** The credential it was verified from: JSON text or a VC-JWT (null for a URL). */
  credential: string | null;
  platform: string;
  format: 'ob2-hosted' | 'ob3';
  status: 'valid' | 'expired' | 'revoked';
  /** The verified badge (shared VerifiedBadge) as JSON. */
  badge: string;
  is_public: ColumnType<number, number | undefined, number>;
  checked_at: string;
  created_at: string;
}

/** The options of a badge class ("complete any one of these"), in order. */
export interface BadgeClassRequirementsTable {
  badge_class_id: string;
  requirement_id: string;
  position: number;
}

/** A reported completion of a requirement by a person (their normalised address). */
export interface RequirementCompletionsTable {
  requirement_id: string;
  recipient_email: string;
  recipient_name: string;
  completed_on: string;
  evidence_url: string | null;
  created_at: string;
}

export type StaffRole = 'owner' | 'issuer' | 'viewer';

export interface IssuerStaffTable {
  issuer_id: string;
  account_id: string;
  role: StaffRole;
  created_at: string;
  updated_at: string;
}

export interface IssuerStaffInvitationsTable {
  id: string;
  secret_hash: string;
  issuer_id: string;
  email: string;
  role: StaffRole;
  invited_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ConsoleAuditLogTable {
  id: Generated<number>;
  issuer_id: string;
  account_id: string | null;
  actor_email: string;
  action: string;
  subject: string | null;
  detail: string | null;
  created_at: string;
}

/** A skill badge an earner claimed for themselves, not verified yet (migration 012); its id is the badge's public id. */
export interface SelfClaimsTable {
  id: string;
  account_id: string;
  badge_class_id: string;
  created_at: string;
}

/** An issuer's synonyms for one skill (migration 014); `synonyms` is a JSON array of strings. */
export interface SkillSynonymsTable {
  issuer_id: string;
  skill_key: string;
  skill: string;
  synonyms: string;
  updated_at: string;
}

/** One member of an issuer's roster (migration 018); `certifications` is JSON `[{badgeId, since, yearsActive?}]`. */
export interface IssuerMembersTable {
  issuer_id: string;
  member_id: string;
  email: string;
  name: string;
  member_since: string;
  member_until: string | null;
  level: string | null;
  volunteer: Flag;
  certifications: ColumnType<string, string | undefined, string>;
  account_id: string | null;
  linked_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A one-time link mailed to a member's roster address to link the membership to an account (migration 018). */
export interface MembershipLinkRequestsTable {
  id: string;
  secret_hash: string;
  issuer_id: string;
  member_id: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** The badge a roster entry gave its linked earner, per badge class (migration 018). */
export interface MembershipBadgesTable {
  issuer_id: string;
  member_id: string;
  badge_class_id: string;
  assertion_id: string;
}
