import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import { m001Core } from './001-core';
import { m002Earners } from './002-earners';
import { m003Sharing } from './003-sharing';
import { m004CatalogueSearch } from './004-catalogue-search';
import { m005SharedState } from './005-shared-state';
import { m006VerificationCache } from './006-verification-cache';
import { m007AccountHardening } from './007-account-hardening';
import { m008OpenBadges3 } from './008-open-badges-3';
import { m009ImportedBadges } from './009-imported-badges';
import { m011BulkJobs } from './011-bulk-jobs';
import { m010Requirements } from './010-requirements';
import { m012SelfClaims } from './012-self-claims';
import { m013BadgeAttributes } from './013-badge-attributes';
import { m014SkillVocabulary } from './014-skill-vocabulary';
import { m015OrganisationsMatching } from './015-organisations-matching';
import { m016IssuerStaff } from './016-issuer-staff';
import { m017AnalyticsEvents } from './017-analytics-events';
import { m018Memberships } from './018-memberships';
import { m019VerifyDataVersion } from './019-verify-data-version';

/**
 * One step of the schema, for both engines: the same tables and columns, each engine's own DDL. The
 * runner (migrate.ts) calls it inside a transaction and records the new version.
 */
export interface Migration {
  name: string;
  /** SQLite: synchronous, on the better-sqlite3 handle. */
  sqlite(db: BetterSqlite3.Database): void;
  /** PostgreSQL: inside the runner's transaction. */
  postgres(db: Kysely<any>): Promise<void>;
}

/** Ordered: a migration's version is its position (1-based). Append only; never edit a shipped one. */
export const migrations: Migration[] = [
  m001Core,
  m002Earners,
  m003Sharing,
  m004CatalogueSearch,
  m005SharedState,
  m006VerificationCache,
  m007AccountHardening,
  m008OpenBadges3,
  m009ImportedBadges,
  m010Requirements,
  m011BulkJobs,
  m012SelfClaims,
  m013BadgeAttributes,
  m014SkillVocabulary,
  m015OrganisationsMatching,
  m016IssuerStaff,
  m017AnalyticsEvents,
  m018Memberships,
  m019VerifyDataVersion,
];
